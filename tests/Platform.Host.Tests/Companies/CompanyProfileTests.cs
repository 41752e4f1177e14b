using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Companies;

/// <summary>Company details and addresses, staff validation of employer changes (sst68), contacts, health team, change of situation.</summary>
public sealed class CompanyProfileTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Update = """
        mutation($input: UpdateCompanyDetailsInput!) { updateCompanyDetails(input: $input) {
          details { creationDate activity mainAddress { line1 postalCode city } billingAddress { line1 city } billingAddressIsMain convocationAddress { line1 } convocationAddressIsMain }
          pendingChange { id name state effectiveOn } errors { code field message } } }
        """;

    public override async Task InitializeAsync()
    {
        Factory.Clock.Reset();
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    private static object Details(Guid company, string name = "Entreprise Démo", string postalCode = "44000", object? billing = null, string? naf = "43.32B", string? creation = "2015-03-02") => new
    {
        input = new
        {
            companyId = company, name, legalForm = "SAS", creationDate = creation, nafCode = naf, activity = "Travaux d'installation électrique", phone = "02 40 00 00 00",
            mainAddress = new { line1 = "12 rue de la Paix", postalCode, city = "Nantes" }, billingAddress = billing,
        },
    };

    [Fact]
    public async Task Billing_and_convocation_addresses_fall_back_to_the_main_one()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");

        var result = await api.MutateAsync(token, "updateCompanyDetails", Update, Details(company));
        Assert.Empty(DemoApi.ErrorCodes(result));
        var details = result.GetProperty("details");
        Assert.Equal("NANTES", details.GetProperty("mainAddress").GetProperty("city").GetString());
        Assert.Equal("12 rue de la Paix", details.GetProperty("billingAddress").GetProperty("line1").GetString());
        Assert.True(details.GetProperty("billingAddressIsMain").GetBoolean());
        Assert.Equal("12 rue de la Paix", details.GetProperty("convocationAddress").GetProperty("line1").GetString());

        var withBilling = await api.MutateAsync(token, "updateCompanyDetails", Update, Details(company, billing: new { companyName = "Service comptable", line1 = "BP 42", postalCode = "44100", city = "Nantes" }));
        Assert.Equal("BP 42", withBilling.GetProperty("details").GetProperty("billingAddress").GetProperty("line1").GetString());
        Assert.False(withBilling.GetProperty("details").GetProperty("billingAddressIsMain").GetBoolean());

        var read = await api.DataAsync(token, "query($id: ID!) { company(id: $id) { name nafCode legalForm } }", new { id = company });
        Assert.Equal("4332B", read.GetProperty("company").GetProperty("nafCode").GetString());
    }

    [Theory]
    [InlineData("440", "43.32B", "2015-03-02", "INVALID_POSTAL_CODE")]
    [InlineData("44000", "4332", "2015-03-02", "INVALID_NAF")]
    [InlineData("44000", "43.32B", "2099-01-01", "INVALID_DATE")]
    public async Task Bad_details_are_refused_and_change_nothing(string postalCode, string naf, string creation, string code)
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var result = await api.MutateAsync(token, "updateCompanyDetails", Update, Details(company, name: "Autre nom", postalCode: postalCode, naf: naf, creation: creation));
        Assert.Equal([code], DemoApi.ErrorCodes(result));
        var read = await api.DataAsync(token, "query($id: ID!) { company(id: $id) { name } }", new { id = company });
        Assert.NotEqual("Autre nom", read.GetProperty("company").GetProperty("name").GetString());
    }

    [Fact]
    public async Task In_sst68_an_employer_change_waits_for_staff_and_takes_effect_the_next_day()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        const string read = "query($id: ID!) { company(id: $id) { name pendingChange { id name state effectiveOn } } }";
        var before = (await api.DataAsync(token, read, new { id = company })).GetProperty("company").GetProperty("name").GetString();

        var requested = await api.MutateAsync(token, "updateCompanyDetails", Update, Details(company, name: "Nouvelle raison sociale", postalCode: "68100"));
        Assert.Empty(DemoApi.ErrorCodes(requested));
        Assert.Equal(JsonValueKind.Null, requested.GetProperty("details").ValueKind);
        Assert.Equal("PENDING", requested.GetProperty("pendingChange").GetProperty("state").GetString());

        var pending = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.Equal(before, pending.GetProperty("name").GetString());
        Assert.Equal("Nouvelle raison sociale", pending.GetProperty("pendingChange").GetProperty("name").GetString());

        var staff = await api.StaffTokenAsync();
        var awaiting = (await api.DataAsync(staff, "{ companyChangesAwaitingDecision { id memberNumber name } }")).GetProperty("companyChangesAwaitingDecision");
        var change = Assert.Single(awaiting.EnumerateArray());
        Assert.Equal("680001", change.GetProperty("memberNumber").GetString());
        var denied = await Factory.GraphQLAsync(api.Host, "mutation($id: ID!) { decideCompanyChange(input: { id: $id, accept: true }) { errors { code } } }", new { id = change.GetProperty("id").GetString() }, token);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var accepted = await api.MutateAsync(staff, "decideCompanyChange", "mutation($id: ID!) { decideCompanyChange(input: { id: $id, accept: true }) { change { state effectiveOn } errors { code } } }", new { id = change.GetProperty("id").GetString() });
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), Platform.Features.Regulation.FrenchTime.Paris).DateTime).AddDays(1);
        Assert.Equal(tomorrow.ToString("yyyy-MM-dd"), accepted.GetProperty("change").GetProperty("effectiveOn").GetString());

        Assert.Equal(0, await ApplyDueAsync("sst68"));
        Assert.Equal(before, (await api.DataAsync(token, read, new { id = company })).GetProperty("company").GetProperty("name").GetString());

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await ApplyDueAsync("sst68"));
        token = await api.EmployerTokenAsync();
        var after = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.Equal("Nouvelle raison sociale", after.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("pendingChange").ValueKind);
    }

    [Fact]
    public async Task A_temp_worker_account_changes_nothing_administrative()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var temp = await WorkstationTests.TempWorkerAccountAsync(Factory, "sstrn", "101.1.2");
        var result = await api.MutateAsync(token, "updateCompanyDetails", Update, Details(temp));
        Assert.Equal(["ADMIN_ON_PARENT"], DemoApi.ErrorCodes(result));
        Assert.Contains("101.1", result.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Contacts_are_created_checked_edited_and_deleted()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        const string save = "mutation($input: SaveContactInput!) { saveContact(input: $input) { contact { id function name phone email } errors { code field } } }";

        Assert.Equal(["INVALID_PHONE"], DemoApi.ErrorCodes(await api.MutateAsync(token, "saveContact", save, new { input = new { companyId = company, function = "Comptable", name = "Paul Compte", phone = "12 34" } })));
        Assert.Equal(["CONTACT_CHANNEL_REQUIRED"], DemoApi.ErrorCodes(await api.MutateAsync(token, "saveContact", save, new { input = new { companyId = company, function = "Comptable", name = "Paul Compte" } })));
        Assert.Equal(["INVALID_FUNCTION"], DemoApi.ErrorCodes(await api.MutateAsync(token, "saveContact", save, new { input = new { companyId = company, function = "Chef", name = "Paul Compte", phone = "0240000000" } })));

        var created = (await api.MutateAsync(token, "saveContact", save, new { input = new { companyId = company, function = "comptable", name = "Paul Compte", phone = "+33 2 40 00 00 00" } })).GetProperty("contact");
        Assert.Equal("02 40 00 00 00", created.GetProperty("phone").GetString());
        Assert.Equal("Comptable", created.GetProperty("function").GetString());
        var id = created.GetProperty("id").GetString();
        var edited = (await api.MutateAsync(token, "saveContact", save, new { input = new { companyId = company, id, function = "Dirigeant", name = "Paul Compte", email = "paul@example.fr" } })).GetProperty("contact");
        Assert.Equal("Dirigeant", edited.GetProperty("function").GetString());

        var list = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { contacts { name function } } }", new { id = company })).GetProperty("company").GetProperty("contacts");
        Assert.Equal("Dirigeant", Assert.Single(list.EnumerateArray()).GetProperty("function").GetString());
        await api.MutateAsync(token, "deleteContact", "mutation($c: ID!, $id: ID!) { deleteContact(companyId: $c, id: $id) { errors { code } } }", new { c = company, id });
        Assert.Empty((await api.DataAsync(token, "query($id: ID!) { company(id: $id) { contacts { name } } }", new { id = company })).GetProperty("company").GetProperty("contacts").EnumerateArray());

        // The accountant reads 102.1 but may not change its contacts.
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        var denied = await Factory.GraphQLAsync(api.Host, save, new { input = new { companyId = await api.CompanyIdAsync("102.1"), function = "Comptable", name = "X", phone = "0240000000" } }, accountant);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Staff_set_the_health_team_that_employers_read()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        const string set = "mutation($input: SetHealthTeamInput!) { setHealthTeam(input: $input) { healthTeam { doctor nurses medicalSecretaryPhone } errors { code field } } }";
        var team = new { input = new { companyId = company, doctor = "Dr Anne Martin", nurses = new[] { "Luc Bernard", "Inès Petit" }, medicalSecretary = "Julie Roux", medicalSecretaryPhone = "0240123456", medicalSecretaryEmail = "secretariat@sstrn.fr", iprp = "Marc Blanc", centreName = "Centre de Nantes Nord", centreAddress = "3 rue du Centre, 44300 Nantes", openingHours = "8 h 30 – 17 h" } };

        var denied = await Factory.GraphQLAsync(api.Host, set, team, token);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var saved = await api.MutateAsync(await api.StaffTokenAsync(), "setHealthTeam", set, team);
        Assert.Empty(DemoApi.ErrorCodes(saved));
        Assert.Equal("02 40 12 34 56", saved.GetProperty("healthTeam").GetProperty("medicalSecretaryPhone").GetString());

        var read = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { healthTeam { doctor nurses centreName openingHours } } }", new { id = company })).GetProperty("company").GetProperty("healthTeam");
        Assert.Equal("Dr Anne Martin", read.GetProperty("doctor").GetString());
        Assert.Equal(["Luc Bernard", "Inès Petit"], read.GetProperty("nurses").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task A_change_of_situation_is_requested_once_and_decided_by_staff()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        const string request = "mutation($input: RequestSituationChangeInput!) { requestSituationChange(input: $input) { request { id kind state effectiveDate } errors { code field } } }";

        Assert.Equal(["REQUIRED"], DemoApi.ErrorCodes(await api.MutateAsync(token, "requestSituationChange", request, new { input = new { companyId = company, kind = "CESSATION", reason = " ", effectiveDate = "2026-12-31" } })));
        var made = await api.MutateAsync(token, "requestSituationChange", request, new { input = new { companyId = company, kind = "CESSATION", reason = "Départ à la retraite du gérant", effectiveDate = "2026-12-31" } });
        Assert.Equal("PENDING", made.GetProperty("request").GetProperty("state").GetString());
        Assert.Equal(["REQUEST_PENDING"], DemoApi.ErrorCodes(await api.MutateAsync(token, "requestSituationChange", request, new { input = new { companyId = company, kind = "SUSPENSION", reason = "Travaux", effectiveDate = "2026-12-31" } })));

        var staff = await api.StaffTokenAsync();
        var id = Assert.Single((await api.DataAsync(staff, "{ situationRequestsAwaitingDecision { id companyName kind } }")).GetProperty("situationRequestsAwaitingDecision").EnumerateArray()).GetProperty("id").GetString();
        var decided = await api.MutateAsync(staff, "decideSituationRequest", "mutation($id: ID!) { decideSituationRequest(input: { id: $id, accept: true }) { request { state } errors { code } } }", new { id });
        Assert.Equal("ACCEPTED", decided.GetProperty("request").GetProperty("state").GetString());
        var history = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { situationRequests { kind state } } }", new { id = company })).GetProperty("company").GetProperty("situationRequests");
        Assert.Equal("ACCEPTED", Assert.Single(history.EnumerateArray()).GetProperty("state").GetString());
    }

    private async Task<int> ApplyDueAsync(string tenant)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<Platform.Features.PendingChanges.PendingChanges>().ApplyDueAsync();
    }
}
