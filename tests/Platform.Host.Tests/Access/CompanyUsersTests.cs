using System.Net;
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

/// <summary>Users and roles of a company: invitations by e-mail, permissions, the last administrator.</summary>
public sealed partial class CompanyUsersTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    [GeneratedRegex(@"(https://[^\s""<]+/invitation\?jeton=[A-Za-z0-9_-]+)")] private static partial Regex InvitationLink();

    private async Task<Guid> DemoCompanyAsync(string tenant = "sstrn", string number = "101.1")
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == number).Select(c => c.Id).SingleAsync();
    }

    /// <summary>
    /// sstrn's people ask for access themselves (seed 000); these tests of the invitation mechanics run with
    /// sstrn's rule set to sist-on's way (seed 002), as its administrator could choose.
    /// </summary>
    private Task EmployersInviteOnSstrnAsync() => new DemoApi(Factory, "sstrn").LetEmployersInviteAsync();

    private async Task<PortalClient> SignedInEmployerAsync()
    {
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        return portal;
    }

    private static string Error(JsonElement result, string field) =>
        result.GetProperty("data").GetProperty(field).GetProperty("errors")[0].GetProperty("code").GetString()!;

    [Fact]
    public async Task An_invited_user_is_pending_until_they_accept_the_emailed_link()
    {
        await DemoData.SeedAsync(Factory.Services);
        await EmployersInviteOnSstrnAsync();
        var company = await DemoCompanyAsync();
        var admin = await SignedInEmployerAsync();

        var invited = await PortalClient.HtmlAsync(await admin.SubmitAsync($"/entreprises/{company}/utilisateurs",
            new Dictionary<string, string> { ["FirstName"] = "Nina", ["LastName"] = "Nouvelle", ["JobFunction"] = "Assistante RH", ["Phone"] = "02 40 00 00 01", ["Email"] = "nouvelle@example.fr", ["Roles"] = "Convocation" }, $"/entreprises/{company}/utilisateurs?handler=Inviter"));
        Assert.Contains("Invitation envoyée à nouvelle@example.fr.", invited);
        Assert.Matches("Nina Nouvelle.*?nouvelle@example.fr.*?Assistante RH · 02 40 00 00 01.*?Convocation.*?En attente de validation", Regex.Replace(invited, @"\s+", " "));

        var message = await Factory.Smtp.WaitForMessageAsync("nouvelle@example.fr");
        Assert.Equal("Invitation à gérer Entreprise Démo SSTRN sur l'espace adhérent", message.Subject);
        Assert.Contains("Émilie Employeur vous invite", message.TextBody);
        var link = new Uri(InvitationLink().Match(message.TextBody ?? "").Groups[1].Value);

        var newcomer = Factory.PortalFor(Host);
        var acceptance = await newcomer.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains("Rejoindre Entreprise Démo SSTRN", acceptance);
        Assert.Contains("value=\"Nina\"", acceptance); // the details the administrator gave are pre-filled
        var weak = await PortalClient.HtmlAsync(await newcomer.SubmitAsync(link.PathAndQuery,
            new Dictionary<string, string> { ["FirstName"] = "Nina", ["LastName"] = "Nouvelle", ["Password"] = "faible" }));
        Assert.Contains("Le mot de passe doit contenir", weak);
        var accepted = await newcomer.SubmitAsync(link.PathAndQuery,
            new Dictionary<string, string> { ["FirstName"] = "Nina", ["LastName"] = "Nouvelle", ["Password"] = "Nouvelle-2026!" });
        Assert.Matches(Homes.Company, accepted.Headers.Location?.OriginalString);
        Assert.Contains("Mes rôles : Convocation", await newcomer.GetHtmlAsync($"/entreprises/{company}"));

        var list = Regex.Replace(await admin.GetHtmlAsync($"/entreprises/{company}/utilisateurs"), @"\s+", " ");
        Assert.Matches("Nina Nouvelle.*?Actif", list);
        Assert.DoesNotContain("En attente de validation", list);
        Assert.Contains("Cette invitation n'est plus valable", await Factory.PortalFor(Host).GetHtmlAsync(link.PathAndQuery));
    }

    [Fact]
    public async Task A_convocation_only_user_cannot_manage_users()
    {
        await DemoData.SeedAsync(Factory.Services);
        await EmployersInviteOnSstrnAsync();
        var company = await DemoCompanyAsync();
        var adminToken = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        await Factory.GraphQLAsync(Host, "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code } } }",
            new { i = new { companyId = company, email = "convoc@example.fr", roles = new[] { "Convocation" }, firstName = "Carl", lastName = "Convoc" } }, adminToken);
        var link = new Uri(InvitationLink().Match((await Factory.Smtp.WaitForMessageAsync("convoc@example.fr")).TextBody ?? "").Groups[1].Value);
        await Factory.PortalFor(Host).SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["FirstName"] = "Carl", ["LastName"] = "Convoc", ["Password"] = "Convoc-2026!" });

        var token = await Factory.TokenAsync(Host, "convoc@example.fr", "Convoc-2026!");
        var invite = await Factory.GraphQLAsync(Host, "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code } } }",
            new { i = new { companyId = company, email = "autre@example.fr", roles = new[] { "Administrateur" }, firstName = "Anne", lastName = "Autre" } }, token);
        Assert.Equal("FORBIDDEN", invite.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var users = await Factory.GraphQLAsync(Host, "query($id: ID!) { company(id: $id) { name users { email } } }", new { id = company }, token);
        Assert.Equal("FORBIDDEN", users.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var name = await Factory.GraphQLAsync(Host, "query($id: ID!) { company(id: $id) { name } }", new { id = company }, token);
        Assert.Equal("Entreprise Démo SSTRN", name.GetProperty("data").GetProperty("company").GetProperty("name").GetString());

        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "convoc@example.fr", ["Password"] = "Convoc-2026!" });
        var page = await portal.GetAsync($"/entreprises/{company}/utilisateurs");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Accès refusé", await PortalClient.HtmlAsync(page));
        Assert.Equal(0, await CountAsync(db => db.Invitations.CountAsync(i => i.Email == "autre@example.fr")));
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_removed_nor_demoted()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await DemoCompanyAsync();
        var token = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var me = (await Factory.GraphQLAsync(Host, "{ me { id } }", token: token)).GetProperty("data").GetProperty("me").GetProperty("id").GetString();

        var remove = await Factory.GraphQLAsync(Host, "mutation($i: RemoveUserInput!) { removeUser(input: $i) { errors { code message } } }",
            new { i = new { companyId = company, userId = me } }, token);
        Assert.Equal("LAST_ADMINISTRATOR", Error(remove, "removeUser"));
        var demote = await Factory.GraphQLAsync(Host, "mutation($i: ChangeUserRolesInput!) { changeUserRoles(input: $i) { errors { code } } }",
            new { i = new { companyId = company, userId = me, roles = new[] { "Lecture" } } }, token);
        Assert.Equal("LAST_ADMINISTRATOR", Error(demote, "changeUserRoles"));
        Assert.Equal(["Administrateur"], await RolesAsync(company, "employer@sstrn.demo"));

        // With a second administrator, the first may step down.
        await new DemoApi(Factory, "sstrn").GrantAccountantAsync(company, "Administrateur");
        var stepDown = await Factory.GraphQLAsync(Host, "mutation($i: ChangeUserRolesInput!) { changeUserRoles(input: $i) { errors { code } users { email roles } } }",
            new { i = new { companyId = company, userId = me, roles = new[] { "Lecture", "Facturation" } } }, token);
        Assert.Empty(stepDown.GetProperty("data").GetProperty("changeUserRoles").GetProperty("errors").EnumerateArray());
        Assert.Equal(["Lecture", "Facturation"], await RolesAsync(company, "employer@sstrn.demo"));
    }

    [Theory]
    [InlineData("pas-une-adresse", new[] { "Lecture" }, "INVALID_EMAIL")]
    [InlineData("ok@example.fr", new string[0], "ROLES_REQUIRED")]
    [InlineData("ok@example.fr", new[] { "Directeur" }, "UNKNOWN_ROLE")]
    [InlineData("employer@sstrn.demo", new[] { "Lecture" }, "ALREADY_MEMBER")]
    public async Task Bad_invitations_are_refused_and_nothing_is_sent(string email, string[] roles, string code)
    {
        await DemoData.SeedAsync(Factory.Services);
        await EmployersInviteOnSstrnAsync();
        var company = await DemoCompanyAsync();
        var token = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var result = await Factory.GraphQLAsync(Host, "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code message field } } }",
            new { i = new { companyId = company, email, roles, firstName = "Paul", lastName = "Test" } }, token);
        Assert.Equal(code, Error(result, "inviteUser"));
        Assert.Equal(0, await CountAsync(db => db.Invitations.CountAsync()));
        Assert.Equal(0, await CountAsync(db => db.OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task A_company_of_another_tenant_reads_as_null()
    {
        await DemoData.SeedAsync(Factory.Services);
        var foreign = await DemoCompanyAsync("sst68", "680002"); // the accountant's client on sst68
        var token = await Factory.TokenAsync(Host, DemoData.AccountantEmail, DemoData.Password);
        var result = await Factory.GraphQLAsync(Host, "query($id: ID!) { company(id: $id) { name } }", new { id = foreign }, token);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("data").GetProperty("company").ValueKind);
        var invite = await Factory.GraphQLAsync(Host, "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code } } }",
            new { i = new { companyId = foreign, email = "x@example.fr", roles = new[] { "Lecture" } } }, token);
        Assert.Equal("FORBIDDEN", invite.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Roles_list_their_permissions_in_french()
    {
        var roles = (await Factory.GraphQLAsync(Host, "{ roles { name permissions } }")).GetProperty("data").GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["Administrateur", "Facturation", "Déclaration", "Convocation", "Lecture"], roles.Select(r => r.GetProperty("name").GetString()));
        var convocation = roles.Single(r => r.GetProperty("name").GetString() == "Convocation").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("Demander des visites médicales", convocation);
        Assert.DoesNotContain("Consulter les factures", convocation);
    }

    [Fact]
    public async Task Every_notification_keeps_at_least_one_recipient()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await DemoCompanyAsync();
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var employer = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == "employer@sstrn.demo");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new System.Security.Claims.ClaimsPrincipal(
            new SignedInUser(employer.Id, employer.Email, "Émilie Employeur", "sstrn", null).ToIdentity("test")));
        var preferences = scope.ServiceProvider.GetRequiredService<NotificationPreferences>();

        var refused = await preferences.SetAsync(company, NotificationKind.Invoices, false);
        Assert.Equal("LAST_RECIPIENT", Assert.Single(refused.Errors).Code);
        Assert.True((await preferences.MineAsync(company))[NotificationKind.Invoices]);
    }

    [Fact]
    public async Task The_company_page_keeps_notification_choices_and_the_last_recipient()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await DemoCompanyAsync();
        var employer = await SignedInEmployerAsync();
        var page = $"/entreprises/{company}";
        // Sole member: unticking invoices would leave nobody to receive them.
        var refused = await PortalClient.HtmlAsync(await employer.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Enabled"] = "Convocations",
        }, page + "?handler=Notifications"));
        Assert.Contains("Au moins un utilisateur de l'entreprise doit recevoir ces notifications", refused);
        Assert.Contains("value=\"Invoices\" checked", refused);
    }

    private async Task<List<string>> RolesAsync(Guid company, string email)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var userId = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Memberships.Where(m => m.CompanyId == company && m.UserId == userId).Select(m => m.Roles).SingleAsync();
    }

    private async Task<int> CountAsync(Func<PlatformDbContext, Task<int>> count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await count(db);
    }
}
