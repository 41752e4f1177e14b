using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Issue 9, finding 4: removing someone, changing their role or resetting their password ends their
/// other sessions: portal cookies within the minute (the security stamp is checked at most once a
/// minute, not on every request) and refresh tokens at once.
/// </summary>
public sealed partial class SessionRevocationTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    [GeneratedRegex(@"(https?://[^\s""<]+/mot-de-passe/nouveau\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex ResetLink();

    private static readonly TimeSpan PastTheCheck = TimeSpan.FromSeconds(61);

    private Task<PortalClient> StaffAsync(string email) => Factory.StaffPortalAsync(Host, email, DemoData.Password, DemoData.StaffTotpSecret);

    private async Task<PortalClient> EmployerPortalAsync(string password = DemoData.Password)
    {
        var portal = Factory.PortalFor(Host);
        var signIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = password });
        Assert.Matches(Homes.Company, signIn.Headers.Location?.OriginalString);
        return portal;
    }

    /// <summary>Where a page sends this session: null when it opens, else the redirect (the sign-in page when signed out).</summary>
    private static async Task<string?> RedirectOfAsync(PortalClient portal, string path)
    {
        using var response = await portal.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? null : response.Headers.Location?.OriginalString ?? response.StatusCode.ToString();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        form.TryAdd("client_id", "portal");
        using var response = await Factory.ClientFor(Host).PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<string> RefreshTokenAsync(string username, string? authenticatorCode = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = DemoData.Password, ["scope"] = "offline_access" };
        if (authenticatorCode is not null) form["authenticator_code"] = authenticatorCode;
        var (status, body) = await TokenAsync(form);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("refresh_token").GetString()!;
    }

    private async Task<HttpStatusCode> RedeemAsync(string refreshToken) =>
        (await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken })).Status;

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var normalized = User.Normalize(email);
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The action of a form in the row of <paramref name="name"/> on an administration page.</summary>
    private static string RowAction(string page, string name, string handler) =>
        Regex.Match(Regex.Replace(page, @"\s+", " "), Regex.Escape(name) + $".*?action=\"([^\"]*handler={handler}[^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task Removed_staff_lose_the_portal_within_the_minute_and_their_refresh_token_at_once()
    {
        await DemoData.SeedAsync(Factory.Services);
        var refresh = await RefreshTokenAsync("staff@sstrn.demo", TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
        Factory.Clock.Advance(TimeSpan.FromSeconds(30)); // a fresh authenticator code for the portal
        var staff = await StaffAsync("staff@sstrn.demo");
        Assert.Null(await RedirectOfAsync(staff, "/personnel"));

        var admin = await StaffAsync("admin@sstrn.demo");
        var remove = RowAction(await admin.GetHtmlAsync("/administration/personnel"), "Sophie Service-Adhérents", "Retirer");
        Assert.Contains("Accès du personnel retiré.", await PortalClient.HtmlAsync(await admin.SubmitAsync("/administration/personnel", new Dictionary<string, string>(), remove)));

        Assert.Equal(HttpStatusCode.BadRequest, await RedeemAsync(refresh));
        // The cookie is trusted for up to a minute without the database, then checked and refused.
        Assert.Null(await RedirectOfAsync(staff, "/personnel"));
        Factory.Clock.Advance(PastTheCheck);
        Assert.Contains("/connexion", await RedirectOfAsync(staff, "/personnel"));
        Assert.Contains("/connexion", await RedirectOfAsync(staff, "/compte"));
    }

    [Fact]
    public async Task A_staff_role_change_takes_effect_within_the_minute()
    {
        await DemoData.SeedAsync(Factory.Services);
        var admin = await StaffAsync("admin@sstrn.demo");
        var promote = RowAction(await admin.GetHtmlAsync("/administration/personnel"), "Sophie Service-Adhérents", "Role");
        await admin.SubmitAsync("/administration/personnel", new Dictionary<string, string> { ["Role"] = "Administrator" }, promote);
        var promoted = await StaffAsync("staff@sstrn.demo");
        Assert.Null(await RedirectOfAsync(promoted, "/administration/personnel"));
        Factory.Clock.Advance(TimeSpan.FromSeconds(30)); // a fresh authenticator code for the token
        var refresh = await RefreshTokenAsync("staff@sstrn.demo", TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));

        var demote = RowAction(await admin.GetHtmlAsync("/administration/personnel"), "Sophie Service-Adhérents", "Role");
        Assert.Contains("Rôle enregistré.", await PortalClient.HtmlAsync(
            await admin.SubmitAsync("/administration/personnel", new Dictionary<string, string> { ["Role"] = "Staff" }, demote)));

        Assert.Equal(HttpStatusCode.BadRequest, await RedeemAsync(refresh));
        Factory.Clock.Advance(PastTheCheck);
        Assert.Contains("/connexion", await RedirectOfAsync(promoted, "/administration/personnel"));
        // Signed in again, the person has the new role only.
        var again = await StaffAsync("staff@sstrn.demo");
        Assert.Equal(HttpStatusCode.Forbidden.ToString(), await RedirectOfAsync(again, "/administration/personnel"));
        Assert.Null(await RedirectOfAsync(again, "/personnel"));
        // The administrator who made the changes was not signed out.
        Assert.Null(await RedirectOfAsync(admin, "/administration/personnel"));
    }

    [Fact]
    public async Task Removal_from_a_company_ends_the_persons_sessions()
    {
        await DemoData.SeedAsync(Factory.Services);
        var accountantId = await UserIdAsync(DemoData.AccountantEmail);
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            company = await db.Companies.Where(c => c.MemberNumber == "101.1").Select(c => c.Id).SingleAsync();
            db.Memberships.Add(new Membership { UserId = accountantId, CompanyId = company, Roles = [CompanyRoles.ReadOnly], CreatedAt = Factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var accountant = Factory.PortalFor(Host);
        await accountant.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail, ["Password"] = DemoData.Password });
        Assert.Null(await RedirectOfAsync(accountant, $"/entreprises/{company}/salaries"));
        var refresh = await RefreshTokenAsync(DemoData.AccountantEmail);

        var employer = await EmployerPortalAsync();
        await employer.SubmitAsync($"/entreprises/{company}/utilisateurs", new Dictionary<string, string>(),
            $"/entreprises/{company}/utilisateurs?handler=Retirer&userId={accountantId}");

        // The company is gone from the accountant's view at once (roles are read per request), the session within the minute.
        Assert.NotNull(await RedirectOfAsync(accountant, $"/entreprises/{company}/salaries"));
        Assert.Equal(HttpStatusCode.BadRequest, await RedeemAsync(refresh));
        Factory.Clock.Advance(PastTheCheck);
        Assert.Contains("/connexion", await RedirectOfAsync(accountant, "/compte"));
        Assert.Null(await RedirectOfAsync(employer, "/compte"));
    }

    [Fact]
    public async Task A_password_reset_signs_the_other_sessions_out()
    {
        await DemoData.SeedAsync(Factory.Services);
        var before = await EmployerPortalAsync();
        var refresh = await RefreshTokenAsync("employer@sstrn.demo");

        var forgotten = Factory.PortalFor(Host);
        await forgotten.SubmitAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo" });
        var link = new Uri(ResetLink().Match((await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo")).TextBody ?? "").Groups[1].Value);
        Assert.Contains("Votre mot de passe a été modifié.", await PortalClient.HtmlAsync(
            await forgotten.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["NewPassword"] = "Nantes-2027!" })));
        var after = await EmployerPortalAsync("Nantes-2027!");

        Assert.Equal(HttpStatusCode.BadRequest, await RedeemAsync(refresh));
        Factory.Clock.Advance(PastTheCheck);
        Assert.Contains("/connexion", await RedirectOfAsync(before, "/compte"));
        Assert.Null(await RedirectOfAsync(after, "/compte"));
    }

    [Fact]
    public async Task Changing_ones_password_keeps_this_session_and_ends_the_others()
    {
        await DemoData.SeedAsync(Factory.Services);
        var here = await EmployerPortalAsync();
        var elsewhere = await EmployerPortalAsync();
        var refresh = await RefreshTokenAsync("employer@sstrn.demo");

        var changed = await PortalClient.HtmlAsync(await here.SubmitAsync("/compte",
            new Dictionary<string, string> { ["CurrentPassword"] = DemoData.Password, ["NewPassword"] = "Nantes-2027!" }));
        Assert.DoesNotContain("incorrect", changed);

        Assert.Equal(HttpStatusCode.BadRequest, await RedeemAsync(refresh));
        Factory.Clock.Advance(PastTheCheck);
        Assert.Null(await RedirectOfAsync(here, "/compte"));
        Assert.Contains("/connexion", await RedirectOfAsync(elsewhere, "/compte"));
    }

    [Fact]
    public async Task Access_tokens_are_signed_not_encrypted_and_short_lived()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (status, body) = await TokenAsync(new() { ["grant_type"] = "password", ["username"] = "employer@sstrn.demo", ["password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, status);
        // A JWS has three parts (header, claims, signature); an encrypted JWE has five.
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(3, token.Split('.').Length);
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 1, 300);
        var me = await Factory.GraphQLAsync(Host, "{ me { email } }", token: token);
        Assert.Equal("employer@sstrn.demo", me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }
}
