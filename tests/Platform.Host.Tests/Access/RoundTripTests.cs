using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demarches;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Platform.Host.Infrastructure;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>The host with the benchmarks' database-command counter (X-Database-Commands on each answer).</summary>
public sealed class CountingFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Diagnostics:CountDatabaseCommands", "true")];
}

/// <summary>
/// Issue 9, « Signed-in speed »: a bearer token or a cookie is checked without the database on each
/// request, and an employee page costs the same database round-trips whatever its size.
/// </summary>
public sealed class RoundTripTests(CountingFactory factory) : PlatformTest<CountingFactory>(factory)
{
    private const string Host = "sstrn.localhost";
    private const string PageQuery = "query($c: ID!, $n: Int) { company(id: $c) { employees(first: $n) { totalCount edges { node { id firstName currentWorkstation { label followUp } } } } } }";

    private static int Commands(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues(DatabaseCommandCount.Header).Single());

    private static bool ReissuesSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(PortalAuthentication.CookieName + "="));

    private async Task<int> GraphQLCommandsAsync(string? token, string query, object? variables = null)
    {
        var client = Factory.ClientFor(Host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        Assert.DoesNotContain("\"errors\"", await response.Content.ReadAsStringAsync());
        return Commands(response);
    }

    private async Task<Guid> CompanyWithEmployeesAsync(DemoApi api, string token, int count)
    {
        var company = await api.CompanyIdAsync("101.1");
        await api.MutateAsync(token, "createWorkstation", "mutation($i: CreateWorkstationInput!) { createWorkstation(input: $i) { errors { code } } }",
            new { i = new { companyId = company, label = "Manutentionnaire", cspCode = "676a", risks = Array.Empty<string>() } });
        var csv = new StringBuilder("Civilite(Madame/Monsieur);Prenom;Nom de naissance;Nom marital;Date de naissance;INS (N suivi du numéro);Date entree;Date sortie;Code CSP du type de poste;Libelle du type de poste;Libelle du type de contrat\n");
        for (var i = 0; i < count; i++)
            csv.Append($"Madame;Camille;NOM-{(char)('A' + i / 26)}{(char)('A' + i % 26)};;01/02/1980;;01/03/2020;;676a;MANUTENTIONNAIRE;CDI\n");
        var imported = await api.MutateAsync(token, "importEmployees", "mutation($i: CsvImportInput!) { importEmployees(input: $i) { imported } }",
            new { i = new { companyId = company, csv = csv.ToString() } });
        Assert.Equal(count, imported.GetProperty("imported").GetInt32());
        return company;
    }

    [Fact]
    public async Task A_bearer_token_costs_no_database_round_trip_and_pages_cost_the_same_whatever_their_size()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await CompanyWithEmployeesAsync(api, token, 60);

        Assert.Equal(0, await GraphQLCommandsAsync(null, "{ tenant { slug } }"));
        // The token is checked from its signature: `me { email }` reads the person's row, nothing else.
        Assert.Equal(1, await GraphQLCommandsAsync(token, "{ me { email } }"));
        var ten = await GraphQLCommandsAsync(token, PageQuery, new { c = company, n = 10 });
        var fifty = await GraphQLCommandsAsync(token, PageQuery, new { c = company, n = 50 });
        Assert.Equal(ten, fifty);
        // The company with the caller's roles and its workforce version in it (one command), then the page in one
        // command: the rows with their workstation and its occupancy, and the total (it was four commands for the page alone).
        Assert.Equal(2, fifty);
        // Read again with nothing written since: the page kept at that version (EmployeeListCache), one command in all.
        Assert.Equal(1, await GraphQLCommandsAsync(token, PageQuery, new { c = company, n = 50 }));
    }

    [Fact]
    public async Task The_page_read_in_one_command_keeps_its_total_cursors_and_workstations()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await CompanyWithEmployeesAsync(api, token, 60);
        const string query = "query($c: ID!, $n: Int, $a: String) { company(id: $c) { employees(first: $n, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { birthName currentWorkstation { label editable } } } } } }";

        var names = new List<string>();
        string? after = null;
        bool hasNext;
        do
        {
            var page = (await api.DataAsync(token, query, new { c = company, n = 25, a = after })).GetProperty("company").GetProperty("employees");
            Assert.Equal(60, page.GetProperty("totalCount").GetInt32());
            foreach (var edge in page.GetProperty("edges").EnumerateArray())
            {
                names.Add(edge.GetProperty("node").GetProperty("birthName").GetString()!);
                // Held by current employees: the workstation cannot be edited.
                Assert.Equal("Manutentionnaire", edge.GetProperty("node").GetProperty("currentWorkstation").GetProperty("label").GetString(), ignoreCase: true);
                Assert.False(edge.GetProperty("node").GetProperty("currentWorkstation").GetProperty("editable").GetBoolean());
            }
            hasNext = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        } while (hasNext);
        Assert.Equal(60, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        // Past the last page no row carries the total: it is counted apart, still right.
        var beyond = (await api.DataAsync(token, query, new { c = company, n = 25, a = after })).GetProperty("company").GetProperty("employees");
        Assert.Equal(0, beyond.GetProperty("edges").GetArrayLength());
        Assert.Equal(60, beyond.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_portal_cookie_is_checked_against_the_database_at_most_once_a_minute()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await CompanyWithEmployeesAsync(api, await api.EmployerTokenAsync(), 60);
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });

        var page = $"/entreprises/{company}/salaries";
        using var first = await portal.GetAsync(page);
        using var second = await portal.GetAsync(page);
        Assert.False(ReissuesSession(second));
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        // Past the minute: one more command (the stamp), and the cookie is re-issued with the time of the check.
        using var checkedAgain = await portal.GetAsync(page);
        Assert.Equal(Commands(second) + 1, Commands(checkedAgain));
        Assert.True(ReissuesSession(checkedAgain));
        using var afterCheck = await portal.GetAsync(page);
        Assert.Equal(Commands(second), Commands(afterCheck));
    }

    [Fact]
    public async Task The_portal_header_is_read_once_for_a_few_pages_and_again_after_the_persons_own_change()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await CompanyWithEmployeesAsync(api, await api.EmployerTokenAsync(), 60);
        // Someone else asks to manage the employer's company: a démarche for the employer to decide.
        var requester = await PersonTokenAsync("entete@example.fr");
        await Factory.GraphQLAsync(Host, "mutation($i: RequestCompanyAccessInput!) { requestCompanyAccess(input: $i) { errors { code } } }",
            new { i = new { memberNumber = "101.1", siret = await SiretAsync("101.1") } }, requester);
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });

        var page = $"/entreprises/{company}/salaries";
        using var first = await portal.GetAsync(page);
        using var second = await portal.GetAsync(page);
        Assert.Contains("title=\"Démarches à valider\">1</span>", await second.Content.ReadAsStringAsync());
        // The company with the caller's roles and its workforce version: the page of 50 and the workstations of the filter
        // are kept at that version (two commands the first time), and so is the header (four).
        Assert.Equal(1, Commands(second));
        Assert.Equal(Commands(first), Commands(second) + 2 + 4);

        // The employer decides: the next page shows it at once, and reads the header again.
        var requestId = await PendingRequestIdAsync();
        await portal.SubmitAsync("/demarches", new Dictionary<string, string>(), $"/demarches?handler=Refuser&requestId={requestId}");
        using var afterDecision = await portal.GetAsync(page);
        Assert.DoesNotContain("Démarches à valider", await afterDecision.Content.ReadAsStringAsync());
        Assert.Equal(Commands(second) + 4, Commands(afterDecision));
    }

    private async Task<string> PersonTokenAsync(string email)
    {
        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var user = new User { Email = email, NormalizedEmail = User.Normalize(email), FirstName = "Paul", LastName = "Personne" };
            user.PasswordHash = new PasswordHasher<User>().HashPassword(user, "Personne-2026!");
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return await Factory.TokenAsync(Host, email, "Personne-2026!");
    }

    private async Task<string> SiretAsync(string memberNumber)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == memberNumber).Select(c => c.Siret).SingleAsync();
    }

    private async Task<Guid> PendingRequestIdAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AccessRequests
            .Where(r => r.State == AccessRequestState.InProgress).Select(r => r.Id).SingleAsync();
    }
}
