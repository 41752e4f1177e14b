using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests;

/// <summary>sst68: every employer change to an employee waits for staff and takes effect the next day; sstrn applies at once.</summary>
public sealed class EmployeeChangeValidationTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Exit = "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { employee { endDate pendingChanges { summary state } } pendingChange { id kind summary state } errors { code } } }";
    private const string Decide = "mutation($id: ID!, $accept: Boolean!) { decideEmployeeChange(input: { id: $id, accept: $accept }) { change { state effectiveOn } errors { code } } }";

    public override async Task InitializeAsync()
    {
        Factory.Clock.Reset();
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    private async Task<(string Token, string Employee)> EmployeeAsync(DemoApi api, string number)
    {
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync(number);
        var ws = await Companies.PendingChangesTests.WorkstationAsync(Factory, api, token, company, "Boulanger", "636c");
        var id = (await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont", ws))).GetProperty("employee").GetProperty("id").GetString()!;
        return (token, id);
    }

    [Fact]
    public async Task An_sst68_exit_waits_for_staff_then_applies_the_day_after_acceptance()
    {
        var api = new DemoApi(Factory, "sst68");
        var (token, id) = await EmployeeAsync(api, "680001");

        var requested = await api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2026-06-30" } });
        Assert.Empty(DemoApi.ErrorCodes(requested));
        Assert.Equal(JsonValueKind.Null, requested.GetProperty("employee").GetProperty("endDate").ValueKind);
        Assert.Equal("PENDING", requested.GetProperty("pendingChange").GetProperty("state").GetString());
        Assert.Equal("Sortie au 30/06/2026", requested.GetProperty("employee").GetProperty("pendingChanges")[0].GetProperty("summary").GetString());

        var staff = await api.StaffTokenAsync();
        var awaiting = (await api.DataAsync(staff, "{ employeeChangesAwaitingDecision { id employeeName kind } }")).GetProperty("employeeChangesAwaitingDecision");
        var change = Assert.Single(awaiting.EnumerateArray());
        Assert.Equal("EXIT", change.GetProperty("kind").GetString());
        var denied = await Factory.GraphQLAsync(api.Host, Decide, new { id = change.GetProperty("id").GetString(), accept = true }, token);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var accepted = await api.MutateAsync(staff, "decideEmployeeChange", Decide, new { id = change.GetProperty("id").GetString(), accept = true });
        Assert.Equal("ACCEPTED", accepted.GetProperty("change").GetProperty("state").GetString());

        Assert.Equal(0, await ApplyDueAsync());
        Assert.Equal(JsonValueKind.Null, (await EndDateAsync(api, token, id)).ValueKind);
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await ApplyDueAsync());
        token = await api.EmployerTokenAsync();
        Assert.Equal("2026-06-30", (await EndDateAsync(api, token, id)).GetString());
    }

    [Fact]
    public async Task A_change_that_no_longer_holds_on_its_day_is_not_applied()
    {
        var api = new DemoApi(Factory, "sst68");
        var (token, id) = await EmployeeAsync(api, "680001");
        await api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2026-06-30" } });
        await api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2026-07-31" } });

        var staff = await api.StaffTokenAsync();
        foreach (var c in (await api.DataAsync(staff, "{ employeeChangesAwaitingDecision { id } }")).GetProperty("employeeChangesAwaitingDecision").EnumerateArray())
            await api.MutateAsync(staff, "decideEmployeeChange", Decide, new { id = c.GetProperty("id").GetString(), accept = true });
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await ApplyDueAsync());

        token = await api.EmployerTokenAsync();
        Assert.Equal("2026-06-30", (await EndDateAsync(api, token, id)).GetString());
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var outcomes = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PendingChanges.Select(p => p.Outcome).ToListAsync();
        Assert.Contains(outcomes, o => o != null && o.Contains("ne peut plus être modifiée"));
    }

    [Fact]
    public async Task A_new_INS_waiting_for_staff_is_kept_encrypted()
    {
        var api = new DemoApi(Factory, "sst68");
        var (token, id) = await EmployeeAsync(api, "680001");
        var update = await api.MutateAsync(token, "updateEmployee", "mutation($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { pendingChange { summary } errors { code } } }",
            new { input = new { id, ins = EmployeeTests.Nir } });
        Assert.Equal("Modification de l'identité et de l'INS", update.GetProperty("pendingChange").GetProperty("summary").GetString());
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().PendingChanges.Where(p => p.Kind == PendingChangeKind.EmployeeUpdate).Select(p => p.Payload).SingleAsync();
        Assert.DoesNotContain(EmployeeTests.Nir, stored);
        Assert.DoesNotContain("1850575108", stored);
    }

    [Fact]
    public async Task An_sst68_file_of_end_dates_waits_for_staff_like_a_single_exit()
    {
        var api = new DemoApi(Factory, "sst68");
        var (token, id) = await EmployeeAsync(api, "680001");
        var company = await api.CompanyIdAsync("680001");
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        var template = Platform.Features.Imports.Csv.Decode(await (await portal.GetAsync($"/entreprises/{company}/salaries/import?handler=ModeleFins")).Content.ReadAsByteArrayAsync());
        var lines = template.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var dupont = lines.FindIndex(l => l.Contains(";DUPONT;"));
        lines[dupont] += "30/06/2026";

        var sent = await api.MutateAsync(token, "importEmployeeEndDates", "mutation($input: CsvImportInput!) { importEmployeeEndDates(input: $input) { imported pendingChange { description state } errors { code } } }",
            new { input = new { companyId = company, csv = string.Join("\n", lines) } });
        Assert.Empty(sent.GetProperty("errors").EnumerateArray());
        Assert.Equal(0, sent.GetProperty("imported").GetInt32());
        Assert.Equal("Sortie au 30/06/2026", sent.GetProperty("pendingChange").GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, (await EndDateAsync(api, token, id)).ValueKind);

        var staff = await api.StaffTokenAsync();
        var change = Assert.Single((await api.DataAsync(staff, "{ employeeChangesAwaitingDecision { id kind } }")).GetProperty("employeeChangesAwaitingDecision").EnumerateArray());
        Assert.Equal("EXIT", change.GetProperty("kind").GetString());
        await api.MutateAsync(staff, "decideEmployeeChange", Decide, new { id = change.GetProperty("id").GetString(), accept = true });
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await ApplyDueAsync());
        Assert.Equal("2026-06-30", (await EndDateAsync(api, await api.EmployerTokenAsync(), id)).GetString());
    }

    [Fact]
    public async Task In_sstrn_an_exit_applies_at_once()
    {
        var api = new DemoApi(Factory, "sstrn");
        var (token, id) = await EmployeeAsync(api, "101.1");
        var exited = await api.MutateAsync(token, "exitEmployee", Exit, new { input = new { id, endDate = "2026-06-30" } });
        Assert.Equal("2026-06-30", exited.GetProperty("employee").GetProperty("endDate").GetString());
        Assert.Equal(JsonValueKind.Null, exited.GetProperty("pendingChange").ValueKind);
    }

    private static async Task<JsonElement> EndDateAsync(DemoApi api, string token, string id) =>
        (await api.DataAsync(token, "query($id: ID!) { employee(id: $id) { endDate } }", new { id })).GetProperty("employee").GetProperty("endDate");

    private async Task<int> ApplyDueAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        return await scope.ServiceProvider.GetRequiredService<PendingChanges>().ApplyDueAsync();
    }
}
