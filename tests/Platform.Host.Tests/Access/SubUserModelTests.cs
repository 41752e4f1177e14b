using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Who adds people, per tenant (rule matrix « sub-users »), and what an invitation link may do: each tenant
/// offers only its own way, everyone it lets in can sign in, and a link never stands in for a password.
/// </summary>
public sealed partial class SubUserModelTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Invite = "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code message field } } }";

    [GeneratedRegex(@"(https?://[^\s""<]+/invitation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex InvitationLink();
    [GeneratedRegex(@"(https?://[^\s""<]+/activation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex ActivationLink();

    private static object Person(Guid company, string email, params string[] roles) =>
        new { i = new { companyId = company, email, roles, firstName = "Dana", lastName = "Delegue", jobFunction = "Assistante RH", phone = "03 89 00 00 01" } };

    private async Task<string> LinkSentToAsync(string email, int count = 1) =>
        new Uri(InvitationLink().Match((await Factory.Smtp.WaitForMessageAsync(email, count)).TextBody ?? "").Groups[1].Value).PathAndQuery;

    private async Task<int> CountAsync(Func<PlatformDbContext, Task<int>> count)
    {
        await using var scope = Factory.Services.CreatePlatformScope();
        return await count(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }

    [Fact]
    public async Task Sstrn_offers_no_invitation_the_person_asks_for_access()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        var refused = await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(company, "quelquun@example.fr", "Lecture"));
        Assert.Equal(["INVITATIONS_NOT_OFFERED"], DemoApi.ErrorCodes(refused));
        Assert.Contains("Demander la gestion", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await CountAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync()));

        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync($"/entreprises/{company}/utilisateurs");
        Assert.Contains("crée elle-même son compte", page);
        Assert.DoesNotContain("Envoyer l'invitation", page);
    }

    [Fact]
    public async Task Sst68_staff_add_delegated_users_who_sign_in_with_a_personal_identifier()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        var byEmployer = await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(company, "delegue@example.fr", "Convocation"));
        Assert.Equal(["ADDED_BY_STAFF"], DemoApi.ErrorCodes(byEmployer));

        var byStaff = await api.MutateAsync(await api.StaffTokenAsync(), "inviteUser", Invite, Person(company, "delegue@example.fr", "Convocation"));
        Assert.Empty(DemoApi.ErrorCodes(byStaff));
        var link = await LinkSentToAsync("delegue@example.fr");
        var newcomer = Factory.PortalFor(api.Host);
        var accepted = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link,
            new Dictionary<string, string> { ["FirstName"] = "Dana", ["LastName"] = "Delegue", ["Password"] = "Delegue-2026!" }));
        Assert.Contains("Votre identifiant de connexion personnel est <strong>680001-1</strong>", accepted);

        // Sign-in on sst68 is by identifier: the delegated user gets in with theirs, and sees the company.
        var token = await Factory.TokenAsync(api.Host, "680001-1", "Delegue-2026!");
        var seen = await api.DataAsync(token, "query($id: ID!) { company(id: $id) { name } }", new { id = company });
        Assert.Equal("Entreprise Démo Santé au Travail 68", seen.GetProperty("company").GetProperty("name").GetString());
        var portal = Factory.PortalFor(api.Host);
        var signedIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001-1", ["Password"] = "Delegue-2026!" });
        Assert.Matches(Homes.Company, signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task On_sst68_an_existing_account_accepts_with_its_password_and_gets_an_identifier()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        // An account of another tenant: its e-mail cannot sign in on sst68, where sign-in is by identifier.
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.StaffTokenAsync(), "inviteUser", Invite, Person(company, "employer@sstrn.demo", "Lecture"))));
        var link = await LinkSentToAsync("employer@sstrn.demo");
        var owner = Factory.PortalFor(api.Host);
        Assert.Contains("confirmez avec son mot de passe", await owner.GetHtmlAsync(link));
        var wrong = await PortalClient.HtmlAsync(await owner.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "Pas-le-bon-1!" }));
        Assert.Contains("Mot de passe du compte employer@sstrn.demo incorrect.", wrong);
        Assert.Equal(0, await CountAsync(db => db.LoginNames.IgnoreQueryFilters().CountAsync(l => l.Identifier == "680001-1")));

        var accepted = await PortalClient.HtmlAsync(await owner.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = DemoData.Password }));
        Assert.Contains("Votre identifiant de connexion personnel est <strong>680001-1</strong>", accepted);
        Assert.NotEmpty(await Factory.TokenAsync(api.Host, "680001-1", DemoData.Password));
    }

    [Fact]
    public async Task Guessing_the_password_on_an_sst68_invitation_blocks_the_account_as_the_sign_in_form_does()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.StaffTokenAsync(), "inviteUser", Invite, Person(company, "employer@sstrn.demo", "Lecture"))));
        var link = await LinkSentToAsync("employer@sstrn.demo");
        var guesser = Factory.PortalFor(api.Host);
        string last = "";
        for (var i = 0; i < 3; i++)
            last = await PortalClient.HtmlAsync(await guesser.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = $"Devine-{i}-2026!" }));
        Assert.Contains("Votre espace a été bloqué", last);
        // Blocked: even the right password is refused, and no identifier was given.
        var right = await PortalClient.HtmlAsync(await guesser.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = DemoData.Password }));
        Assert.Contains("Votre espace a été bloqué", right);
        Assert.Equal(0, await CountAsync(db => db.LoginNames.IgnoreQueryFilters().CountAsync(l => l.Identifier == "680001-1")));
    }

    [Fact]
    public async Task Sstbtp_bfc_mandataires_sign_in_with_the_mandataire_box_and_an_employer_cannot()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await api.CompanyIdAsync("250001");
        var employer = await api.EmployerTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(employer, "inviteUser", Invite, Person(company, "mandataire@cabinet.fr", "Déclaration"))));
        var link = await LinkSentToAsync("mandataire@cabinet.fr");
        await Factory.PortalFor(api.Host).SubmitAsync(link, new Dictionary<string, string> { ["FirstName"] = "Marc", ["LastName"] = "Mandataire", ["Password"] = "Mandataire-2026!" });

        var proxy = await Factory.PortalFor(api.Host).SubmitAsync("/connexion",
            new Dictionary<string, string> { ["Identifier"] = "mandataire@cabinet.fr", ["Password"] = "Mandataire-2026!", ["AsProxy"] = "true" });
        Assert.Matches(Homes.Company, proxy.Headers.Location?.OriginalString);

        // The employer's own account signs in with its member number, not through the mandataire box.
        var own = await PortalClient.HtmlAsync(await Factory.PortalFor(api.Host).SubmitAsync("/connexion",
            new Dictionary<string, string> { ["Identifier"] = "employer@sstbtp-bfc.demo", ["Password"] = DemoData.Password, ["AsProxy"] = "true" }));
        Assert.Contains("La connexion en tant que mandataire est réservée aux cabinets mandatés", own);
    }

    [Fact]
    public async Task A_mandataire_cannot_be_an_employers_own_account()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await api.CompanyIdAsync("250001");
        var other = await api.CompanyIdAsync("250002");
        // The account that signs in with 250002 becomes its administrator: it is that employer's own account.
        await using (var scope = Factory.Services.CreateTenantScope("sstbtp-bfc"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var ownerId = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.Email == DemoData.AccountantEmail).Select(u => u.Id).SingleAsync();
            (await db.Memberships.SingleAsync(m => m.CompanyId == other && m.UserId == ownerId)).Roles = [CompanyRoles.Administrator];
            await db.SaveChangesAsync();
        }
        var refused = await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(company, DemoData.AccountantEmail, "Lecture"));
        Assert.Equal(["EMPLOYER_EMAIL"], DemoApi.ErrorCodes(refused));
        Assert.Contains("un mandataire a sa propre adresse e-mail", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await CountAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task The_invitation_form_asks_for_the_persons_details()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await api.CompanyIdAsync("250001");
        var missing = await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite,
            new { i = new { companyId = company, email = "sans-nom@example.fr", roles = new[] { "Lecture" }, phone = "12" } });
        Assert.Equal(["FIRST_NAME_REQUIRED", "LAST_NAME_REQUIRED", "INVALID_PHONE"], DemoApi.ErrorCodes(missing));
        Assert.Equal(0, await CountAsync(db => db.OutboxEmails.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_temp_worker_account_invites_nobody_and_names_its_parent()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        await api.LetEmployersInviteAsync();
        var temp = await WorkstationTests.TempWorkerAccountAsync(Factory, "sstrn", "101.1.2");
        var refused = await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(temp, "interim@example.fr", "Lecture"));
        Assert.Equal(["ADMIN_ON_PARENT"], DemoApi.ErrorCodes(refused));
        Assert.Contains("compte mère 101.1", refused.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_invitation_link_does_not_sign_an_existing_account_in()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        await api.LetEmployersInviteAsync();
        var company = await api.CompanyIdAsync("101.1");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(company, DemoData.AccountantEmail, "Lecture"))));
        var link = await LinkSentToAsync(DemoData.AccountantEmail);

        // Whoever holds the link gets no session and no access without the account's password.
        var stranger = Factory.PortalFor(api.Host);
        var page = await stranger.GetHtmlAsync(link);
        Assert.Contains("Se connecter pour accepter", page);
        var forced = await PortalClient.HtmlAsync(await stranger.SubmitAsync("/connexion", new Dictionary<string, string> { ["FirstName"] = "X", ["LastName"] = "Y" }, link));
        Assert.Contains($"Connectez-vous avec le compte {DemoData.AccountantEmail} pour accepter", forced);
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync("/compte")).StatusCode);
        Assert.Equal(0, await CountAsync(db => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.CompanyId == company && m.Roles.Count == 1 && m.Roles[0] == "Lecture")));

        // Signed in as someone else, still no.
        var employer = Factory.PortalFor(api.Host);
        await employer.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Contains("Se connecter pour accepter", await employer.GetHtmlAsync(link));
        Assert.Contains("Connectez-vous avec le compte", await PortalClient.HtmlAsync(await employer.SubmitAsync("/compte", new Dictionary<string, string>(), link)));

        // The owner signs in, comes back to the invitation and accepts.
        var owner = Factory.PortalFor(api.Host);
        var signIn = await owner.SubmitAsync("/connexion?retour=" + Uri.EscapeDataString(link),
            new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail, ["Password"] = DemoData.Password });
        Assert.Equal(link, signIn.Headers.Location?.OriginalString);
        Assert.Contains("Accepter l'invitation", await owner.GetHtmlAsync(link));
        Assert.Equal("/mes-clients", (await owner.SubmitAsync(link, new Dictionary<string, string>())).Headers.Location?.OriginalString);
        Assert.Contains("Mes rôles : Lecture", await owner.GetHtmlAsync($"/entreprises/{company}"));
    }

    [Fact]
    public async Task A_password_chosen_before_the_email_is_proven_never_opens_the_account()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        Task<HttpResponseMessage> CreateAsync(string email) => Factory.PortalFor(api.Host).SubmitAsync("/creer-un-compte", new Dictionary<string, string>
        {
            ["FirstName"] = "Vic", ["LastName"] = "Time", ["Email"] = email, ["Password"] = "Attaquant-2026!",
            ["JobFunction"] = "Gérante", ["PortalUses"] = "Déclarer mes salariés",
        });

        // Someone creates an account with the victim's address; the victim follows the activation link.
        await CreateAsync("victime@example.fr");
        var activation = new Uri(ActivationLink().Match((await Factory.Smtp.WaitForMessageAsync("victime@example.fr")).TextBody ?? "").Groups[1].Value).PathAndQuery;
        var victim = Factory.PortalFor(api.Host);
        Assert.Contains("Choisissez votre mot de passe", await victim.GetHtmlAsync(activation));
        Assert.Contains("Votre compte est activé", await PortalClient.HtmlAsync(await victim.SubmitAsync(activation, new Dictionary<string, string> { ["Password"] = "Victime-2026!" })));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.TokenAsync(api.Host, "victime@example.fr", "Attaquant-2026!"));
        Assert.NotEmpty(await Factory.TokenAsync(api.Host, "victime@example.fr", "Victime-2026!"));

        // Same through an invitation: the unproven account's pre-chosen password does not survive it.
        await api.LetEmployersInviteAsync();
        await CreateAsync("cible@example.fr");
        await Factory.Smtp.WaitForMessageAsync("cible@example.fr");
        var company = await api.CompanyIdAsync("101.1");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.EmployerTokenAsync(), "inviteUser", Invite, Person(company, "cible@example.fr", "Lecture"))));
        var invitation = await LinkSentToAsync("cible@example.fr", count: 2);
        var target = Factory.PortalFor(api.Host);
        Assert.Contains("motdepasse", await target.GetHtmlAsync(invitation));
        Assert.Matches(Homes.Company, (await target.SubmitAsync(invitation,
            new Dictionary<string, string> { ["FirstName"] = "Cécile", ["LastName"] = "Cible", ["Password"] = "Cible-2026!" })).Headers.Location?.OriginalString);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.TokenAsync(api.Host, "cible@example.fr", "Attaquant-2026!"));
        Assert.NotEmpty(await Factory.TokenAsync(api.Host, "cible@example.fr", "Cible-2026!"));
    }
}
