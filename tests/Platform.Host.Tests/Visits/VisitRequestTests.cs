using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Visits;

/// <summary>Visit requests over the real HTTP pipeline: the checks of a request, tracking, cancelling, and an exit cancelling them.</summary>
public sealed class VisitRequestTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    private const string Request = "mutation($input: RequestVisitInput!) { requestVisit(input: $input) { visitRequest { id type state situations comment interpreterLanguage employee { birthName } } errors { code message field } } }";
    private const string Cancel = "mutation($input: IdInput!) { cancelVisitRequest(input: $input) { visitRequest { id state closingReason } errors { code message } } }";
    private const string List = "query($id: ID!, $state: VisitRequestState) { company(id: $id) { visitRequests(state: $state) { totalCount edges { node { id type state closingReason } } } } }";

    private async Task<(string Token, Guid Company, string Employee, string WithoutWorkstation)> EmployerAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var ws = (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws));
        var loose = await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Paul", "Sanposte"));
        return (token, company, employee.GetProperty("employee").GetProperty("id").GetString()!, loose.GetProperty("employee").GetProperty("id").GetString()!);
    }

    private static object Input(string employee, string type, string[]? situations = null, string? comment = null) =>
        new { input = new { employeeId = employee, type, situations, comment, interpreterLanguage = "Portugais" } };

    [Fact]
    public async Task A_visit_is_requested_once_per_motive_for_an_employee_who_holds_a_workstation()
    {
        var (token, company, employee, loose) = await EmployerAsync();

        var noWorkstation = await Api.MutateAsync(token, "requestVisit", Request, Input(loose, "PERIODIC"));
        Assert.Equal(["NO_WORKSTATION"], DemoApi.ErrorCodes(noWorkstation));
        Assert.Contains("sans poste de travail", noWorkstation.GetProperty("errors")[0].GetProperty("message").GetString());

        var requested = await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "PERIODIC", ["pregnant"], "Pas le mercredi"));
        Assert.Empty(DemoApi.ErrorCodes(requested));
        var visit = requested.GetProperty("visitRequest");
        Assert.Equal(("PERIODIC", "PENDING", "MARTIN"), (visit.GetProperty("type").GetString(), visit.GetProperty("state").GetString(), visit.GetProperty("employee").GetProperty("birthName").GetString()));
        Assert.Equal(["PREGNANT"], visit.GetProperty("situations").EnumerateArray().Select(s => s.GetString()));

        var again = await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "PERIODIC"));
        Assert.Equal(["ALREADY_REQUESTED"], DemoApi.ErrorCodes(again));
        Assert.Contains("« Périodique » est déjà en attente", again.GetProperty("errors")[0].GetProperty("message").GetString());
        var badInput = await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "MID_CAREER", ["ASTRONAUT"], new string('x', 1001)));
        Assert.Equal(["INVALID_SITUATION", "TOO_LONG"], DemoApi.ErrorCodes(badInput));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "MID_CAREER"))));

        var pending = (await Api.DataAsync(token, List, new { id = company, state = "PENDING" })).GetProperty("company").GetProperty("visitRequests");
        Assert.Equal(2, pending.GetProperty("totalCount").GetInt32());
        Assert.Equal(["MID_CAREER", "PERIODIC"], pending.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("type").GetString()));

        // Cancelled while pending, and only then; the motive can then be requested again.
        var cancelled = await Api.MutateAsync(token, "cancelVisitRequest", Cancel, new { input = new { id = visit.GetProperty("id").GetString() } });
        Assert.Equal("CANCELLED", cancelled.GetProperty("visitRequest").GetProperty("state").GetString());
        var twice = await Api.MutateAsync(token, "cancelVisitRequest", Cancel, new { input = new { id = visit.GetProperty("id").GetString() } });
        Assert.Equal(["NOT_PENDING"], DemoApi.ErrorCodes(twice));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "PERIODIC"))));
    }

    [Fact]
    public async Task An_exit_cancels_the_employee_s_pending_requests_and_says_so()
    {
        var (token, company, employee, _) = await EmployerAsync();
        var first = (await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "PERIODIC"))).GetProperty("visitRequest").GetProperty("id").GetString();
        await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "MID_CAREER"));
        await Api.MutateAsync(token, "cancelVisitRequest", Cancel, new { input = new { id = first } });

        var exit = await Api.MutateAsync(token, "exitEmployee",
            "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { cancelledVisitRequests { type state } errors { code } } }",
            new { input = new { id = employee, endDate = "2026-06-30" } });
        Assert.Empty(DemoApi.ErrorCodes(exit));
        var cancelled = Assert.Single(exit.GetProperty("cancelledVisitRequests").EnumerateArray());
        Assert.Equal(("MID_CAREER", "CANCELLED"), (cancelled.GetProperty("type").GetString(), cancelled.GetProperty("state").GetString()));

        var all = (await Api.DataAsync(token, List, new { id = company })).GetProperty("company").GetProperty("visitRequests").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node")).ToList();
        Assert.All(all, r => Assert.Equal("CANCELLED", r.GetProperty("state").GetString()));
        Assert.Contains("sorti de l'effectif", all.Single(r => r.GetProperty("type").GetString() == "MID_CAREER").GetProperty("closingReason").GetString());
        var afterExit = await Api.MutateAsync(token, "requestVisit", Request, Input(employee, "PERIODIC"));
        Assert.Equal(["FORMER_EMPLOYEE"], DemoApi.ErrorCodes(afterExit));
    }

    [Fact]
    public async Task A_read_only_user_cannot_request_and_another_tenant_s_employee_does_not_exist()
    {
        var (_, company, employee, _) = await EmployerAsync();
        await new DemoApi(Factory, "sstrn").GrantAccountantAsync(company, CompanyRoles.ReadOnly);
        var reader = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        var refused = await Factory.GraphQLAsync(Api.Host, Request, Input(employee, "PERIODIC"), reader);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        // Reading the list is allowed with Lecture.
        Assert.Equal(0, (await Api.DataAsync(reader, List, new { id = company })).GetProperty("company").GetProperty("visitRequests").GetProperty("totalCount").GetInt32());

        // The sstrn employee's id sent to sstbtp-bfc, by the same user with full rights there, is unknown.
        var other = new DemoApi(Factory, "sstbtp-bfc");
        var otherToken = await other.EmployerTokenAsync();
        var foreign = await other.MutateAsync(otherToken, "requestVisit", Request, Input(employee, "PERIODIC"));
        Assert.Equal(["NOT_FOUND"], DemoApi.ErrorCodes(foreign));
        await using var check = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<PlatformDbContext>().VisitRequests.CountAsync());
    }
}
