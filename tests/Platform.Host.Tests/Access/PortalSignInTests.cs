using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>Each tenant's password sign-in through the portal form, on the documented demo accounts.</summary>
public sealed class PortalSignInTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task SeedAsync() => await DemoData.SeedAsync(Factory.Services);

    private static Dictionary<string, string> Form(string identifier, string password, bool proxy = false) => proxy
        ? new() { ["Identifier"] = identifier, ["Password"] = password, ["AsProxy"] = "true" }
        : new() { ["Identifier"] = identifier, ["Password"] = password };

    private static string? Location(HttpResponseMessage r) => r.Headers.Location?.OriginalString;

    [Fact]
    public async Task Sstrn_employer_signs_in_with_email_and_password()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");

        var response = await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(Homes.Company, Location(response));
        var account = await portal.GetHtmlAsync("/compte");
        Assert.Contains("Émilie Employeur", account);
        Assert.Contains("employer@sstrn.demo", account);
        Assert.Contains("ne peut pas être modifiée", account);
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_get_the_same_answer()
    {
        await SeedAsync();
        var unknown = await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion", Form("personne@nulle-part.fr", "Demo-2026!")));
        var wrong = await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion", Form("employer@sstrn.demo", "Mauvais-1!")));

        Assert.Contains("Identifiant ou mot de passe incorrect.", unknown);
        Assert.Contains("Identifiant ou mot de passe incorrect.", wrong);
    }

    [Fact]
    public async Task Sstrn_locks_for_five_minutes_after_three_failures()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");
        for (var i = 0; i < 2; i++)
            Assert.Contains("Identifiant ou mot de passe incorrect.", await PortalClient.HtmlAsync(await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", "Mauvais-1!"))));
        var third = await PortalClient.HtmlAsync(await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", "Mauvais-1!")));
        Assert.Contains("bloqué pendant encore 5 minutes", third);

        var right = await PortalClient.HtmlAsync(await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password)));
        Assert.Contains("bloqué", right);

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));
        Assert.Matches(Homes.Company, Location(after));
    }

    [Fact]
    public async Task Sst68_signs_in_with_the_member_number_and_stays_blocked_until_staff_unlock()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sst68.localhost");
        Assert.Matches(Homes.Company, Location(await portal.SubmitAsync("/connexion", Form("680001", DemoData.Password))));

        var byEmail = await PortalClient.HtmlAsync(await Factory.PortalFor("sst68.localhost").SubmitAsync("/connexion", Form("employer@sst68.demo", DemoData.Password)));
        Assert.Contains("Identifiant ou mot de passe incorrect.", byEmail);

        var other = Factory.PortalFor("sst68.localhost");
        string last = "";
        for (var i = 0; i < 3; i++) last = await PortalClient.HtmlAsync(await other.SubmitAsync("/connexion", Form("680001", "Mauvais-1!")));
        Assert.Contains("Votre espace a été bloqué", last);
        Assert.Contains("03 89 36 30 15", last);
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("03 89 36 30 15", await PortalClient.HtmlAsync(await other.SubmitAsync("/connexion", Form("680001", DemoData.Password))));

        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var staff = await UserIdAsync(scope.ServiceProvider, "staff@sst68.demo");
            var employer = await UserIdAsync(scope.ServiceProvider, "employer@sst68.demo");
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new System.Security.Claims.ClaimsPrincipal(
                new SignedInUser(staff, "staff@sst68.demo", "Sophie", "sst68", StaffRole.Staff).ToIdentity("test")));
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<AccountService>().UnlockAsync(employer)).Errors);
        }
        Assert.Matches(Homes.Company, Location(await other.SubmitAsync("/connexion", Form("680001", DemoData.Password))));
    }

    [Fact]
    public async Task Sstbtp_bfc_shows_the_last_six_connections_and_accepts_proxies()
    {
        await SeedAsync();
        PortalClient portal = null!;
        for (var i = 0; i < 7; i++)
        {
            portal = Factory.PortalFor("sstbtp-bfc.localhost");
            portal.Http.DefaultRequestHeaders.UserAgent.ParseAdd($"Navigateur-{i}/1.0");
            Factory.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Matches(Homes.Company, Location(await portal.SubmitAsync("/connexion", Form("250001", DemoData.Password))));
        }
        var account = await portal.GetHtmlAsync("/compte");
        Assert.Contains("Mes dernières connexions", account);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(account, "Navigateur-").Count);
        Assert.DoesNotContain("Navigateur-0/", account);
        Assert.Contains("Navigateur-6/1.0", account);

        var proxy = await Factory.PortalFor("sstbtp-bfc.localhost").SubmitAsync("/connexion", Form(DemoData.AccountantEmail, DemoData.Password, proxy: true));
        Assert.Matches(Homes.Company, Location(proxy));
        var notProxy = await Factory.PortalFor("sstbtp-bfc.localhost").SubmitAsync("/connexion", Form(DemoData.AccountantEmail, DemoData.Password));
        Assert.Contains("Identifiant ou mot de passe incorrect.", await PortalClient.HtmlAsync(notProxy));
    }

    [Fact]
    public async Task Tenants_without_history_show_none()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));
        Assert.DoesNotContain("Mes dernières connexions", await portal.GetHtmlAsync("/compte"));
    }

    [Fact]
    public async Task Sist_on_employers_have_no_password_sign_in()
    {
        await SeedAsync();
        var html = await PortalClient.HtmlAsync(await Factory.PortalFor("sist-on.localhost")
            .SubmitAsync("/connexion?personnel=true", Form("employer@sist-on.demo", DemoData.Password)));
        Assert.Contains("code envoyé par e-mail", html);
    }

    [Theory]
    [InlineData("sstrn.localhost", "staff@sstrn.demo", "/personnel")]
    [InlineData("sist-on.localhost", "admin@sist-on.demo", "/administration/regles")]
    [InlineData("sst68.localhost", "staff@sst68.demo", "/personnel")]
    public async Task Staff_confirm_with_an_authenticator_code(string host, string email, string home)
    {
        await SeedAsync();
        var portal = Factory.PortalFor(host);
        var step1 = await portal.SubmitAsync("/connexion?personnel=true", Form(email, DemoData.Password));
        Assert.Equal("/connexion/authentificateur", Location(step1));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/compte")).StatusCode); // not signed in yet

        var wrong = await portal.SubmitAsync("/connexion/authentificateur", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("Code de l'application d'authentification incorrect.", await PortalClient.HtmlAsync(wrong));

        var code = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow());
        var step2 = await portal.SubmitAsync("/connexion/authentificateur", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(home, Location(step2)); // staff land on their desk, administrators on the rules
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task The_authenticator_step_needs_a_checked_password_first()
    {
        var response = await Factory.PortalFor("sstrn.localhost").GetAsync("/connexion/authentificateur");
        Assert.Equal("/connexion?personnel=true", Location(response));
    }

    [Fact]
    public async Task A_cookie_of_one_tenant_is_refused_on_another()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");
        var signIn = await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("platform.session=")).Split(';')[0];

        var other = Factory.ClientFor("sst68.localhost");
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await other.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://sst68.localhost/connexion", Location(response));

        var same = Factory.ClientFor("sstrn.localhost");
        same.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task Password_change_follows_the_tenant_rule()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));

        var weak = await PortalClient.HtmlAsync(await portal.SubmitAsync("/compte", new Dictionary<string, string> { ["CurrentPassword"] = DemoData.Password, ["NewPassword"] = "motdepasse" }));
        Assert.Contains("Le mot de passe doit contenir une majuscule, un chiffre et un caractère spécial.", weak);
        var wrongCurrent = await PortalClient.HtmlAsync(await portal.SubmitAsync("/compte", new Dictionary<string, string> { ["CurrentPassword"] = "Faux-2026!", ["NewPassword"] = "Nouveau-2027!" }));
        Assert.Contains("Le mot de passe actuel est incorrect.", wrongCurrent);
        var ok = await PortalClient.HtmlAsync(await portal.SubmitAsync("/compte", new Dictionary<string, string> { ["CurrentPassword"] = DemoData.Password, ["NewPassword"] = "Nouveau-2027!" }));
        Assert.Contains("Votre mot de passe a été modifié.", ok);

        Assert.Contains("incorrect", await PortalClient.HtmlAsync(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password))));
        Assert.Matches(Homes.Company, Location(await Factory.PortalFor("sstrn.localhost").SubmitAsync("/connexion", Form("employer@sstrn.demo", "Nouveau-2027!"))));
    }

    [Fact]
    public async Task Sign_out_button_of_the_account_page_ends_the_session()
    {
        await SeedAsync();
        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", Form("employer@sstrn.demo", DemoData.Password));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/compte")).StatusCode);

        // The form as /compte renders it, with its own fields only.
        var signOut = await portal.SubmitFormWithButtonAsync("/compte", "Se déconnecter");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", Location(signOut));
        var account = await portal.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Contains("/connexion", Location(account));
    }

    private static async Task<Guid> UserIdAsync(IServiceProvider services, string email)
    {
        var db = services.GetRequiredService<Platform.Features.Persistence.IdentityDb>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == email).Select(u => u.Id));
    }
}
