using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>Démarches: synchronise, request management (administrators decide), staff-decided requests.</summary>
public sealed class AccessRequestTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    private async Task<string> CreatePersonAsync(string email)
    {
        await using var scope = Factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var user = new User { Email = email, NormalizedEmail = User.Normalize(email), FirstName = "Paul", LastName = "Personne" };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, "Personne-2026!");
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return await Factory.TokenAsync(Host, email, "Personne-2026!");
    }

    private async Task<Company> CompanyAsync(string number)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.AsNoTracking().SingleAsync(c => c.MemberNumber == number);
    }

    private async Task<Company> BareCompanyAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = new Company { MemberNumber = "103.1", Siret = "73282932000074", Name = "Boulangerie Durand" };
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company;
    }

    private static JsonElement Payload(JsonElement result, string field) => result.GetProperty("data").GetProperty(field);
    private static string? FirstError(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).FirstOrDefault();

    [Fact]
    public async Task The_first_person_to_synchronise_becomes_administrator_and_the_second_is_sent_to_request_management()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await BareCompanyAsync();
        var first = await CreatePersonAsync("premier@example.fr");
        const string mutation = "mutation($i: SynchronizeCompanyInput!) { synchronizeCompany(input: $i) { company { name memberNumber } errors { code message field } } }";

        var done = Payload(await Factory.GraphQLAsync(Host, mutation, new { i = new { memberNumber = "103.1", siren = "732829320" } }, first), "synchronizeCompany");
        Assert.Null(FirstError(done));
        Assert.Equal("Boulangerie Durand", done.GetProperty("company").GetProperty("name").GetString());
        var me = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles company { id } } myRequests { kind state } } }", token: first), "me");
        Assert.Equal("Administrateur", me.GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
        Assert.Equal("SYNCHRONIZE", me.GetProperty("myRequests")[0].GetProperty("kind").GetString());
        Assert.Equal("ACCEPTED", me.GetProperty("myRequests")[0].GetProperty("state").GetString());

        var second = await CreatePersonAsync("second@example.fr");
        var again = Payload(await Factory.GraphQLAsync(Host, mutation, new { i = new { memberNumber = "103.1", siren = "732829320" } }, second), "synchronizeCompany");
        Assert.Equal("ALREADY_SYNCHRONIZED", FirstError(again));
        Assert.Contains("DEMANDER LA GESTION D'UN ADHERENT", again.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("103.1", "73282932", "INVALID_SIREN")]
    [InlineData("103.1", "732829321", "INVALID_SIREN")]
    [InlineData("103.1", "552100554", "MEMBER_NOT_FOUND")]   // valid SIREN of another company
    [InlineData("999.9", "732829320", "MEMBER_NOT_FOUND")]
    [InlineData("680001", "732829320", "MEMBER_NOT_FOUND")]  // a member number of sst68, not of this tenant
    public async Task Bad_synchronisations_change_nothing(string number, string siren, string code)
    {
        await DemoData.SeedAsync(Factory.Services);
        await BareCompanyAsync();
        var token = await CreatePersonAsync("essai@example.fr");
        var result = Payload(await Factory.GraphQLAsync(Host, "mutation($i: SynchronizeCompanyInput!) { synchronizeCompany(input: $i) { company { name } errors { code } } }",
            new { i = new { memberNumber = number, siren } }, token), "synchronizeCompany");
        Assert.Equal(code, FirstError(result));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("company").ValueKind);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        Assert.False(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Memberships.AnyAsync(m => m.CompanyId == (scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Single(c => c.MemberNumber == "103.1").Id)));
    }

    [Fact]
    public async Task A_management_request_is_emailed_to_the_administrator_who_accepts_it_with_roles()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("comptable@cabinet.fr");
        var asked = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id kind state companyName requestedBy } errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess");
        Assert.Null(FirstError(asked));
        Assert.Equal("IN_PROGRESS", asked.GetProperty("request").GetProperty("state").GetString());
        var notice = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.Equal("Demande de gestion de Entreprise Démo SSTRN", notice.Subject);
        Assert.Contains("Paul Personne (comptable@cabinet.fr)", notice.TextBody);

        var again = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess");
        Assert.Equal("ALREADY_REQUESTED", FirstError(again));

        var admin = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var toDecide = Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind requestedBy } } }", token: admin), "me").GetProperty("requestsToDecide");
        var id = Assert.Single(toDecide.EnumerateArray()).GetProperty("id").GetString();

        var noRoles = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { errors { code } } }",
            new { i = new { id, accept = true, roles = Array.Empty<string>() } }, admin), "decideAccessRequest");
        Assert.Equal("ROLES_REQUIRED", FirstError(noRoles));
        var decided = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id, accept = true, roles = new[] { "Facturation", "Lecture" } } }, admin), "decideAccessRequest");
        Assert.Equal("ACCEPTED", decided.GetProperty("request").GetProperty("state").GetString());

        var membership = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles company { memberNumber } } myRequests { state } } }", token: requester), "me");
        Assert.Equal(["Facturation", "Lecture"], membership.GetProperty("memberships")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ACCEPTED", membership.GetProperty("myRequests")[0].GetProperty("state").GetString());
        var confirmation = await Factory.Smtp.WaitForMessageAsync("comptable@cabinet.fr");
        Assert.Equal("Votre démarche a été acceptée", confirmation.Subject);
        Assert.Contains("Facturation, Lecture", confirmation.TextBody);
    }

    [Fact]
    public async Task A_refused_request_grants_nothing_and_only_the_administrator_may_decide()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("curieux@example.fr");
        var id = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { request { id } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester), "requestCompanyAccess").GetProperty("request").GetProperty("id").GetString();

        var self = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { errors { code } } }",
            new { i = new { id, accept = true, roles = new[] { "Administrateur" } } }, requester), "decideAccessRequest");
        Assert.Equal("NOT_FOUND", FirstError(self));

        var admin = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var refused = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } } }",
            new { i = new { id, accept = false } }, admin), "decideAccessRequest");
        Assert.Equal("REFUSED", refused.GetProperty("request").GetProperty("state").GetString());
        var me = Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } myRequests { state } } }", token: requester), "me");
        Assert.Empty(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal("REFUSED", me.GetProperty("myRequests")[0].GetProperty("state").GetString());
        Assert.Equal("Votre démarche a été refusée", (await Factory.Smtp.WaitForMessageAsync("curieux@example.fr")).Subject);
    }

    [Fact]
    public async Task Staff_decide_a_change_of_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var successor = await CreatePersonAsync("successeur@example.fr");
        var asked = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestAdministratorChangeInput!) { requestAdministratorChange(input: $i) { request { id kind } errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret, formerAdministratorEmail = "employer@sstrn.demo" } }, successor), "requestAdministratorChange");
        Assert.Equal("CHANGE_ADMINISTRATOR", asked.GetProperty("request").GetProperty("kind").GetString());

        var employer = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id } } }", token: employer), "me").GetProperty("requestsToDecide").EnumerateArray());

        var staff = await Factory.TokenAsync(Host, "staff@sstrn.demo", DemoData.Password, TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
        var id = Assert.Single(Payload(await Factory.GraphQLAsync(Host, "{ me { requestsToDecide { id kind } } }", token: staff), "me").GetProperty("requestsToDecide").EnumerateArray()).GetProperty("id").GetString();
        var accepted = Payload(await Factory.GraphQLAsync(Host, "mutation($i: DecideAccessRequestInput!) { decideAccessRequest(input: $i) { request { state } errors { code } } }",
            new { i = new { id, accept = true } }, staff), "decideAccessRequest");
        Assert.Equal("ACCEPTED", accepted.GetProperty("request").GetProperty("state").GetString());

        Assert.Equal("Administrateur", Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: successor), "me").GetProperty("memberships")[0].GetProperty("roles")[0].GetString());
        Assert.Empty(Payload(await Factory.GraphQLAsync(Host, "{ me { memberships { roles } } }", token: employer), "me").GetProperty("memberships").EnumerateArray());
    }

    [Fact]
    public async Task Takeovers_and_mergers_need_their_details()
    {
        await DemoData.SeedAsync(Factory.Services);
        var token = await CreatePersonAsync("repreneur@example.fr");
        var noDescription = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestMergerInput!) { requestMerger(input: $i) { errors { code } } }",
            new { i = new { description = "  " } }, token), "requestMerger");
        Assert.Equal("DESCRIPTION_REQUIRED", FirstError(noDescription));
        var badSiret = Payload(await Factory.GraphQLAsync(Host, "mutation($i: ReportTakeoverInput!) { reportTakeover(input: $i) { errors { code field } } }",
            new { i = new { memberNumber = "101.1", oldSiret = "123", newSiret = "73282932000074", description = "Rachat au 1er janvier" } }, token), "reportTakeover");
        Assert.Equal("INVALID_SIRET", FirstError(badSiret));
        Assert.Equal("oldSiret", badSiret.GetProperty("errors")[0].GetProperty("field").GetString());
        var merger = Payload(await Factory.GraphQLAsync(Host, "mutation($i: RequestMergerInput!) { requestMerger(input: $i) { request { kind state } } }",
            new { i = new { description = "Absorption de 102.1 par 101.1" } }, token), "requestMerger");
        Assert.Equal("MERGER", merger.GetProperty("request").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_portal_shows_a_badge_with_the_requests_to_decide()
    {
        await DemoData.SeedAsync(Factory.Services);
        var demo = await CompanyAsync("101.1");
        var requester = await CreatePersonAsync("badge@example.fr");
        await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = demo.Siret } }, requester);

        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync("/demarches");
        Assert.Contains("title=\"Démarches à valider\">1</span>", page);
        Assert.DoesNotContain("@if", page);

        // Nothing to decide: no badge (it once showed « 0 » with the Razor source around it).
        var accountant = Factory.PortalFor(Host);
        await accountant.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail, ["Password"] = DemoData.Password });
        var quiet = await accountant.GetHtmlAsync("/compte");
        Assert.DoesNotContain("Démarches à valider", quiet);
        Assert.DoesNotContain("@if", quiet);
        Assert.Contains("Démarches à valider (1)", page);
        Assert.Contains("Paul Personne", page);
    }
}
