using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Workstations;

/// <summary>Workstations over the real HTTP pipeline: risks and follow-up, duplicates, held ones, closing, imports, temp agencies.</summary>
public sealed class WorkstationTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    public const string Create = """
        mutation($input: CreateWorkstationInput!) { createWorkstation(input: $input) {
          workstation { id label cspCode risks followUp closed editable radiationCategory cacesCategories attestations }
          similar { id label risks followUp closed } errors { code message field } } }
        """;

    public static object Input(Guid company, string label, string csp, string[] risks, bool confirm = false, string? radiation = null, string[]? caces = null, string? other = null) =>
        new { input = new { companyId = company, label, cspCode = csp, risks, confirmDuplicate = confirm, radiationCategory = radiation, cacesCategories = caces, otherRiskDescription = other } };

    private async Task<(string Token, Guid Company)> EmployerAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        return (await Api.EmployerTokenAsync(), await Api.CompanyIdAsync("101.1"));
    }

    [Fact]
    public async Task Risks_set_the_follow_up_badge_and_the_2025_decree_turns_CACES_into_an_attestation()
    {
        var (token, company) = await EmployerAsync();

        var plain = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Responsable communication et développement", "372d", []));
        Assert.Equal("SI", plain.GetProperty("workstation").GetProperty("followUp").GetString());
        Assert.Equal("RESPONSABLE COMMUNICATION ET DEVELOPPEMENT", plain.GetProperty("workstation").GetProperty("label").GetString()!.Replace("É", "E"));

        var asbestos = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Désamianteur", "621a", ["ASBESTOS", "NIGHT_WORK"]));
        Assert.Equal("SIR", asbestos.GetProperty("workstation").GetProperty("followUp").GetString());

        var night = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Agent de sécurité de nuit", "534a", ["NIGHT_WORK"]));
        Assert.Equal("SIA", night.GetProperty("workstation").GetProperty("followUp").GetString());

        // Today (after 1 October 2025) a CACES is simple follow-up with a 5-year attestation, not SIR any more.
        var driver = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Cariste", "651a", ["CACES"], caces: ["R489"]));
        var ws = driver.GetProperty("workstation");
        Assert.Equal("SI", ws.GetProperty("followUp").GetString());
        Assert.Equal(["R489"], ws.GetProperty("cacesCategories").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("5 ans", ws.GetProperty("attestations")[0].GetString());
    }

    [Theory]
    [InlineData("IONISING_RADIATION", null, null, "RADIATION_CATEGORY_REQUIRED", "radiationCategory")]
    [InlineData("IONISING_RADIATION", "C", null, "INVALID_RADIATION_CATEGORY", "radiationCategory")]
    [InlineData("CACES", null, null, "CACES_CATEGORIES_REQUIRED", "cacesCategories")]
    [InlineData("OTHER", null, null, "OTHER_RISK_DESCRIPTION_REQUIRED", "otherRiskDescription")]
    public async Task A_risk_that_needs_a_detail_is_refused_without_it(string risk, string? radiation, string? other, string code, string field)
    {
        var (token, company) = await EmployerAsync();
        var result = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Technicien de maintenance", "477b", [risk], radiation: radiation, other: other));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("workstation").ValueKind);
        Assert.Equal(code, result.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(field, result.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("DRH", "372d", "ACRONYM")]
    [InlineData("Technicien", "37d", "INVALID_CSP")]
    [InlineData("Technicien", "999z", "UNKNOWN_CSP")]
    [InlineData("  ", "372d", "REQUIRED")]
    public async Task Label_and_csp_code_are_checked(string label, string csp, string code)
    {
        var (token, company) = await EmployerAsync();
        var result = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, label, csp, []));
        Assert.Contains(code, DemoApi.ErrorCodes(result));
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("errors")[0].GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_second_MANUTENTIONNAIRE_with_the_same_PCS_code_needs_confirmation()
    {
        var (token, company) = await EmployerAsync();
        await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Manutentionnaire", "451a", ["MANUAL_LOADS_OVER_55KG"]));

        var again = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Manutentionnaire", "451a", []));
        Assert.Equal(["CONFIRMATION_REQUIRED"], DemoApi.ErrorCodes(again));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("workstation").ValueKind);
        var similar = Assert.Single(again.GetProperty("similar").EnumerateArray());
        Assert.Equal("MANUTENTIONNAIRE", similar.GetProperty("label").GetString());
        Assert.Equal(["MANUAL_LOADS_OVER_55KG"], similar.GetProperty("risks").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("SIR", similar.GetProperty("followUp").GetString());
        Assert.Equal(1, await CountAsync());

        var confirmed = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Manutentionnaire", "451a", [], confirm: true));
        Assert.Empty(DemoApi.ErrorCodes(confirmed));
        Assert.Equal("SI", confirmed.GetProperty("workstation").GetProperty("followUp").GetString());
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task A_held_workstation_cannot_be_edited_or_deleted_and_a_formerly_held_one_is_closed_and_offered_again()
    {
        var (token, company) = await EmployerAsync();
        var ws = (await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Jardinier", "631a", []))).GetProperty("workstation").GetProperty("id").GetString()!;
        var employee = (await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont", ws))).GetProperty("employee").GetProperty("id").GetString()!;

        var listed = await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { workstations { totalCount edges { node { id editable } } } } }", new { id = company });
        Assert.False(listed.GetProperty("company").GetProperty("workstations").GetProperty("edges")[0].GetProperty("node").GetProperty("editable").GetBoolean());

        const string update = "mutation($input: UpdateWorkstationInput!) { updateWorkstation(input: $input) { workstation { label } errors { code } } }";
        var edit = await Api.MutateAsync(token, "updateWorkstation", update, new { input = new { id = ws, label = "Paysagiste", cspCode = "631a", risks = Array.Empty<string>() } });
        Assert.Equal(["WORKSTATION_HELD"], DemoApi.ErrorCodes(edit));
        const string delete = "mutation($id: ID!) { deleteWorkstation(input: { id: $id }) { deleted closed { id closed } errors { code } } }";
        Assert.Equal(["WORKSTATION_HELD"], DemoApi.ErrorCodes(await Api.MutateAsync(token, "deleteWorkstation", delete, new { id = ws })));

        // The employee left last year: the workstation is free again, but their career keeps it, so deleting closes it.
        await Api.MutateAsync(token, "exitEmployee", EmployeeTests.Exit, new { input = new { id = employee, endDate = "2025-12-31" } });
        var deleted = await Api.MutateAsync(token, "deleteWorkstation", delete, new { id = ws });
        Assert.Empty(DemoApi.ErrorCodes(deleted));
        Assert.False(deleted.GetProperty("deleted").GetBoolean());
        Assert.True(deleted.GetProperty("closed").GetProperty("closed").GetBoolean());

        const string list = "query($id: ID!, $closed: Boolean) { company(id: $id) { workstations(includeClosed: $closed) { totalCount } } }";
        Assert.Equal(0, (await Api.DataAsync(token, list, new { id = company, closed = false })).GetProperty("company").GetProperty("workstations").GetProperty("totalCount").GetInt32());
        Assert.Equal(1, (await Api.DataAsync(token, list, new { id = company, closed = true })).GetProperty("company").GetProperty("workstations").GetProperty("totalCount").GetInt32());

        var offered = await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Jardinier paysagiste", "631a", []));
        Assert.True(Assert.Single(offered.GetProperty("similar").EnumerateArray()).GetProperty("closed").GetBoolean());
        const string reopen = "mutation($id: ID!) { reopenWorkstation(input: { id: $id }) { workstation { closed } errors { code } } }";
        Assert.False((await Api.MutateAsync(token, "reopenWorkstation", reopen, new { id = ws })).GetProperty("workstation").GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task A_workstation_nobody_held_is_deleted()
    {
        var (token, company) = await EmployerAsync();
        var ws = (await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Secrétaire", "542a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var deleted = await Api.MutateAsync(token, "deleteWorkstation", "mutation($id: ID!) { deleteWorkstation(input: { id: $id }) { deleted errors { code } } }", new { id = ws });
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(0, await CountAsync());
    }

    public const string Import = "mutation($input: CsvImportInput!) { importWorkstations(input: $input) { imported errors { line column code message } } }";

    private static string Line(string csp, string label, string risks = "Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non", string description = "") =>
        $"{csp};{label};{risks};{description}";

    private static string Header => string.Join(';', Platform.Features.Workstations.WorkstationCsv.Header);

    [Fact]
    public async Task Importing_the_reference_file_adds_every_line_or_none()
    {
        var (token, company) = await EmployerAsync();
        var bad = string.Join('\n', Header,
            Line("451a", "Manutentionnaire", "Non;Non;Non;Non;Non;Non;Non;Non;Non;Oui;Non;Non;Non;Non"),
            Line("45a", "Magasinier"),
            Line("372d", "Chef de projet", "Non;Non;Peut-être;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non"),
            Line("372d", "Ingénieur", "Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Oui"));
        var refused = await Api.MutateAsync(token, "importWorkstations", Import, new { input = new { companyId = company, csv = bad } });
        Assert.Equal(0, refused.GetProperty("imported").GetInt32());
        var errors = refused.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(3, "Code CSP", "INVALID_CSP"), (4, "CMR (Cancérogène)(Oui/Non)", "YES_NO"), (5, "Description du risque", "OTHER_RISK_DESCRIPTION_REQUIRED")], errors);
        Assert.Equal(0, await CountAsync());

        var good = string.Join("\r\n", Header,
            Line("451a", "Manutentionnaire", "Non;Non;Non;Non;Non;Non;Non;Non;Non;Oui;Non;Non;Non;Non"),
            Line("372d", "Ingénieur d'études", "Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Non;Oui", "Travail isolé en milieu confiné"),
            "", Line("526a", "Aide-soignant", "non;non;non;non;non;non;non;non;non;non;oui;non;oui;non")) + "\r\n";
        var imported = await Api.MutateAsync(token, "importWorkstations", Import, new { input = new { companyId = company, csv = good } });
        Assert.Empty(imported.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, imported.GetProperty("imported").GetInt32());

        var list = await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { workstations { edges { node { label followUp risks } } } } }", new { id = company });
        var byLabel = list.GetProperty("company").GetProperty("workstations").GetProperty("edges").EnumerateArray()
            .ToDictionary(e => e.GetProperty("node").GetProperty("label").GetString()!, e => e.GetProperty("node"));
        Assert.Equal("SIR", byLabel["MANUTENTIONNAIRE"].GetProperty("followUp").GetString());
        Assert.Equal("SIR", byLabel["INGÉNIEUR D'ÉTUDES"].GetProperty("followUp").GetString());
        Assert.Equal("SIA", byLabel["AIDE-SOIGNANT"].GetProperty("followUp").GetString());
        Assert.Equal(["BIOLOGICAL_GROUP_2", "NIGHT_WORK"], byLabel["AIDE-SOIGNANT"].GetProperty("risks").EnumerateArray().Select(r => r.GetString()).Order());

        // The import adds only: the same file again is refused line by line.
        var again = await Api.MutateAsync(token, "importWorkstations", Import, new { input = new { companyId = company, csv = good } });
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.All(again.GetProperty("errors").EnumerateArray(), e => Assert.Equal("ALREADY_EXISTS", e.GetProperty("code").GetString()));
        Assert.Equal(3, await CountAsync());
    }

    [Fact]
    public async Task A_file_without_the_reference_header_is_refused()
    {
        var (token, company) = await EmployerAsync();
        var result = await Api.MutateAsync(token, "importWorkstations", Import, new { input = new { companyId = company, csv = "Nom,Prénom\nDupont,Jean" } });
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal("BAD_HEADER", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_temp_worker_account_takes_at_most_three_workstations()
    {
        var (token, _) = await EmployerAsync();
        var temp = await TempWorkerAccountAsync(Factory, "sstrn", "101.1.1");
        foreach (var (label, csp) in new[] { ("Cariste intérimaire", "651a"), ("Manutentionnaire intérimaire", "676a"), ("Soudeur intérimaire", "623f") })
            Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createWorkstation", Create, Input(temp, label, csp, []))));

        var fourth = await Api.MutateAsync(token, "createWorkstation", Create, Input(temp, "Peintre intérimaire", "632e", []));
        Assert.Equal(["TEMP_WORKSTATION_LIMIT"], DemoApi.ErrorCodes(fourth));
        var company = await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { tempWorkerAccount workstations { totalCount } } }", new { id = temp });
        Assert.True(company.GetProperty("company").GetProperty("tempWorkerAccount").GetBoolean());
        Assert.Equal(3, company.GetProperty("company").GetProperty("workstations").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Another_tenant_and_a_read_only_role_cannot_reach_workstations()
    {
        var (token, company) = await EmployerAsync();
        var ws = (await Api.MutateAsync(token, "createWorkstation", Create, Input(company, "Comptable", "373c", []))).GetProperty("workstation").GetProperty("id").GetString();

        var sst68 = new DemoApi(Factory, "sst68");
        var foreign = await sst68.DataAsync(await sst68.EmployerTokenAsync(), "query($id: ID!) { workstation(id: $id) { label } }", new { id = ws });
        Assert.Equal(JsonValueKind.Null, foreign.GetProperty("workstation").ValueKind);

        // The accountant is Facturation/Déclaration/Lecture on 102.1 only: 101.1's workstations are not theirs to change.
        var accountant = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        var denied = await Factory.GraphQLAsync(Api.Host, Create, Input(company, "Comptable", "373c", [], confirm: true), accountant);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, await CountAsync());
    }

    public static async Task<Guid> TempWorkerAccountAsync(PlatformFactory factory, string tenant, string number)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var parent = await db.Companies.SingleAsync(c => c.MemberNumber == TempAgency.ParentOf(number));
        var company = new Company { MemberNumber = number, Siret = parent.Siret, Name = parent.Name + " (intérimaires)", CreatedAt = DateTimeOffset.UtcNow };
        db.Companies.Add(company);
        foreach (var member in await db.Memberships.Where(m => m.CompanyId == parent.Id).ToListAsync())
            db.Memberships.Add(new Membership { UserId = member.UserId, CompanyId = company.Id, Roles = member.Roles, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return company.Id;
    }

    private async Task<int> CountAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Workstations.CountAsync();
    }
}
