using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Workstations;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests;

/// <summary>
/// The employee list kept at the company's workforce version (EmployeeListCache): every write, by the API or
/// straight in the database, shows on the next read; a kept page goes to nobody who may not read it. On the
/// SQLite and PostgreSQL lanes alike (the versions are changed by each database's triggers).
/// </summary>
public sealed class EmployeeListCacheTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    private const string Page = "query($c: ID!) { company(id: $c) { employees(first: 50) { totalCount edges { node { id firstName currentWorkstation { label } } } } } }";

    private async Task<List<(string Id, string FirstName, string? Workstation)>> RowsAsync(string token, Guid company)
    {
        var data = await Api.DataAsync(token, Page, new { c = company });
        var employees = data.GetProperty("company").GetProperty("employees");
        var rows = employees.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).Select(n => (
            n.GetProperty("id").GetString()!, n.GetProperty("firstName").GetString()!,
            n.GetProperty("currentWorkstation").ValueKind == JsonValueKind.Null ? null : n.GetProperty("currentWorkstation").GetProperty("label").GetString())).ToList();
        Assert.Equal(rows.Count, employees.GetProperty("totalCount").GetInt32());
        return rows;
    }

    private async Task<string> WorkstationAsync(string token, Guid company, string label, string csp) =>
        (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, label, csp, [])))
            .GetProperty("workstation").GetProperty("id").GetString()!;

    private async Task<string> EmployeeAsync(string token, Guid company, string first, string last, string workstation) =>
        (await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, first, last, workstation)))
            .GetProperty("employee").GetProperty("id").GetString()!;

    private async Task<long> VersionAsync(Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.Id == company).Select(c => c.WorkforceVersion).SingleAsync();
    }

    [Fact]
    public async Task Every_change_of_the_workforce_shows_on_the_next_read_of_a_kept_page()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var cariste = await WorkstationAsync(token, company, "Cariste", "651a");
        var jean = await EmployeeAsync(token, company, "Jean", "Dupont", cariste);
        await EmployeeAsync(token, company, "Marie", "Martin", cariste);

        var first = await RowsAsync(token, company);
        Assert.Equal(first, await RowsAsync(token, company));
        Assert.Equal([("Jean", "CARISTE"), ("Marie", "CARISTE")], first.Select(r => (r.FirstName, r.Workstation)));

        // Through the API: a name, a new employee, a change of workstation.
        const string update = "mutation($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { errors { code } } }";
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "updateEmployee", update, new { input = new { id = jean, firstName = "Jean-Paul" } })));
        Assert.Contains(await RowsAsync(token, company), r => r.FirstName == "Jean-Paul");
        await EmployeeAsync(token, company, "Léa", "Bernard", cariste);
        Assert.Equal(3, (await RowsAsync(token, company)).Count);
        var gardener = await WorkstationAsync(token, company, "Ouvrier paysagiste", "631a");
        const string change = "mutation($input: ChangeEmployeeWorkstationInput!) { changeEmployeeWorkstation(input: $input) { errors { code } } }";
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "changeEmployeeWorkstation", change,
            new { input = new { id = jean, workstationId = gardener, startDate = "2024-01-02", currentEndDate = "2024-01-01" } })));
        Assert.Equal("OUVRIER PAYSAGISTE", (await RowsAsync(token, company)).Single(r => r.Id == jean).Workstation);

        // Straight in the database, as a bulk statement or another node would write: no application code runs.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.Employees.Where(e => e.Id == Guid.Parse(jean)).ExecuteUpdateAsync(s => s.SetProperty(e => e.FirstName, "Zoé"));
            await db.Workstations.Where(w => w.Id == Guid.Parse(gardener)).ExecuteUpdateAsync(s => s.SetProperty(w => w.Label, "JARDINIER"));
        }
        Assert.Equal(("Zoé", "JARDINIER"), (await RowsAsync(token, company)).Where(r => r.Id == jean).Select(r => (r.FirstName, r.Workstation)).Single());
    }

    [Fact]
    public async Task The_database_changes_the_version_of_the_company_written_and_of_no_other()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var company = await Api.CompanyIdAsync("101.1");
        var other = await Api.CompanyIdAsync("102.1");
        var otherBefore = await VersionAsync(other);
        var seen = await VersionAsync(company);
        async Task RaisedAsync(Func<PlatformDbContext, Task> write)
        {
            await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
                await write(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
            var now = await VersionAsync(company);
            Assert.NotEqual(seen, now);
            seen = now;
        }

        var workstation = new Workstation { CompanyId = company, Label = "SOUDEUR", CspCode = "623a" };
        var employee = new Employee { CompanyId = company, Civility = "Madame", FirstName = "Ana", BirthName = "SILVA", BirthDate = new(1990, 4, 2), Contract = "CDI", StartDate = new(2022, 1, 3), SortName = "SILVA ANA" };
        var career = new CareerEntry { EmployeeId = employee.Id, WorkstationId = workstation.Id, Contract = "CDI", StartDate = new(2022, 1, 3) };
        await RaisedAsync(db => { db.Workstations.Add(workstation); return db.SaveChangesAsync(); });
        await RaisedAsync(db => { db.Employees.Add(employee); return db.SaveChangesAsync(); });
        await RaisedAsync(db => { db.CareerEntries.Add(career); return db.SaveChangesAsync(); });
        await RaisedAsync(db => db.CareerEntries.Where(c => c.Id == career.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.EndDate, new DateOnly(2023, 1, 1))));
        await RaisedAsync(db => db.Workstations.Where(w => w.Id == workstation.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Label, "SOUDEUSE")));
        await RaisedAsync(db => db.Employees.Where(e => e.Id == employee.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.MarriedName, "COSTA")));
        await RaisedAsync(db => db.CareerEntries.Where(c => c.Id == career.Id).ExecuteDeleteAsync());
        await RaisedAsync(db => db.Employees.Where(e => e.Id == employee.Id).ExecuteDeleteAsync());
        await RaisedAsync(db => db.Workstations.Where(w => w.Id == workstation.Id).ExecuteDeleteAsync());
        Assert.Equal(otherBefore, await VersionAsync(other));
    }

    [Fact]
    public async Task A_kept_page_goes_to_no_one_who_may_not_read_the_company()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        await EmployeeAsync(token, company, "Jean", "Dupont", await WorkstationAsync(token, company, "Cariste", "651a"));
        Assert.Single(await RowsAsync(token, company));

        // The accountant has no role in it yet; then the employer of sst68, on their own host, ask for the same id.
        var accountant = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        var denied = await Factory.GraphQLAsync(Api.Host, Page, new { c = company }, accountant);
        Assert.Equal(JsonValueKind.Null, denied.GetProperty("data").GetProperty("company").ValueKind);
        var sst68 = new DemoApi(Factory, "sst68");
        var elsewhere = await Factory.GraphQLAsync(sst68.Host, Page, new { c = company }, await sst68.EmployerTokenAsync());
        Assert.Equal(JsonValueKind.Null, elsewhere.GetProperty("data").GetProperty("company").ValueKind);

        // Given a role without the employees, the accountant sees the company but not its list.
        await Api.GrantAccountantAsync(company, CompanyRoles.Billing);
        var withoutList = await Factory.GraphQLAsync(Api.Host, Page, new { c = company }, accountant);
        Assert.Equal("FORBIDDEN", withoutList.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_rolled_back_write_leaves_no_version_that_a_later_change_could_take()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var jean = await EmployeeAsync(token, company, "Jean", "Dupont", await WorkstationAsync(token, company, "Cariste", "651a"));
        Guid employer;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
            employer = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.Email == "employer@sstrn.demo").Select(u => u.Id).SingleAsync();

        // One request writes in a transaction, reads the company there, rolls back, then reads the list (kept).
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, employer.ToString())], "test")));
            var db = services.GetRequiredService<PlatformDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await db.Employees.Where(e => e.Id == Guid.Parse(jean)).ExecuteUpdateAsync(s => s.SetProperty(e => e.MarriedName, "MARTIN"));
                Assert.NotNull(await services.GetRequiredService<CompanyAccess>().FindVisibleAsync(company));
                await transaction.RollbackAsync();
            }
            var page = await services.GetRequiredService<EmployeeQueries>().ListAsync(company, new EmployeeFilter(), 50, null);
            Assert.Null(page.Items.Single().Node.MarriedName);
        }

        // A committed change afterwards shows: a counter would have taken the rolled-back write's number again.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Employees.Where(e => e.Id == Guid.Parse(jean))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.FirstName, "Zoé"));
        Assert.Equal("Zoé", (await RowsAsync(token, company)).Single().FirstName);
    }

    [Fact]
    public async Task What_a_caller_types_does_not_grow_the_cache_beyond_what_the_query_reads()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        await EmployeeAsync(token, company, "Jean", "Dupont", await WorkstationAsync(token, company, "Cariste", "651a"));
        const string query = "query($c: ID!, $s: String, $a: String) { company(id: $c) { employees(first: 50, filter: { search: $s }, after: $a) { totalCount edges { node { firstName } } } } }";
        var cache = Factory.Services.GetRequiredService<EmployeeListCache>();

        var first = await Api.DataAsync(token, query, new { c = company });
        var kept = cache.Count;
        // Overlong searches (ignored by the query) and cursors that do not decode read the first page again: same entry.
        for (var i = 0; i < 5; i++)
        {
            var again = await Api.DataAsync(token, query, new { c = company, s = new string((char)('a' + i), 5_000), a = new string((char)('a' + i), 2_000) });
            Assert.Equal(first.ToString(), again.ToString());
        }
        Assert.Equal(kept, cache.Count);
    }
}
