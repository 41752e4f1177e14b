using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Companies;

/// <summary>
/// The one pending-change workflow (sst68: every employer change waits for staff and applies the next
/// day): field-level company changes that never undo each other, partial updates, required fields,
/// contacts and workstations waiting too, temp-worker accounts refused.
/// </summary>
public sealed class PendingChangesTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Update = """
        mutation($input: UpdateCompanyDetailsInput!) { updateCompanyDetails(input: $input) {
          details { creationDate activity phone fax mainAddress { line1 postalCode city } billingAddress { companyName line1 city } billingAddressIsMain }
          pendingChange { id state fields { field oldValue newValue } } errors { code field message } } }
        """;
    private const string Decide = "mutation($id: ID!) { decideEmployerChange(input: { id: $id, accept: true }) { change { state effectiveOn } errors { code } } }";
    private const string SaveContact = "mutation($input: SaveContactInput!) { saveContact(input: $input) { contact { id name } pendingChange { id state description } errors { code message } } }";

    public override async Task InitializeAsync()
    {
        Factory.Clock.Reset();
        await base.InitializeAsync();
        // Counts workstations and contacts from none: the demo companies without their workforce.
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    /// <summary>
    /// A workstation for a test's setup. On a tenant that validates every change (sst68) it waits for
    /// staff: accepted, applied by the job on the next day, and the clock brought back to today.
    /// </summary>
    public static async Task<string> WorkstationAsync(PlatformFactory factory, DemoApi api, string token, Guid company, string label, string csp, string[]? risks = null, string[]? caces = null)
    {
        var created = await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create.Replace("errors {", "pendingChange { id } errors {"), WorkstationTests.Input(company, label, csp, risks ?? [], caces: caces));
        if (created.GetProperty("workstation").ValueKind != JsonValueKind.Null) return created.GetProperty("workstation").GetProperty("id").GetString()!;
        var staff = await api.StaffTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "decideEmployerChange", Decide, new { id = created.GetProperty("pendingChange").GetProperty("id").GetString() })));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        try { Assert.Equal(1, await ApplyDueAsync(factory, api.Host.Split('.')[0])); }
        finally { factory.Clock.Advance(TimeSpan.FromDays(-1)); }
        var list = await api.DataAsync(token, "query($id: ID!) { company(id: $id) { workstations { edges { node { id label } } } } }", new { id = company });
        return list.GetProperty("company").GetProperty("workstations").GetProperty("edges").EnumerateArray()
            .Single(e => e.GetProperty("node").GetProperty("label").GetString() == label.ToUpperInvariant()).GetProperty("node").GetProperty("id").GetString()!;
    }

    private static async Task<int> ApplyDueAsync(PlatformFactory factory, string tenant)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PendingChanges>().ApplyDueAsync();
    }

    private static object Form(Guid company, string name, string line1, string postalCode, string city) => new
    {
        input = new
        {
            companyId = company, name, legalForm = "SARL", creationDate = "2010-05-01", nafCode = "10.71C", activity = "Boulangerie", phone = "03 89 00 00 00",
            mainAddress = new { line1, postalCode, city },
        },
    };

    [Fact]
    public async Task Two_staff_accepting_the_same_change_at_once_decide_it_once()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        var sent = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input = new { companyId = company, fax = "03 89 11 11 11" } });
        var id = sent.GetProperty("pendingChange").GetProperty("id").GetString();
        var staff = await api.StaffTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Factory.GraphQLAsync(api.Host, Decide, new { id }, staff)));
        var codes = answers.Select(a => DemoApi.ErrorCodes(a.GetProperty("data").GetProperty("decideEmployerChange"))).ToList();
        Assert.Single(codes, c => c.Count == 0);
        Assert.All(codes.Where(c => c.Count > 0), c => Assert.Equal(["ALREADY_DECIDED"], c));
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action.EndsWith("change-accepted")));
    }

    [Fact]
    public async Task Two_changes_sent_from_the_same_old_form_and_accepted_the_same_day_both_hold()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var staff = await api.StaffTokenAsync();
        var company = await api.CompanyIdAsync("680001");
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            // The company as the employer's form shows it before both changes.
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var row = await db.Companies.SingleAsync(c => c.Id == company);
            (row.Name, row.LegalForm, row.CreationDate, row.NafCode, row.Activity, row.Phone) = ("Boulangerie Ancienne", "SARL", new DateOnly(2010, 5, 1), "1071C", "Boulangerie", "03 89 00 00 00");
            row.MainAddress = new PostalAddress("1 rue Vieille", null, "68100", "MULHOUSE");
            await db.SaveChangesAsync();
        }

        // First form: a new address; staff accept it.
        var address = await api.MutateAsync(token, "updateCompanyDetails", Update, Form(company, "Boulangerie Ancienne", "5 rue Neuve", "68200", "Mulhouse"));
        Assert.Empty(DemoApi.ErrorCodes(address));
        Assert.Equal(["mainAddress"], address.GetProperty("pendingChange").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        await api.MutateAsync(staff, "decideEmployerChange", Decide, new { id = address.GetProperty("pendingChange").GetProperty("id").GetString() });

        // Second form, the same day, still showing the old address: a new name; staff accept it too.
        var name = await api.MutateAsync(token, "updateCompanyDetails", Update, Form(company, "Boulangerie Nouvelle", "1 rue Vieille", "68100", "Mulhouse"));
        Assert.Empty(DemoApi.ErrorCodes(name));
        Assert.Equal(["name"], name.GetProperty("pendingChange").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        await api.MutateAsync(staff, "decideEmployerChange", Decide, new { id = name.GetProperty("pendingChange").GetProperty("id").GetString() });

        const string read = "query($id: ID!) { company(id: $id) { name legalForm nafCode details { activity phone mainAddress { line1 postalCode } } employerChanges { state status appliedAt } } }";
        var accepted = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.All(accepted.GetProperty("employerChanges").EnumerateArray(), c => Assert.StartsWith("validée, prend effet le", c.GetProperty("status").GetString()));

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await ApplyDueAsync(Factory, "sst68"));

        token = await api.EmployerTokenAsync();
        var after = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.Equal("Boulangerie Nouvelle", after.GetProperty("name").GetString());
        Assert.Equal("5 rue Neuve", after.GetProperty("details").GetProperty("mainAddress").GetProperty("line1").GetString());
        Assert.Equal("68200", after.GetProperty("details").GetProperty("mainAddress").GetProperty("postalCode").GetString());
        Assert.Equal("SARL", after.GetProperty("legalForm").GetString());
        Assert.Equal("1071C", after.GetProperty("nafCode").GetString());
        Assert.Equal("03 89 00 00 00", after.GetProperty("details").GetProperty("phone").GetString());
        Assert.All(after.GetProperty("employerChanges").EnumerateArray(), c => Assert.StartsWith("appliquée le", c.GetProperty("status").GetString()));

        // The employer's page lists both changes as applied, with what each changed.
        var portal = Factory.PortalFor("sst68.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        var page = Regex.Replace(await portal.GetHtmlAsync($"/entreprises/{company}/fiche"), @"\s+", " ");
        Assert.Equal(2, Regex.Matches(page, "appliquée le \\d{2}/\\d{2}/\\d{4}").Count);
        Assert.Contains("Raison sociale : « Boulangerie Ancienne » → « Boulangerie Nouvelle »", page);
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_fields_given()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "updateCompanyDetails", Update, Form(company, "Entreprise Démo SSTRN", "12 rue de la Paix", "44000", "Nantes"))));

        var renamed = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input = new { companyId = company, name = "Nouveau nom" } });
        Assert.Empty(DemoApi.ErrorCodes(renamed));
        var details = renamed.GetProperty("details");
        var company1 = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { name legalForm nafCode } }", new { id = company })).GetProperty("company");
        Assert.Equal("Nouveau nom", company1.GetProperty("name").GetString());
        Assert.Equal("SARL", company1.GetProperty("legalForm").GetString());
        Assert.Equal("1071C", company1.GetProperty("nafCode").GetString());
        Assert.Equal("12 rue de la Paix", details.GetProperty("mainAddress").GetProperty("line1").GetString());
        Assert.Equal("03 89 00 00 00", details.GetProperty("phone").GetString());

        // A fax alone, then a billing address with the name it is sent to.
        var fax = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input = new { companyId = company, fax = "0240000001" } });
        Assert.Equal("02 40 00 00 01", fax.GetProperty("details").GetProperty("fax").GetString());
        Assert.Equal("Boulangerie", fax.GetProperty("details").GetProperty("activity").GetString());
        var billing = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input = new { companyId = company, billingAddress = new { companyName = "Service comptable", line1 = "BP 42", postalCode = "44100", city = "Nantes" } } });
        Assert.Equal("Service comptable", billing.GetProperty("details").GetProperty("billingAddress").GetProperty("companyName").GetString());
        Assert.Equal("12 rue de la Paix", billing.GetProperty("details").GetProperty("mainAddress").GetProperty("line1").GetString());
        var noName = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input = new { companyId = company, convocationAddress = new { line1 = "3 rue Basse", postalCode = "44100", city = "Nantes" } } });
        Assert.Equal(["REQUIRED"], DemoApi.ErrorCodes(noName));
        Assert.Equal("convocationAddress", noName.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("legalForm", null, "forme juridique")]
    [InlineData("nafCode", "", "code NAF")]
    [InlineData("creationDate", null, "date de création")]
    [InlineData("activity", " ", "activité")]
    [InlineData("phone", null, "téléphone")]
    [InlineData("mainAddress", null, "adresse de l'entreprise")]
    public async Task A_required_field_set_to_null_or_empty_is_refused_and_nothing_is_written(string field, string? value, string named)
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "updateCompanyDetails", Update, Form(company, "Entreprise Démo SSTRN", "12 rue de la Paix", "44000", "Nantes"))));

        var input = new Dictionary<string, object?> { ["companyId"] = company, ["name"] = "Autre nom", [field] = value };
        var refused = await api.MutateAsync(token, "updateCompanyDetails", Update, new { input });
        var error = Assert.Single(refused.GetProperty("errors").EnumerateArray());
        Assert.Equal("REQUIRED", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString());

        var read = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { name legalForm nafCode details { phone mainAddress { line1 } } } }", new { id = company })).GetProperty("company");
        Assert.Equal("Entreprise Démo SSTRN", read.GetProperty("name").GetString());
        Assert.Equal("SARL", read.GetProperty("legalForm").GetString());
        Assert.Equal("1071C", read.GetProperty("nafCode").GetString());
        Assert.Equal("12 rue de la Paix", read.GetProperty("details").GetProperty("mainAddress").GetProperty("line1").GetString());
    }

    [Fact]
    public async Task In_sst68_contacts_and_workstations_wait_for_staff_and_apply_the_next_day()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");

        var contact = await api.MutateAsync(token, "saveContact", SaveContact, new { input = new { companyId = company, function = "Comptable", name = "Paul Compte", phone = "0389000000" } });
        Assert.Empty(DemoApi.ErrorCodes(contact));
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("contact").ValueKind);
        Assert.Equal("PENDING", contact.GetProperty("pendingChange").GetProperty("state").GetString());
        var workstation = await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create.Replace("errors {", "pendingChange { id state } errors {"), WorkstationTests.Input(company, "Boulanger", "636c", []));
        Assert.Equal(JsonValueKind.Null, workstation.GetProperty("workstation").ValueKind);
        Assert.Equal("PENDING", workstation.GetProperty("pendingChange").GetProperty("state").GetString());

        const string read = "query($id: ID!) { company(id: $id) { contacts { name } workstations { totalCount } } }";
        var before = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.Empty(before.GetProperty("contacts").EnumerateArray());
        Assert.Equal(0, before.GetProperty("workstations").GetProperty("totalCount").GetInt32());

        // Staff see both on their desk and accept them.
        var staffPortal = await Factory.StaffPortalAsync("sst68.localhost", "staff@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var desk = Regex.Replace(await staffPortal.GetHtmlAsync("/personnel/entreprises"), @"\s+", " ");
        Assert.Contains("Nouveau contact : Paul Compte (Comptable)", desk);
        Assert.Contains("Nouveau poste : BOULANGER", desk);
        var ids = Regex.Matches(desk, "changeId=([0-9a-f-]{36})").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, ids.Count);
        foreach (var changeId in ids)
            Assert.Contains("acceptée : elle prend effet le", await PortalClient.HtmlAsync(await staffPortal.SubmitAsync("/personnel/entreprises", new Dictionary<string, string>(), $"/personnel/entreprises?handler=Modification&changeId={changeId}&accept=true")));
        var staff = await api.StaffTokenAsync();
        Assert.Empty((await api.DataAsync(staff, "{ employerChangesAwaitingDecision { id } }")).GetProperty("employerChangesAwaitingDecision").EnumerateArray());

        Assert.Equal(0, await ApplyDueAsync(Factory, "sst68"));
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await ApplyDueAsync(Factory, "sst68"));
        token = await api.EmployerTokenAsync();
        var after = (await api.DataAsync(token, read, new { id = company })).GetProperty("company");
        Assert.Equal("Paul Compte", Assert.Single(after.GetProperty("contacts").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, after.GetProperty("workstations").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Contacts_of_a_temp_worker_account_are_changed_on_the_parent_account()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var temp = await WorkstationTests.TempWorkerAccountAsync(Factory, "sstrn", "101.1.2");
        var refused = await api.MutateAsync(token, "saveContact", SaveContact, new { input = new { companyId = temp, function = "Comptable", name = "Paul Compte", phone = "0240000000" } });
        Assert.Equal(["ADMIN_ON_PARENT"], DemoApi.ErrorCodes(refused));
        Assert.Contains("compte mère 101.1", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Empty((await api.DataAsync(token, "query($id: ID!) { company(id: $id) { contacts { name } } }", new { id = temp })).GetProperty("company").GetProperty("contacts").EnumerateArray());

        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.CompanyContacts.Add(new CompanyContact { CompanyId = temp, Function = "Comptable", Name = "Déjà là", Phone = "02 40 00 00 00" });
            await db.SaveChangesAsync();
        }
        var id = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { contacts { id } } }", new { id = temp })).GetProperty("company").GetProperty("contacts")[0].GetProperty("id").GetString();
        var delete = await api.MutateAsync(token, "deleteContact", "mutation($c: ID!, $id: ID!) { deleteContact(companyId: $c, id: $id) { errors { code message } } }", new { c = temp, id });
        Assert.Equal(["ADMIN_ON_PARENT"], DemoApi.ErrorCodes(delete));
        Assert.Single((await api.DataAsync(token, "query($id: ID!) { company(id: $id) { contacts { id } } }", new { id = temp })).GetProperty("company").GetProperty("contacts").EnumerateArray());
    }
}
