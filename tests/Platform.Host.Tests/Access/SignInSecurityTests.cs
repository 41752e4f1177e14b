using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Sign-in security (issue 9, findings 2, 5, 9, 10, 11; issue 14, points 14 and 15): second factors per
/// tenant and used once, the platform's password minimum, sweeps from one address, the owner's unlock
/// link, atomic code tries, answers that reveal nothing, sstbtp-bfc's account page.
/// </summary>
public sealed partial class SignInSecurityTests(SignInSecurityTests.SweepFactory factory) : PlatformTest<SignInSecurityTests.SweepFactory>(factory)
{
    /// <summary>E-mails through the real SMTP server; five failures from one address close it; tests choose their address.</summary>
    public sealed class SweepFactory : EmailFactory
    {
        public const string AddressHeader = "X-Test-Address";

        protected override IEnumerable<(string Key, string Value)> Settings =>
            base.Settings.Append(("RateLimits:SignInFailuresPerIpPer15Minutes", "5"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, AddressFromHeader>());
        }

        /// <summary>The test server has no client address: a test header gives one, as a proxy would.</summary>
        private sealed class AddressFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue(AddressHeader, out var value)) context.Connection.RemoteIpAddress = IPAddress.Parse(value!);
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    private static int lastAddress;

    [GeneratedRegex(@"(https?://[^\s""<]+/personnel/activation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex EnrolmentLink();
    [GeneratedRegex(@"<code id=""secret"">([A-Z2-7]+)</code>")] private static partial Regex Secret();
    [GeneratedRegex(@"(https?://[^\s""<]+/mot-de-passe/nouveau\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex ResetLink();
    [GeneratedRegex(@"(https?://[^\s""<]+/deblocage\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex UnlockLink();
    [GeneratedRegex(@"(https?://[^\s""<]+/compte/email-de-recuperation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex RecoveryLink();
    [GeneratedRegex(@"<p class=""error"" role=""alert"" id=""erreur-connexion"">([^<]*)</p>")] private static partial Regex SignInError();
    [GeneratedRegex(@"\b(\d{6})\b")] private static partial Regex SixDigits();

    /// <summary>A portal from its own address (each test gets fresh ones, so that no test closes another's).</summary>
    private PortalClient Portal(string host, string? address = null)
    {
        var portal = Factory.PortalFor(host);
        portal.Http.DefaultRequestHeaders.Add(SweepFactory.AddressHeader, address ?? NewAddress());
        return portal;
    }

    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref lastAddress);
        return $"198.51.{n / 250}.{n % 250 + 1}";
    }

    private static Task<HttpResponseMessage> SignInAsync(PortalClient portal, string identifier, string password, bool staff = false) =>
        portal.SubmitAsync(staff ? "/connexion?personnel=true" : "/connexion", new Dictionary<string, string> { ["Identifier"] = identifier, ["Password"] = password });

    private static async Task<string> SignInErrorAsync(PortalClient portal, string identifier, string password, bool staff = false) =>
        SignInError().Match(await PortalClient.HtmlAsync(await SignInAsync(portal, identifier, password, staff))).Groups[1].Value;

    private async Task<PortalClient> SignedInAsync(string host, string identifier, string password)
    {
        var portal = Portal(host);
        var response = await SignInAsync(portal, identifier, password);
        Assert.Matches(Homes.Any, response.Headers.Location?.OriginalString);
        return portal;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAttemptAsync(string host, string username, string code)
    {
        var form = new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = username, ["password"] = DemoData.Password, ["authenticator_code"] = code,
        };
        var client = Factory.ClientFor(host);
        client.DefaultRequestHeaders.Add(SweepFactory.AddressHeader, NewAddress());
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static Uri LinkIn(Regex pattern, MimeMessage message) => new(pattern.Match(message.TextBody ?? "").Groups[1].Value);

    // Finding 2: a second factor belongs to the tenant it protects.
    [Fact]
    public async Task A_person_staff_on_two_tenants_keeps_working_codes_on_the_first_after_being_added_to_the_second()
    {
        await DemoData.SeedAsync(Factory.Services);
        var admin68 = await Factory.StaffPortalAsync("sst68.localhost", "admin@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var added = await PortalClient.HtmlAsync(await admin68.SubmitAsync("/administration/personnel",
            new Dictionary<string, string> { ["FirstName"] = "Sophie", ["LastName"] = "Service-Adhérents", ["Email"] = "staff@sstrn.demo", ["Role"] = "Staff" },
            "/administration/personnel?handler=Ajouter"));
        Assert.Contains("Un e-mail d'activation a été envoyé à staff@sstrn.demo.", added);

        // On sstrn, nothing changed: the authenticator the person has works as before.
        var onSstrn = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.Equal(HttpStatusCode.OK, (await onSstrn.GetAsync("/personnel")).StatusCode);

        // sst68's membership has its own secret, registered from the enrolment link; it serves on sst68 only.
        var link = LinkIn(EnrolmentLink(), await Factory.Smtp.WaitForMessageAsync("staff@sstrn.demo"));
        var newcomer = Factory.PortalFor("sst68.localhost");
        var secret = Secret().Match(await (await newcomer.GetAsync(link.PathAndQuery)).Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.NotEqual(DemoData.StaffTotpSecret, secret);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var done = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link.PathAndQuery,
            new Dictionary<string, string> { ["Code"] = TotpCodes.CurrentCode(secret, Factory.Clock.GetUtcNow()) }));
        Assert.Contains("Votre accès est activé", done);

        var on68 = await Factory.StaffPortalAsync("sst68.localhost", "staff@sstrn.demo", DemoData.Password, secret);
        Assert.Equal(HttpStatusCode.OK, (await on68.GetAsync("/personnel")).StatusCode);
        var againOnSstrn = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.Equal(HttpStatusCode.OK, (await againOnSstrn.GetAsync("/personnel")).StatusCode);
        var sstrnCodeOn68 = await Factory.StaffPortalAsync("sst68.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.NotEqual(HttpStatusCode.OK, (await sstrnCodeOn68.GetAsync("/personnel")).StatusCode);
    }

    // Finding 10: a code serves once, even when sent twice at the same time.
    [Fact]
    public async Task An_authenticator_code_cannot_be_replayed_within_its_window()
    {
        await DemoData.SeedAsync(Factory.Services);
        var code = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow());
        var (first, _) = await TokenAttemptAsync("sstrn.localhost", "staff@sstrn.demo", code);
        Assert.Equal(HttpStatusCode.OK, first);
        var (replayed, body) = await TokenAttemptAsync("sstrn.localhost", "staff@sstrn.demo", code);
        Assert.Equal(HttpStatusCode.BadRequest, replayed);
        Assert.Contains("Code de l'application d'authentification incorrect.", body.GetProperty("error_description").GetString());

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow());
        var together = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => TokenAttemptAsync("sstrn.localhost", "staff@sstrn.demo", next)));
        Assert.Equal(1, together.Count(r => r.Status == HttpStatusCode.OK));
    }

    // Finding 10: the e-mailed code's tries are counted atomically.
    [Fact]
    public async Task Concurrent_wrong_codes_cannot_exceed_the_limit_of_tries()
    {
        const string employer = "employer@sist-on.demo";
        await DemoData.SeedAsync(Factory.Services);
        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<EmailCodeSignIn>().RequestAsync(employer)).Errors);
        var code = SixDigits().Match((await Factory.Smtp.WaitForMessageAsync(employer)).Subject ?? "").Groups[1].Value;
        var wrong = code == "000000" ? "111111" : "000000";

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateTenantScope("sist-on");
            var outcome = await scope.ServiceProvider.GetRequiredService<EmailCodeSignIn>().VerifyAsync(employer, wrong, NewAddress(), null);
            Assert.False(outcome.Succeeded);
        }));

        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
        {
            var right = await scope.ServiceProvider.GetRequiredService<EmailCodeSignIn>().VerifyAsync(employer, code, NewAddress(), null);
            Assert.False(right.Succeeded); // five tries were used up: the code is void, even the right one
            var tries = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().LoginCodes.Select(c => c.WrongTries).SingleAsync();
            Assert.Equal(5, tries);
        }
    }

    // Finding 5: one platform-wide minimum, even where the tenant has no password rule.
    [Fact]
    public async Task A_reset_through_sist_on_refuses_a_password_below_the_platform_minimum()
    {
        await DemoData.SeedAsync(Factory.Services);
        var request = Portal("sist-on.localhost");
        await request.SubmitAsync("/connexion?personnel=true", new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail }, "/mot-de-passe-oublie");
        var link = LinkIn(ResetLink(), await Factory.Smtp.WaitForMessageAsync(DemoData.AccountantEmail));
        var portal = Portal("sist-on.localhost");

        var weak = await PortalClient.HtmlAsync(await portal.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "a" }));
        Assert.Contains("Le mot de passe doit contenir au moins 8 caractères, une majuscule, un chiffre et un caractère spécial.", weak);
        var noSpecial = await PortalClient.HtmlAsync(await portal.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "Comptable2027" }));
        Assert.Contains("un caractère spécial", noSpecial);
        var done = await PortalClient.HtmlAsync(await portal.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "Comptable-2027!" }));
        Assert.Contains("Votre mot de passe a été modifié.", done);
        await SignedInAsync("sstrn.localhost", DemoData.AccountantEmail, "Comptable-2027!");

        // The page offers the form to those who have a password there (staff, accounts that sign in elsewhere).
        Assert.Contains("name=\"Identifier\"", await Portal("sist-on.localhost").GetHtmlAsync("/mot-de-passe-oublie"));
    }

    // Finding 9: failures from one address across accounts stop a sweep without blocking the accounts.
    [Fact]
    public async Task A_sweep_from_one_address_is_stopped_without_blocking_the_accounts()
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(15)); // the address's failures must not be split over two windows
        var attacker = Portal("sst68.localhost");
        foreach (var number in new[] { "680001", "680002", "689991", "689992", "689993" })
            Assert.Equal("Identifiant ou mot de passe incorrect.", await SignInErrorAsync(attacker, number, "Devine-2026!"));

        // sst68 blocks after three failures; these would block 680001 if they counted.
        for (var i = 0; i < 3; i++)
            Assert.Equal("Trop de tentatives de connexion depuis votre adresse : réessayez dans quelques minutes.",
                await SignInErrorAsync(attacker, "680001", "Devine-2026!"));
        Assert.Equal("Trop de tentatives de connexion depuis votre adresse : réessayez dans quelques minutes.",
            await SignInErrorAsync(attacker, "680001", DemoData.Password));

        await SignedInAsync("sst68.localhost", "680001", DemoData.Password);
    }

    // Finding 9: the owner of a blocked account unlocks it from an e-mailed link; staff still can.
    [Fact]
    public async Task The_owner_of_a_blocked_account_unlocks_it_from_the_emailed_link()
    {
        const string blocked = "Votre espace a été bloqué. Contactez le service administratif de Santé au Travail 68 au 03 89 36 30 15.";
        await DemoData.SeedAsync(Factory.Services);
        var stranger = Portal("sst68.localhost");
        await SignInErrorAsync(stranger, "680001", "Devine-2026!");
        await SignInErrorAsync(Portal("sst68.localhost"), "680001", "Devine-2026!");
        Assert.Equal(blocked, await SignInErrorAsync(Portal("sst68.localhost"), "680001", "Devine-2026!"));
        Assert.Equal(blocked, await SignInErrorAsync(Portal("sst68.localhost"), "680001", DemoData.Password));

        var message = await Factory.Smtp.WaitForMessageAsync("employer@sst68.demo");
        Assert.Equal("Votre espace adhérent a été bloqué", message.Subject);
        var link = LinkIn(UnlockLink(), message);
        var owner = Portal("sst68.localhost");
        Assert.Contains("Débloquer mon espace", await owner.GetHtmlAsync(link.PathAndQuery));
        Assert.Equal(blocked, await SignInErrorAsync(Portal("sst68.localhost"), "680001", DemoData.Password)); // opening the link is not enough
        var unlocked = await PortalClient.HtmlAsync(await owner.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>()));
        Assert.Contains("Votre espace est débloqué", unlocked);
        await SignedInAsync("sst68.localhost", "680001", DemoData.Password);
        Assert.Contains("Ce lien de déblocage n'est plus valable", await Portal("sst68.localhost").GetHtmlAsync(link.PathAndQuery));
    }

    // Issue 14, point 15: wrong current passwords on /compte count like failed sign-ins.
    [Fact]
    public async Task Wrong_current_passwords_on_the_account_page_are_throttled_like_sign_in_failures()
    {
        const string blocked = "Votre espace a été bloqué. Contactez le service administratif de Santé au Travail 68 au 03 89 36 30 15.";
        await DemoData.SeedAsync(Factory.Services);
        var borrowed = await SignedInAsync("sst68.localhost", "680001", DemoData.Password);
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
            answers.Add(await PortalClient.HtmlAsync(await borrowed.SubmitAsync("/compte",
                new Dictionary<string, string> { ["CurrentPassword"] = $"Devine-{i}!", ["NewPassword"] = "Nouveau-2027!" })));
        Assert.Contains("Le mot de passe actuel est incorrect.", answers[0]);
        Assert.Contains(blocked, answers[2]);
        Assert.Contains(blocked, answers[3]);
        Assert.Equal(blocked, await SignInErrorAsync(Portal("sst68.localhost"), "680001", DemoData.Password));
    }

    // Finding 11: answers that tell nothing about who has an account.
    [Fact]
    public async Task Staff_members_and_unknown_emails_get_the_same_answer_on_a_code_tenant()
    {
        await DemoData.SeedAsync(Factory.Services);
        var staff = await SignInErrorAsync(Portal("sist-on.localhost"), "staff@sist-on.demo", "Devine-2026!", staff: true);
        var member = await SignInErrorAsync(Portal("sist-on.localhost"), "employer@sist-on.demo", "Devine-2026!", staff: true);
        var unknown = await SignInErrorAsync(Portal("sist-on.localhost"), "inconnu@example.fr", "Devine-2026!", staff: true);
        Assert.NotEmpty(staff);
        Assert.Equal(staff, member);
        Assert.Equal(staff, unknown);

        Assert.Equal(await SignInErrorAsync(Portal("sst68.localhost"), "680001", "Devine-2026!"),
            await SignInErrorAsync(Portal("sst68.localhost"), "689999", "Devine-2026!"));
        var knownReset = await PortalClient.HtmlAsync(await Portal("sst68.localhost").SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "680001" }));
        var unknownReset = await PortalClient.HtmlAsync(await Portal("sst68.localhost").SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "689999" }));
        Assert.Equal(WithoutTokens(knownReset.Replace("680001", "N")), WithoutTokens(unknownReset.Replace("689999", "N")));

        // Unknown member numbers lock as accounts do (sst68: blocked after three failures, with the seed's message).
        var answers = new List<string>();
        for (var i = 0; i < 3; i++) answers.Add(await SignInErrorAsync(Portal("sst68.localhost"), "689998", "Devine-2026!"));
        Assert.Equal("Identifiant ou mot de passe incorrect.", answers[1]);
        Assert.Equal("Votre espace a été bloqué. Contactez le service administratif de Santé au Travail 68 au 03 89 36 30 15.", answers[2]);
        Assert.Equal(answers[2], await SignInErrorAsync(Portal("sst68.localhost"), "689998", DemoData.Password));

        static string WithoutTokens(string html) => Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
    }

    // Issue 14, point 14: sstbtp-bfc's strength meter, where the tenant asks for it, from a script file.
    [Fact]
    public async Task Sstbtp_bfc_shows_the_strength_meter_on_the_forms_that_set_a_password()
    {
        await DemoData.SeedAsync(Factory.Services);
        var bfc = await SignedInAsync("sstbtp-bfc.localhost", "250001", DemoData.Password);
        var page = await bfc.GetHtmlAsync("/compte");
        Assert.Contains("niveau de sécurité du mot de passe", page);
        Assert.Contains("data-strength-for=\"nouveau\"", page);
        Assert.Matches("<script src=\"/js/password-strength.js", page);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", page); // no inline script (Content-Security-Policy)
        var script = await bfc.GetAsync("/js/password-strength.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("data-strength-for", await script.Content.ReadAsStringAsync());

        // The reset form too; tenants without the meter do not show it.
        await Portal("sstbtp-bfc.localhost").SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "250001" });
        var link = LinkIn(ResetLink(), await Factory.Smtp.WaitForMessageAsync("employer@sstbtp-bfc.demo"));
        Assert.Contains("data-strength-for=\"nouveau\"", await Portal("sstbtp-bfc.localhost").GetHtmlAsync(link.PathAndQuery));
        var sst68 = await SignedInAsync("sst68.localhost", "680001", DemoData.Password);
        Assert.DoesNotContain("data-strength-for", await sst68.GetHtmlAsync("/compte"));
    }

    // Issue 14, point 14: the recovery e-mail changes only once the link sent to the new address is followed.
    [Fact]
    public async Task The_recovery_email_changes_only_when_confirmed_from_the_new_address()
    {
        const string recovery = "secours@example.fr";
        await DemoData.SeedAsync(Factory.Services);
        var bfc = await SignedInAsync("sstbtp-bfc.localhost", "250001", DemoData.Password);
        Assert.Contains("Email de récupération", await bfc.GetHtmlAsync("/compte"));
        // A borrowed session cannot redirect the reset links: the current password is asked.
        var borrowed = await PortalClient.HtmlAsync(await bfc.SubmitAsync("/compte",
            new Dictionary<string, string> { ["NewRecoveryEmail"] = "voleur@example.fr", ["CurrentPassword"] = "Devine-2026!" }, "/compte?handler=Recuperation"));
        Assert.Contains("Le mot de passe actuel est incorrect.", borrowed);
        var asked = await PortalClient.HtmlAsync(await bfc.SubmitAsync("/compte",
            new Dictionary<string, string> { ["NewRecoveryEmail"] = recovery, ["CurrentPassword"] = DemoData.Password }, "/compte?handler=Recuperation"));
        Assert.Contains($"Un lien de confirmation a été envoyé à {recovery}", asked);
        var confirmation = await Factory.Smtp.WaitForMessageAsync(recovery);
        Assert.Equal("Confirmez votre e-mail de récupération", confirmation.Subject);

        // Not confirmed yet: reset links still go to the account's e-mail.
        await Portal("sstbtp-bfc.localhost").SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "250001" });
        await Factory.Smtp.WaitForMessageAsync("employer@sstbtp-bfc.demo");

        var link = LinkIn(RecoveryLink(), confirmation);
        var confirmed = await PortalClient.HtmlAsync(await Portal("sstbtp-bfc.localhost").SubmitAsync(link.PathAndQuery, new Dictionary<string, string>()));
        Assert.Contains("Votre e-mail de récupération est confirmé", confirmed);
        Assert.Contains($"Adresse actuelle : {recovery}", Regex.Replace(await bfc.GetHtmlAsync("/compte"), "<[^>]+>", ""));
        var reused = await PortalClient.HtmlAsync(await Portal("sstbtp-bfc.localhost").SubmitAsync(link.PathAndQuery, new Dictionary<string, string>()));
        Assert.Contains("n'est plus valable", reused);
        // The account's own address is told of the change.
        Assert.Equal("Votre e-mail de récupération a été modifié", (await Factory.Smtp.WaitForMessageAsync("employer@sstbtp-bfc.demo", count: 2)).Subject);

        await Portal("sstbtp-bfc.localhost").SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "250001" });
        Assert.Equal("Réinitialisation de votre mot de passe", (await Factory.Smtp.WaitForMessageAsync(recovery, count: 2)).Subject);
        Assert.Equal(2, Factory.Smtp.MessagesTo("employer@sstbtp-bfc.demo").Count);
        Assert.Empty(Factory.Smtp.MessagesTo("voleur@example.fr"));
    }
}
