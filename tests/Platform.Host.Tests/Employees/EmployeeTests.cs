using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests;

/// <summary>Employees over the real HTTP pipeline: declaration, INS, validation, career, exit, list, check, January lock.</summary>
public sealed class EmployeeTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    // The January test sets the clock: every test of this class starts from the real date.
    public override async Task InitializeAsync()
    {
        Factory.Clock.Reset();
        await base.InitializeAsync();
    }

    /// <summary>A valid NIR for a man born in May 1985 (key 97 − n mod 97).</summary>
    public const string Nir = "185057510812380";

    public const string Fields = "id civility firstName birthName marriedName birthDate insMasked validated active contract startDate endDate followUp currentWorkstation { id label }";
    public const string CreateEmployee = "mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { employee { " + Fields + " } errors { code message field } } }";
    public const string Exit = "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { employee { " + Fields + " } errors { code message field } } }";
    private const string Update = "mutation($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { employee { " + Fields + " } errors { code message field } } }";

    public static object EmployeeInput(Guid company, string first, string last, string? workstation = null, string civility = "Monsieur",
        string birthDate = "1985-05-12", string? ins = null, string contract = "CDI", string startDate = "2020-03-01") =>
        new { input = new { companyId = company, civility, firstName = first, birthName = last, birthDate, ins, workstationId = workstation, contract, startDate } };

    private async Task<(string Token, Guid Company, string Workstation)> EmployerAsync(DemoApi? api = null, string number = "101.1")
    {
        api ??= Api;
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync(number);
        // sst68: the workstation waits for staff like every employer change; the helper accepts and applies it.
        var ws = await Companies.PendingChangesTests.WorkstationAsync(Factory, api, token, company, "Cariste", "651a", ["CACES"], ["R489"]);
        return (token, company, ws);
    }

    [Fact]
    public async Task The_INS_is_checked_stored_encrypted_and_shown_masked()
    {
        var (token, company, ws) = await EmployerAsync();
        var wrongKey = await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws, ins: "185057510812381"));
        Assert.Equal(["INVALID_INS"], DemoApi.ErrorCodes(wrongKey));
        var wrongSex = await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jeanne", "Dupont", ws, civility: "Madame", ins: Nir));
        Assert.Equal(["INS_MISMATCH"], DemoApi.ErrorCodes(wrongSex));

        var created = await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws, ins: "N" + Nir));
        var employee = created.GetProperty("employee");
        Assert.Equal("1 85 05 •• ••• ••• ••", employee.GetProperty("insMasked").GetString());
        Assert.Equal("DUPONT", employee.GetProperty("birthName").GetString());
        Assert.Equal("CARISTE", employee.GetProperty("currentWorkstation").GetProperty("label").GetString());
        Assert.False(employee.GetProperty("validated").GetBoolean()); // sstrn: new employees wait for staff validation

        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var row = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Employees.SingleAsync();
        Assert.DoesNotContain(Nir, row.ProtectedNir);
        Assert.DoesNotContain("1850575108", row.ProtectedNir);
        Assert.Equal(Nir, scope.ServiceProvider.GetRequiredService<Platform.Features.Employees.EmployeeNir>().Reveal("sstrn", row.ProtectedNir!));
    }

    [Fact]
    public async Task A_Corsican_INS_is_accepted()
    {
        var (token, company, ws) = await EmployerAsync();
        // Born in Corse-du-Sud (2A counts as 19 for the key): 2 90 03 2A 004 123, key 97 − (2900319004123 mod 97).
        var key = 97 - (int)(2900319004123UL % 97);
        var result = await Api.MutateAsync(token, "createEmployee", CreateEmployee,
            EmployeeInput(company, "Maria", "Santoni", ws, civility: "Madame", birthDate: "1990-03-04", ins: $"290032A004123{key:D2}"));
        Assert.Empty(DemoApi.ErrorCodes(result));
        Assert.Equal("2 90 03 •• ••• ••• ••", result.GetProperty("employee").GetProperty("insMasked").GetString());
    }

    [Fact]
    public async Task A_validated_employee_cannot_be_deleted_and_only_the_name_and_INS_change()
    {
        var (token, company, ws) = await EmployerAsync();
        var id = (await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws))).GetProperty("employee").GetProperty("id").GetString()!;

        // Before validation the employer may still correct the first name.
        var corrected = await Api.MutateAsync(token, "updateEmployee", Update, new { input = new { id, firstName = "Jean-Marc" } });
        Assert.Equal("Jean-Marc", corrected.GetProperty("employee").GetProperty("firstName").GetString());

        var awaiting = await Api.DataAsync(await Api.StaffTokenAsync(), "{ employeesAwaitingValidation { company { memberNumber } employee { id } } }");
        Assert.Equal(id, Assert.Single(awaiting.GetProperty("employeesAwaitingValidation").EnumerateArray()).GetProperty("employee").GetProperty("id").GetString());
        var denied = await Factory.GraphQLAsync(Api.Host, "mutation($id: ID!) { validateEmployee(input: { id: $id }) { employee { validated } } }", new { id }, token);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var validated = await Api.MutateAsync(await Api.StaffTokenAsync(), "validateEmployee", "mutation($id: ID!) { validateEmployee(input: { id: $id }) { employee { validated } errors { code } } }", new { id });
        Assert.True(validated.GetProperty("employee").GetProperty("validated").GetBoolean());

        var delete = await Api.MutateAsync(token, "deleteEmployee", "mutation($id: ID!) { deleteEmployee(input: { id: $id }) { ok errors { code message } } }", new { id });
        Assert.Equal(["VALIDATED_EMPLOYEE"], DemoApi.ErrorCodes(delete));
        var firstName = await Api.MutateAsync(token, "updateEmployee", Update, new { input = new { id, firstName = "Marc" } });
        Assert.Equal(["VALIDATED_EMPLOYEE"], DemoApi.ErrorCodes(firstName));
        var startDate = await Api.MutateAsync(token, "updateEmployee", Update, new { input = new { id, birthName = "Dupont-Martin", ins = Nir } });
        Assert.Empty(DemoApi.ErrorCodes(startDate));
        Assert.Equal("DUPONT-MARTIN", startDate.GetProperty("employee").GetProperty("birthName").GetString());
        Assert.Equal("1 85 05 •• ••• ••• ••", startDate.GetProperty("employee").GetProperty("insMasked").GetString());
    }

    [Fact]
    public async Task An_employee_not_yet_validated_can_be_deleted()
    {
        var (token, company, ws) = await EmployerAsync();
        var id = (await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws))).GetProperty("employee").GetProperty("id").GetString()!;
        var delete = await Api.MutateAsync(token, "deleteEmployee", "mutation($id: ID!) { deleteEmployee(input: { id: $id }) { ok errors { code } } }", new { id });
        Assert.True(delete.GetProperty("ok").GetBoolean());
        Assert.Equal(0, await CountAsync("sstrn"));
    }

    [Fact]
    public async Task The_end_date_is_entered_once_and_a_former_employee_can_be_reactivated()
    {
        var (token, company, ws) = await EmployerAsync();
        var id = (await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws))).GetProperty("employee").GetProperty("id").GetString()!;

        var beforeStart = await Api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2019-12-31" } });
        Assert.Equal(["INVALID_END_DATE"], DemoApi.ErrorCodes(beforeStart));
        var exited = await Api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2025-06-30" } });
        Assert.Equal("2025-06-30", exited.GetProperty("employee").GetProperty("endDate").GetString());
        Assert.False(exited.GetProperty("employee").GetProperty("active").GetBoolean());
        var changed = await Api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2025-07-31" } });
        Assert.Equal(["DATE_FIXED"], DemoApi.ErrorCodes(changed));

        const string reactivate = "mutation($input: ReactivateEmployeeInput!) { reactivateEmployee(input: $input) { employee { active startDate endDate career { contract startDate endDate workstation { label } } } errors { code } } }";
        var tooEarly = await Api.MutateAsync(token, "reactivateEmployee", reactivate, new { input = new { id, contract = "CDD", startDate = "2025-06-30", workstationId = ws } });
        Assert.Equal(["INVALID_START_DATE"], DemoApi.ErrorCodes(tooEarly));
        var back = (await Api.MutateAsync(token, "reactivateEmployee", reactivate, new { input = new { id, contract = "CDD", startDate = "2026-01-05", workstationId = ws } })).GetProperty("employee");
        Assert.True(back.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, back.GetProperty("endDate").ValueKind);
        var career = back.GetProperty("career").EnumerateArray().Select(c => (c.GetProperty("contract").GetString(), c.GetProperty("startDate").GetString(), c.GetProperty("endDate").ToString())).ToList();
        Assert.Equal([("CDD", "2026-01-05", ""), ("CDI", "2020-03-01", "2025-06-30")], career);
    }

    [Fact]
    public async Task Changing_workstation_closes_the_current_one_and_keeps_the_history()
    {
        var (token, company, cariste) = await EmployerAsync();
        var gardener = (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Ouvrier paysagiste", "631a", []))).GetProperty("workstation").GetProperty("id").GetString()!;
        var id = (await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Test", "Test", gardener, startDate: "2023-07-04"))).GetProperty("employee").GetProperty("id").GetString()!;

        const string change = "mutation($input: ChangeEmployeeWorkstationInput!) { changeEmployeeWorkstation(input: $input) { employee { currentWorkstation { label } career { workstation { label } startDate endDate } } errors { code field } } }";
        var withoutEnd = await Api.MutateAsync(token, "changeEmployeeWorkstation", change, new { input = new { id, workstationId = cariste, startDate = "2023-07-05" } });
        Assert.Equal(["REQUIRED"], DemoApi.ErrorCodes(withoutEnd));
        var overlapping = await Api.MutateAsync(token, "changeEmployeeWorkstation", change, new { input = new { id, workstationId = cariste, startDate = "2023-07-04", currentEndDate = "2023-07-04" } });
        Assert.Equal(["INVALID_START_DATE"], DemoApi.ErrorCodes(overlapping));

        var moved = (await Api.MutateAsync(token, "changeEmployeeWorkstation", change, new { input = new { id, workstationId = cariste, startDate = "2023-07-05", currentEndDate = "2023-07-04" } })).GetProperty("employee");
        Assert.Equal("CARISTE", moved.GetProperty("currentWorkstation").GetProperty("label").GetString());
        var career = moved.GetProperty("career").EnumerateArray().Select(c => (c.GetProperty("workstation").GetProperty("label").GetString(), c.GetProperty("startDate").GetString(), c.GetProperty("endDate").ToString())).ToList();
        Assert.Equal([("CARISTE", "2023-07-05", ""), ("OUVRIER PAYSAGISTE", "2023-07-04", "2023-07-04")], career);
    }

    [Fact]
    public async Task The_list_filters_and_pages_by_keyset()
    {
        var (token, company, ws) = await EmployerAsync();
        foreach (var (first, last, civility) in new[] { ("Anne", "Bernard", "Madame"), ("Luc", "Dupont", "Monsieur"), ("Zoé", "Durand", "Madame"), ("Éric", "Émery", "Monsieur"), ("Paul", "Martin", "Monsieur"), ("Léa", "Petit", "Madame") })
            Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, first, last, ws, civility, birthDate: "1990-01-01"))));
        var gone = (await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Old", "Ancien", ws))).GetProperty("employee").GetProperty("id").GetString();
        await Api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id = gone, endDate = "2024-12-31" } });

        const string page = "query($id: ID!, $filter: EmployeeFilter, $first: Int, $after: String) { company(id: $id) { employees(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { birthName } } } } }";
        var names = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var connection = (await Api.DataAsync(token, page, new { id = company, first = 4, after })).GetProperty("company").GetProperty("employees");
            Assert.Equal(6, connection.GetProperty("totalCount").GetInt32());
            names.AddRange(connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("birthName").GetString()!));
            after = connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? connection.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            pages++;
        } while (after is not null);
        Assert.Equal(2, pages);
        Assert.Equal(["BERNARD", "DUPONT", "DURAND", "ÉMERY", "MARTIN", "PETIT"], names);

        async Task<List<string>> Names(object filter) =>
            (await Api.DataAsync(token, page, new { id = company, filter })).GetProperty("company").GetProperty("employees").GetProperty("edges")
                .EnumerateArray().Select(e => e.GetProperty("node").GetProperty("birthName").GetString()!).ToList();
        Assert.Equal(["ANCIEN", "BERNARD", "DUPONT", "DURAND", "ÉMERY", "MARTIN", "PETIT"], await Names(new { activeOnly = false }));
        Assert.Equal(["DUPONT", "DURAND"], await Names(new { search = "du" }));
        Assert.Equal(["ÉMERY"], await Names(new { search = "emery" }));
        Assert.Equal(["ÉMERY"], await Names(new { initial = "E" }));
        Assert.Equal(["BERNARD", "DURAND", "PETIT"], await Names(new { sex = "F" }));
        Assert.Equal(6, (await Names(new { workstationId = ws })).Count);
    }

    [Fact]
    public async Task The_check_lists_employees_without_workstation_and_follow_up_disagreements()
    {
        var (token, company, cariste) = await EmployerAsync();
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Sans", "Poste"))));
        var declared = new { input = new { companyId = company, civility = "Madame", firstName = "Nadia", birthName = "Renforcé", birthDate = "1991-02-03", workstationId = cariste, contract = "CDI", startDate = "2021-01-04", declaredFollowUp = "SIR" } };
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", "mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { errors { code } } }", declared)));
        await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Tout", "Bon", cariste));

        var checks = (await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { employeeChecks { problem message employee { birthName } } } }", new { id = company }))
            .GetProperty("company").GetProperty("employeeChecks").EnumerateArray()
            .Select(c => (c.GetProperty("employee").GetProperty("birthName").GetString(), c.GetProperty("problem").GetString(), c.GetProperty("message").GetString()!)).ToList();
        Assert.True(checks.Count == 2, string.Join(" | ", checks));
        Assert.Contains(checks, c => c.Item1 == "POSTE" && c.Item2 == "NO_WORKSTATION");
        var mismatch = Assert.Single(checks, c => c.Item2 == "FOLLOW_UP_MISMATCH");
        Assert.Equal("RENFORCÉ", mismatch.Item1);
        Assert.Contains("SIR", mismatch.Item3);
    }

    [Fact]
    public async Task In_January_sst68_employers_read_but_cannot_change_employees()
    {
        var sst68 = new DemoApi(Factory, "sst68");
        var (token, company, ws) = await EmployerAsync(sst68, "680001");
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.FromHours(1)));
        token = await sst68.EmployerTokenAsync();

        var locked = await sst68.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws));
        Assert.Equal(["EMPLOYEES_LOCKED"], DemoApi.ErrorCodes(locked));
        Assert.Contains("inaccessible en janvier", locked.GetProperty("errors")[0].GetProperty("message").GetString());
        var read = await sst68.DataAsync(token, "query($id: ID!) { company(id: $id) { employeeSectionLock employees { totalCount } } }", new { id = company });
        Assert.Contains("janvier", read.GetProperty("company").GetProperty("employeeSectionLock").GetString());
        Assert.Equal(0, await CountAsync("sst68"));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.FromHours(1)));
        token = await sst68.EmployerTokenAsync();
        var february = await sst68.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws));
        Assert.Empty(DemoApi.ErrorCodes(february));
        Assert.False(february.GetProperty("employee").GetProperty("validated").GetBoolean()); // sst68: every change waits for staff

        // sstrn has no such lock.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.FromHours(1)));
        var sstrnToken = await Api.EmployerTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(sstrnToken, "createEmployee", CreateEmployee, EmployeeInput(await Api.CompanyIdAsync("101.1"), "Jean", "Dupont"))));
    }

    [Fact]
    public async Task A_temp_worker_account_only_takes_temp_contracts()
    {
        var (token, _, _) = await EmployerAsync();
        var temp = await WorkstationTests.TempWorkerAccountAsync(Factory, "sstrn", "101.1.1");
        var ws = (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(temp, "Cariste intérimaire", "651a", []))).GetProperty("workstation").GetProperty("id").GetString();
        Assert.Equal(["TEMP_CONTRACT_ONLY"], DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(temp, "Jean", "Dupont", ws, contract: "CDI"))));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(temp, "Jean", "Dupont", ws, contract: "Intérim"))));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(temp, "Luc", "Durand", ws, contract: "CDI intérim"))));
    }

    [Fact]
    public async Task The_same_person_cannot_be_declared_twice()
    {
        var (token, company, ws) = await EmployerAsync();
        await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "Jean", "Dupont", ws));
        var twice = await Api.MutateAsync(token, "createEmployee", CreateEmployee, EmployeeInput(company, "jean", "DUPONT", ws));
        Assert.Equal(["ALREADY_DECLARED"], DemoApi.ErrorCodes(twice));
    }

    private async Task<int> CountAsync(string tenant)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Employees.CountAsync();
    }
}
