using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests;

/// <summary>The two employee imports over GraphQL: all or nothing, errors by line and column, end dates entered once.</summary>
public sealed class EmployeeImportTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");
    private const string ImportNew = "mutation($input: CsvImportInput!) { importEmployees(input: $input) { imported errors { line column code message } } }";
    private const string ImportEnds = "mutation($input: CsvImportInput!) { importEmployeeEndDates(input: $input) { imported errors { line column code message } } }";
    private static readonly string Header = string.Join(';', EmployeeCsv.NewEmployeesHeader);

    private async Task<(string Token, Guid Company)> EmployerWithWorkstationAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Manutentionnaire", "676a", ["NIGHT_WORK"]));
        return (token, company);
    }

    private static List<(int Line, string? Column, string Code)> Errors(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("code").GetString()!)).ToList();

    [Fact]
    public async Task A_file_with_bad_lines_imports_nothing_and_names_each_line_and_column()
    {
        var (token, company) = await EmployerWithWorkstationAsync();
        var csv = string.Join("\n", Header,
            $"Madame;Camille;Martin;;14/02/1990;N{EmployeeTests.Nir};01/09/2024;;676a;MANUTENTIONNAIRE;CDI",     // INS of a man born in May 1985
            "Docteur;Paul;Durand;;13/12/1988;;01/09/2024;;676a;MANUTENTIONNAIRE;CDI",                          // civility
            "Monsieur;Luc;Petit;;2024-01-01;;01/09/2024;;676a;MANUTENTIONNAIRE;CDI",                            // date format
            "Monsieur;Marc;Blanc;;01/01/1980;;01/09/2024;;676a;PEINTRE;CDI",                                    // unknown workstation
            "Monsieur;Éric;Noir;;01/01/1980;;01/09/2024;;676a;manutentionnaire;Contrat à vie",                 // contract
            "Madame;Zoé;Roux;;01/01/1992;;01/09/2024;;;;CDD",
            "Madame;Zoé;Roux;;01/01/1992;;01/09/2024;;;;CDD");                                                  // same person twice
        var result = await Api.MutateAsync(token, "importEmployees", ImportNew, new { input = new { companyId = company, csv } });
        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        Assert.Equal(
            [(2, "INS", "INS_MISMATCH"), (3, "Civilite", "INVALID_CIVILITY"), (4, "Date de naissance", "INVALID_DATE"),
             (5, "Libelle du type de poste", "UNKNOWN_WORKSTATION"), (6, "Libelle du type de contrat", "INVALID_CONTRACT"), (8, "Nom de naissance", "DUPLICATE_LINE")],
            Errors(result));
        Assert.All(result.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_good_file_adds_every_employee_with_its_workstation_and_an_exit_already_known()
    {
        var (token, company) = await EmployerWithWorkstationAsync();
        var csv = string.Join("\r\n", Header,
            $"Monsieur;Jean;Dupont;;12/05/1985;N{EmployeeTests.Nir};01/09/2024;;676a;Manutentionnaire;CDI",
            "Mme;Anne;Bernard;Leroy;03/04/1991;;15/01/2021;31/12/2023;676a;MANUTENTIONNAIRE;CDD",
            "Monsieur;Luc;Sans-Poste;;01/01/1990;;01/09/2024;;;;Apprentissage") + "\r\n";
        var result = await Api.MutateAsync(token, "importEmployees", ImportNew, new { input = new { companyId = company, csv } });
        Assert.Empty(Errors(result));
        Assert.Equal(3, result.GetProperty("imported").GetInt32());

        var all = (await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { employees(filter: { activeOnly: false }) { edges { node { birthName marriedName insMasked endDate followUp currentWorkstation { label } career { endDate } } } } } }", new { id = company }))
            .GetProperty("company").GetProperty("employees").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToDictionary(n => n.GetProperty("birthName").GetString()!);
        Assert.Equal("1 85 05 •• ••• ••• ••", all["DUPONT"].GetProperty("insMasked").GetString());
        Assert.Equal("SIA", all["DUPONT"].GetProperty("followUp").GetString());
        Assert.Equal("LEROY", all["BERNARD"].GetProperty("marriedName").GetString());
        Assert.Equal("2023-12-31", all["BERNARD"].GetProperty("endDate").GetString());
        Assert.Equal("2023-12-31", all["BERNARD"].GetProperty("career")[0].GetProperty("endDate").GetString());
        Assert.Equal(JsonValueKind.Null, all["SANS-POSTE"].GetProperty("currentWorkstation").ValueKind);

        // The import adds only: the same file again is refused, line by line.
        var again = await Api.MutateAsync(token, "importEmployees", ImportNew, new { input = new { companyId = company, csv } });
        Assert.Equal([(2, "Nom de naissance", "ALREADY_DECLARED"), (3, "Nom de naissance", "ALREADY_DECLARED"), (4, "Nom de naissance", "ALREADY_DECLARED")], Errors(again));
        Assert.Equal(3, await CountAsync());
    }

    [Fact]
    public async Task The_end_date_file_records_exits_once_and_refuses_changing_one()
    {
        var (token, company) = await EmployerWithWorkstationAsync();
        await Api.MutateAsync(token, "importEmployees", ImportNew, new
        {
            input = new { companyId = company, csv = string.Join("\n", Header, "Monsieur;Jean;Dupont;;12/05/1985;;01/09/2024;;676a;MANUTENTIONNAIRE;CDI", "Madame;Anne;Bernard;;03/04/1991;;15/01/2021;;676a;MANUTENTIONNAIRE;CDD") },
        });

        // The file as the portal hands it out, filled with the active employees.
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var template = Csv.Decode(await (await portal.GetAsync($"/entreprises/{company}/salaries/import?handler=ModeleFins")).Content.ReadAsByteArrayAsync());
        var lines = template.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("id;INS;Civilite", lines[0]);
        var dupont = lines.FindIndex(l => l.Contains(";DUPONT;"));
        var bernard = lines.FindIndex(l => l.Contains(";BERNARD;"));

        var bad = lines.ToList();
        bad[dupont] += "31/02/2026";
        bad[bernard] += "01/01/2020"; // before her start
        var refused = await Api.MutateAsync(token, "importEmployeeEndDates", ImportEnds, new { input = new { companyId = company, csv = string.Join("\n", bad) } });
        Assert.Equal(new List<(int, string?, string)> { (dupont + 1, "Date de sortie", "INVALID_DATE"), (bernard + 1, "Date de sortie", "INVALID_END_DATE") }.OrderBy(e => e.Item1), Errors(refused).OrderBy(e => e.Line));

        var good = lines.ToList();
        good[dupont] += "30/06/2026";
        var done = await Api.MutateAsync(token, "importEmployeeEndDates", ImportEnds, new { input = new { companyId = company, csv = string.Join("\n", good) } });
        Assert.Empty(Errors(done));
        Assert.Equal(1, done.GetProperty("imported").GetInt32());

        var changed = lines.ToList();
        changed[dupont] = changed[dupont] + "31/07/2026";
        var again = await Api.MutateAsync(token, "importEmployeeEndDates", ImportEnds, new { input = new { companyId = company, csv = string.Join("\n", changed) } });
        Assert.Equal([(dupont + 1, "Date de sortie", "DATE_FIXED")], Errors(again));

        var foreign = lines.ToList();
        foreign[dupont] = Guid.NewGuid() + foreign[dupont][36..] + "30/06/2026";
        Assert.Equal("UNKNOWN_EMPLOYEE", Errors(await Api.MutateAsync(token, "importEmployeeEndDates", ImportEnds, new { input = new { companyId = company, csv = string.Join("\n", foreign) } }))[0].Code);
    }

    [Fact]
    public async Task Another_tenant_never_sees_an_employee()
    {
        var (token, company) = await EmployerWithWorkstationAsync();
        var id = (await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont"))).GetProperty("employee").GetProperty("id").GetString();
        var sst68 = new DemoApi(Factory, "sst68");
        var sst68Token = await sst68.EmployerTokenAsync();
        Assert.Equal(JsonValueKind.Null, (await sst68.DataAsync(sst68Token, "query($id: ID!) { employee(id: $id) { birthName } }", new { id })).GetProperty("employee").ValueKind);
        var exit = await Factory.GraphQLAsync(sst68.Host, EmployeeTests.Exit, new { input = new { id, endDate = "2026-10-31" } }, sst68Token);
        Assert.Equal("NOT_FOUND", exit.GetProperty("data").GetProperty("exitEmployee").GetProperty("errors")[0].GetProperty("code").GetString());
        // The sstrn token does not work on sst68's host either.
        var crossHost = await Factory.GraphQLAsync(sst68.Host, "query($id: ID!) { employee(id: $id) { birthName } }", new { id }, token);
        Assert.True(crossHost.TryGetProperty("errors", out _) || crossHost.GetProperty("data").GetProperty("employee").ValueKind == JsonValueKind.Null);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Employees.CountAsync();
    }
}
