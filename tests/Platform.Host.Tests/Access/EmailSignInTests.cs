using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>sist-on's e-mailed codes and the password tenants' reset links, through a real SMTP server.</summary>
public sealed partial class EmailSignInTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Employer = "employer@sist-on.demo";

    [GeneratedRegex(@"\b(\d{6})\b")] private static partial Regex SixDigits();
    [GeneratedRegex(@"(https://[^\s""<]+/mot-de-passe/nouveau\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex ResetLink();

    private static string CodeIn(MimeMessage message) => SixDigits().Match(message.Subject ?? "").Groups[1].Value;

    private Task<HttpResponseMessage> RequestCodeAsync(PortalClient portal, string email) =>
        portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Email"] = email }, "/connexion?handler=Code");

    private Task<HttpResponseMessage> VerifyAsync(PortalClient portal, string email, string code) =>
        portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Email"] = email, ["Code"] = code }, "/connexion?handler=Verifier");

    private async Task<int> OutboxCountAsync(string to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.IgnoreQueryFilters().CountAsync(e => e.To == to);
    }

    [Fact]
    public async Task Sist_on_signs_in_with_a_code_read_from_the_email()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sist-on.localhost");

        var sent = await PortalClient.HtmlAsync(await RequestCodeAsync(portal, Employer));
        Assert.Contains("un code de connexion vient de lui être envoyé", sent);

        var message = await Factory.Smtp.WaitForMessageAsync(Employer);
        Assert.StartsWith("Votre code de connexion : ", message.Subject);
        Assert.Equal("SIST Ouest Normandie", message.From.Mailboxes.Single().Name);
        Assert.Contains("espace adhérent du SIST Ouest Normandie", message.TextBody);
        Assert.Contains("valable 10 minutes", message.TextBody);
        Assert.Contains("02 33 57 00 00", message.TextBody);
        Assert.Contains("#1D4F91", message.HtmlBody);

        var signedIn = await VerifyAsync(portal, Employer, CodeIn(message));
        Assert.Matches(Homes.Company, signedIn.Headers.Location?.OriginalString);
        Assert.Contains("Émilie Employeur", await portal.GetHtmlAsync("/compte"));

        var reused = await PortalClient.HtmlAsync(await VerifyAsync(Factory.PortalFor("sist-on.localhost"), Employer, CodeIn(message)));
        Assert.Contains("Code incorrect ou expiré.", reused);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_nothing_is_sent()
    {
        await DemoData.SeedAsync(Factory.Services);
        var known = await PortalClient.HtmlAsync(await RequestCodeAsync(Factory.PortalFor("sist-on.localhost"), Employer));
        var unknown = await PortalClient.HtmlAsync(await RequestCodeAsync(Factory.PortalFor("sist-on.localhost"), "inconnu@example.fr"));

        Assert.Equal(Strip(known, Employer), Strip(unknown, "inconnu@example.fr"));
        Assert.Equal(0, await OutboxCountAsync("inconnu@example.fr"));
        await Factory.Smtp.WaitForMessageAsync(Employer);
        Assert.Empty(Factory.Smtp.MessagesTo("inconnu@example.fr"));

        static string Strip(string html, string email) =>
            Regex.Replace(html.Replace(email, "EMAIL"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sist-on.localhost");
        await RequestCodeAsync(portal, Employer);
        var code = CodeIn(await Factory.Smtp.WaitForMessageAsync(Employer));

        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains("Code incorrect ou expiré.", await PortalClient.HtmlAsync(await VerifyAsync(portal, Employer, code)));
    }

    [Fact]
    public async Task Wrong_codes_get_the_same_answers_for_a_member_and_an_unknown_email()
    {
        await DemoData.SeedAsync(Factory.Services);
        async Task<List<string>> AnswersAsync(string email)
        {
            var portal = Factory.PortalFor("sist-on.localhost");
            await RequestCodeAsync(portal, email);
            var answers = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                var html = await PortalClient.HtmlAsync(await VerifyAsync(portal, email, "000000"));
                answers.Add(System.Text.RegularExpressions.Regex.Match(html, "Code incorrect[^<]*").Value);
            }
            return answers;
        }
        var member = await AnswersAsync(Employer);
        Assert.Equal(member, await AnswersAsync("personne@example.fr"));
        Assert.All(member, a => Assert.StartsWith("Code incorrect ou expiré.", a));
    }

    [Fact]
    public async Task Five_wrong_tries_void_the_code()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sist-on.localhost");
        await RequestCodeAsync(portal, Employer);
        var code = CodeIn(await Factory.Smtp.WaitForMessageAsync(Employer));
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 4; i++)
            Assert.Contains("Code incorrect ou expiré.", await PortalClient.HtmlAsync(await VerifyAsync(portal, Employer, wrong)));
        // The fifth wrong try voids the code, with the same answer as any wrong code (nothing tells members apart).
        Assert.Contains("Code incorrect ou expiré. Après 5 essais erronés", await PortalClient.HtmlAsync(await VerifyAsync(portal, Employer, wrong)));
        Assert.Contains("Code incorrect ou expiré.", await PortalClient.HtmlAsync(await VerifyAsync(portal, Employer, code)));
    }

    [Fact]
    public async Task A_new_code_is_sent_at_most_once_a_minute_and_replaces_the_old_one()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sist-on.localhost");
        await RequestCodeAsync(portal, Employer);
        await RequestCodeAsync(portal, Employer);
        Assert.Equal(1, await OutboxCountAsync(Employer));
        var first = CodeIn(await Factory.Smtp.WaitForMessageAsync(Employer));

        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await RequestCodeAsync(portal, Employer);
        var second = CodeIn(await Factory.Smtp.WaitForMessageAsync(Employer, count: 2));

        if (first != second)
            Assert.Contains("Code incorrect ou expiré.", await PortalClient.HtmlAsync(await VerifyAsync(portal, Employer, first)));
        Assert.Matches(Homes.Company, (await VerifyAsync(portal, Employer, second)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_api_requests_a_code_and_exchanges_it_for_a_token()
    {
        await DemoData.SeedAsync(Factory.Services);
        var result = await Factory.GraphQLAsync("sist-on.localhost",
            """mutation { requestLoginCode(input: { email: "employer@sist-on.demo" }) { sent errors { code } } }""");
        Assert.True(result.GetProperty("data").GetProperty("requestLoginCode").GetProperty("sent").GetBoolean());
        var code = CodeIn(await Factory.Smtp.WaitForMessageAsync(Employer));

        var token = await Factory.ClientFor("sist-on.localhost").PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "urn:platform:grant-type:email-code", ["email"] = Employer, ["code"] = code,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        var client = Factory.ClientFor("sist-on.localhost");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var me = await (await client.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Employer, me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());

        var refused = await Factory.GraphQLAsync("sstrn.localhost", """mutation { requestLoginCode(input: { email: "employer@sstrn.demo" }) { sent errors { code message } } }""");
        Assert.Equal("EMAIL_CODE_UNAVAILABLE", refused.GetProperty("data").GetProperty("requestLoginCode").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Forgotten_password_sends_a_single_use_link()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sstrn.localhost");
        var sent = await PortalClient.HtmlAsync(await portal.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo" }));
        Assert.Contains("Si un compte correspond", sent);
        var unknown = await PortalClient.HtmlAsync(await portal.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "personne@example.fr" }));
        Assert.Contains("Si un compte correspond", unknown);
        Assert.Equal(0, await OutboxCountAsync("personne@example.fr"));

        var message = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.Equal("Réinitialisation de votre mot de passe", message.Subject);
        Assert.Contains("Service de Santé au Travail de la Région Nantaise", message.TextBody);
        var link = new Uri(ResetLink().Match(message.TextBody ?? "").Groups[1].Value);
        Assert.Equal("sstrn.localhost", link.Host);

        var weak = await PortalClient.HtmlAsync(await portal.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "court" }));
        Assert.Contains("Le mot de passe doit contenir au moins 8 caractères", weak);
        var done = await PortalClient.HtmlAsync(await portal.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "Nantes-2027!" }));
        Assert.Contains("Votre mot de passe a été modifié.", done);

        Assert.Contains("Ce lien n'est plus valable", await portal.GetHtmlAsync(link.PathAndQuery));
        var signIn = await Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion",
            new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = "Nantes-2027!" });
        Assert.Matches(Homes.Company, signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_reset_link_expires_after_an_hour()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sst68.localhost");
        await portal.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "680001" });
        var link = new Uri(ResetLink().Match((await Factory.Smtp.WaitForMessageAsync("employer@sst68.demo")).TextBody ?? "").Groups[1].Value);

        Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains("Ce lien n'est plus valable", await portal.GetHtmlAsync(link.PathAndQuery));
    }
}
