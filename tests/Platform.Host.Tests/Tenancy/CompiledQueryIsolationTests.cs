using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Tenancy;

/// <summary>
/// Issue 9, « Signed-in speed »: the employee list runs as a query compiled once for every tenant.
/// The tenant's query filter must still apply on each execution: rows of another tenant carrying the
/// same company id (nothing in the database's foreign key stops them) never reach the page nor its total.
/// </summary>
public sealed class CompiledQueryIsolationTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Query = "query($c: ID!, $n: Int, $a: String, $f: EmployeeFilter) { company(id: $c) { employees(first: $n, after: $a, filter: $f) { totalCount pageInfo { hasNextPage endCursor } edges { node { birthName } } } } }";

    [Fact]
    public async Task The_compiled_employee_list_never_returns_another_tenants_rows()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        await api.MutateAsync(token, "createWorkstation", "mutation($i: CreateWorkstationInput!) { createWorkstation(input: $i) { errors { code } } }",
            new { i = new { companyId = company, label = "Manutentionnaire", cspCode = "676a", risks = Array.Empty<string>() } });
        var csv = "Civilite(Madame/Monsieur);Prenom;Nom de naissance;Nom marital;Date de naissance;INS (N suivi du numéro);Date entree;Date sortie;Code CSP du type de poste;Libelle du type de poste;Libelle du type de contrat\n"
            + string.Concat(Enumerable.Range(0, 5).Select(i => $"Madame;Camille;NOM-{(char)('A' + i)};;01/02/1980;;01/03/2020;;676a;MANUTENTIONNAIRE;CDI\n"));
        Assert.Equal(5, (await api.MutateAsync(token, "importEmployees", "mutation($i: CsvImportInput!) { importEmployees(input: $i) { imported } }",
            new { i = new { companyId = company, csv } })).GetProperty("imported").GetInt32());
        var own = await CountAsync(api, token, company, null);
        Assert.Equal(5, own);

        // Another tenant's context writes employees under the sstrn company's id (bypassing every service).
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            for (var i = 0; i < 3; i++)
                db.Employees.Add(new Employee
                {
                    CompanyId = company, Civility = EmployeeRules.Madame, FirstName = "Intruse", BirthName = $"AAINTRUS{i}", BirthDate = new DateOnly(1980, 1, 1),
                    Contract = "CDI", StartDate = new DateOnly(2020, 1, 1), SortName = EmployeeRules.SortName($"AAINTRUS{i}", "Intruse"),
                });
            await db.SaveChangesAsync();
        }

        // The first page (they would sort first), every filter shape, and a page after a cursor.
        var page = await PageAsync(api, token, company, null, null, 2);
        Assert.Equal(own, page.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain("AAINTRUS", Names(page));
        foreach (var filter in new object[]
                 {
                     new { search = "intrus" }, new { initial = "A" }, new { sex = "F" }, new { activeOnly = false },
                     new { search = "intrus", initial = "A", sex = "F", activeOnly = false },
                 })
        {
            var filtered = await PageAsync(api, token, company, filter, null, 50);
            Assert.DoesNotContain("AAINTRUS", Names(filtered));
            Assert.Equal(filtered.GetProperty("edges").GetArrayLength(), filtered.GetProperty("totalCount").GetInt32());
        }
        var all = new List<string>();
        string? after = null;
        do
        {
            page = await PageAsync(api, token, company, new { activeOnly = false }, after, 1);
            all.AddRange(Names(page));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null);
        Assert.Equal(5, all.Count);
        Assert.DoesNotContain(all, n => n.StartsWith("AAINTRUS"));

        // The other tenant's rows are there, for that tenant only.
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
            Assert.Equal(3, scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Employees.Count(e => e.CompanyId == company));
    }

    /// <summary>
    /// A company page reads the company and the caller's membership in one compiled query: both tenant
    /// filters must hold in it. A membership another tenant's context wrote for the sstrn company, or one
    /// of sstrn pointing at another tenant's company, grants nothing; a real one does.
    /// </summary>
    [Fact]
    public async Task The_compiled_company_and_membership_read_never_takes_another_tenants_rows()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        var elsewhere = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");
        Guid person;
        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var user = new User { Email = "isolee@example.fr", NormalizedEmail = User.Normalize("isolee@example.fr"), FirstName = "Iso", LastName = "Lée" };
            user.PasswordHash = new PasswordHasher<User>().HashPassword(user, "Isolee-2026!");
            identity.Users.Add(user);
            await identity.SaveChangesAsync();
            person = user.Id;
        }
        var token = await Factory.TokenAsync(api.Host, "isolee@example.fr", "Isolee-2026!");
        await AddMembershipAsync("sst68", person, company);
        await AddMembershipAsync("sstrn", person, elsewhere);

        const string query = "query($c: ID!) { company(id: $c) { name employees(first: 1) { totalCount } } }";
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await api.DataAsync(token, query, new { c = company })).GetProperty("company").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await api.DataAsync(token, query, new { c = elsewhere })).GetProperty("company").ValueKind);

        // The same person made a member on sstrn itself sees the company.
        await AddMembershipAsync("sstrn", person, company);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await api.DataAsync(token, query, new { c = company })).GetProperty("company").ValueKind);
    }

    private async Task AddMembershipAsync(string tenant, Guid user, Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Memberships.Add(new Membership { UserId = user, CompanyId = company, Roles = [CompanyRoles.Administrator] });
        await db.SaveChangesAsync();
    }

    private static IEnumerable<string> Names(System.Text.Json.JsonElement page) =>
        page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("birthName").GetString()!).ToList();

    private static async Task<int> CountAsync(DemoApi api, string token, Guid company, object? filter) =>
        (await PageAsync(api, token, company, filter, null, 1)).GetProperty("totalCount").GetInt32();

    private static async Task<System.Text.Json.JsonElement> PageAsync(DemoApi api, string token, Guid company, object? filter, string? after, int first) =>
        (await api.DataAsync(token, Query, new { c = company, n = first, a = after, f = filter })).GetProperty("company").GetProperty("employees");
}
