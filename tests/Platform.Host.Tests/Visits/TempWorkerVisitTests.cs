using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;

namespace Platform.Host.Tests.Visits;

/// <summary>
/// Seed 000, « Agences d'emploi »: a visit request on a temp-worker account (NNN.1.x) names the user company,
/// and such an account owes no annual declaration (« uniquement pour les salariés permanents »).
/// </summary>
public sealed class TempWorkerVisitTests(PlatformFactory factory) : PlatformTest(factory)
{
    private readonly DemoApi api = new(factory, "sstrn");
    private const string Request = "mutation($input: RequestVisitInput!) { requestVisit(input: $input) { visitRequest { id type requestedAt userCompanyName employee { birthName } } errors { code message field } } }";

    private async Task<(string Token, Guid Temp, string Employee)> TempWorkerAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await api.EmployerTokenAsync();
        var temp = await WorkstationTests.TempWorkerAccountAsync(Factory, "sstrn", "101.1.2");
        var ws = (await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(temp, "Cariste intérimaire", "651a", [])))
            .GetProperty("workstation").GetProperty("id").GetString();
        var employee = await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(temp, "Ivan", "Interim", ws, contract: "Intérim"));
        Assert.Empty(DemoApi.ErrorCodes(employee));
        return (token, temp, employee.GetProperty("employee").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task A_visit_on_a_temp_worker_account_names_the_user_company()
    {
        var (token, temp, employee) = await TempWorkerAsync();
        var missing = await api.MutateAsync(token, "requestVisit", Request, new { input = new { employeeId = employee, type = "HIRING" } });
        Assert.Equal(["USER_COMPANY_REQUIRED"], DemoApi.ErrorCodes(missing));
        Assert.Contains("entreprise utilisatrice", missing.GetProperty("errors")[0].GetProperty("message").GetString());

        var requested = await api.MutateAsync(token, "requestVisit", Request, new { input = new { employeeId = employee, type = "HIRING", userCompanyName = "  Bâtiments Dupont  " } });
        Assert.Empty(DemoApi.ErrorCodes(requested));
        // What the per-visit invoice needs: the user company, the employee, the type and the date requested.
        var visit = requested.GetProperty("visitRequest");
        Assert.Equal(("Bâtiments Dupont", "INTERIM", "HIRING"),
            (visit.GetProperty("userCompanyName").GetString(), visit.GetProperty("employee").GetProperty("birthName").GetString(), visit.GetProperty("type").GetString()));
        Assert.True(visit.TryGetProperty("requestedAt", out _));
        var listed = await api.DataAsync(token, "query($id: ID!) { company(id: $id) { visitRequests { edges { node { userCompanyName } } } } }", new { id = temp });
        Assert.Equal("Bâtiments Dupont", listed.GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0].GetProperty("node").GetProperty("userCompanyName").GetString());

        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync($"/entreprises/{temp}/visites");
        Assert.Contains("Nom de l'entreprise utilisatrice", page);
        Assert.Contains("<td>Bâtiments Dupont</td>", page);
    }

    [Fact]
    public async Task A_permanent_staff_account_has_no_user_company()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = (await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString();
        var refused = await api.MutateAsync(token, "requestVisit", Request, new { input = new { employeeId = employee, type = "PERIODIC", userCompanyName = "Autre" } });
        Assert.Equal(["NOT_A_TEMP_WORKER_ACCOUNT"], DemoApi.ErrorCodes(refused));
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.DoesNotContain("entreprise utilisatrice", await portal.GetHtmlAsync($"/entreprises/{company}/visites"));
    }

    [Fact]
    public async Task A_temp_worker_account_owes_no_annual_declaration()
    {
        var (_, temp, _) = await TempWorkerAsync();
        var parent = await api.CompanyIdAsync("101.1");
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero)); // sstrn's window: January–February
        var token = await api.EmployerTokenAsync();
        const string Declarations = "query($id: ID!) { company(id: $id) { declarations { year status } } }";
        var owed = (await api.DataAsync(token, Declarations, new { id = parent })).GetProperty("company").GetProperty("declarations");
        Assert.Equal("TO_FILL", owed[0].GetProperty("status").GetString());
        var none = (await api.DataAsync(token, Declarations, new { id = temp })).GetProperty("company").GetProperty("declarations");
        Assert.Equal(0, none.GetArrayLength());
    }
}
