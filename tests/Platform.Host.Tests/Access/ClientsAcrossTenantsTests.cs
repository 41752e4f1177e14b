using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Declarations;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>The accountant's cross-tenant view: every client company on every tenant, each figure only where granted.</summary>
public sealed class ClientsAcrossTenantsTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Query = """
        { clientsAcrossTenants { tenant { slug name } company { id name memberNumber } roles grantedFigures openInvoices declarationDue declarationYear pendingVisitRequests } }
        """;

    public override async Task InitializeAsync()
    {
        // In sstbtp-bfc's 2026 campaign (3 to 30 November), after sst68's January window.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private async Task<List<JsonElement>> ClientsAsync(string host, string token)
    {
        var result = await Factory.GraphQLAsync(host, Query, token: token);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        return result.GetProperty("data").GetProperty("clientsAcrossTenants").EnumerateArray().ToList();
    }

    private static JsonElement Of(List<JsonElement> clients, string tenant, string memberNumber) =>
        clients.Single(c => c.GetProperty("tenant").GetProperty("slug").GetString() == tenant && c.GetProperty("company").GetProperty("memberNumber").GetString() == memberNumber);

    [Fact]
    public async Task The_accountant_sees_every_client_on_every_tenant_with_what_needs_doing()
    {
        var token = await Factory.TokenAsync("sstrn.localhost", DemoData.AccountantEmail, DemoData.Password);
        var clients = await ClientsAsync("sstrn.localhost", token);

        // One client per tenant (the demo's …02 companies); none of the companies the accountant was not given.
        Assert.Equal(["sist-on/ON0002", "sst68/680002", "sstbtp-bfc/250002", "sstrn/102.1"],
            clients.Select(c => $"{c.GetProperty("tenant").GetProperty("slug").GetString()}/{c.GetProperty("company").GetProperty("memberNumber").GetString()}").Order(StringComparer.Ordinal));
        // Each has this year's contribution still to pay.
        Assert.All(clients, c => Assert.Equal(1, c.GetProperty("openInvoices").GetInt32()));
        // sst68 (January, now late), sist-on (any time) and sstbtp-bfc (campaign open) expect the 2026 declaration;
        // sstrn does not ask for one the year a company joins.
        Assert.True(Of(clients, "sst68", "680002").GetProperty("declarationDue").GetBoolean());
        Assert.True(Of(clients, "sist-on", "ON0002").GetProperty("declarationDue").GetBoolean());
        Assert.Equal(2026, Of(clients, "sstbtp-bfc", "250002").GetProperty("declarationYear").GetInt32());
        Assert.False(Of(clients, "sstrn", "102.1").GetProperty("declarationDue").GetBoolean());
        Assert.Equal("SPSTI BTP Bourgogne-Franche-Comté", Of(clients, "sstbtp-bfc", "250002").GetProperty("tenant").GetProperty("name").GetString());

        // A filed declaration and a pending visit request change the figures, read on their own tenant.
        var sistOnClient = Guid.Parse(Of(clients, "sist-on", "ON0002").GetProperty("company").GetProperty("id").GetString()!);
        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Declarations.Add(new Declaration { CompanyId = sistOnClient, Year = 2026, Status = DeclarationStatus.Submitted, Headcount = 9, SubmittedAt = Factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        await AddPendingVisitRequestAsync("sstbtp-bfc", Guid.Parse(Of(clients, "sstbtp-bfc", "250002").GetProperty("company").GetProperty("id").GetString()!));

        // Asked on another tenant's host, the answer is the same user's.
        var again = await ClientsAsync("sstbtp-bfc.localhost", await Factory.TokenAsync("sstbtp-bfc.localhost", "250002", DemoData.Password));
        Assert.Equal(4, again.Count);
        Assert.False(Of(again, "sist-on", "ON0002").GetProperty("declarationDue").GetBoolean());
        Assert.Equal(1, Of(again, "sstbtp-bfc", "250002").GetProperty("pendingVisitRequests").GetInt32());
    }

    [Fact]
    public async Task A_figure_shows_only_where_the_client_s_roles_grant_it()
    {
        // The demo employer of sst68 gives the accountant Convocation only: visits yes, invoices and declaration no.
        var demo = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");
        await new DemoApi(Factory, "sst68").GrantAccountantAsync(demo, CompanyRoles.Convocation);
        await AddPendingVisitRequestAsync("sst68", demo);

        var clients = await ClientsAsync("sstrn.localhost", await Factory.TokenAsync("sstrn.localhost", DemoData.AccountantEmail, DemoData.Password));
        var convocationOnly = Of(clients, "sst68", "680001");
        Assert.Equal(["PENDING_VISIT_REQUESTS"], convocationOnly.GetProperty("grantedFigures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(1, convocationOnly.GetProperty("pendingVisitRequests").GetInt32());
        // The company has an unpaid invoice and owes its declaration, but did not grant those figures.
        Assert.Equal(0, convocationOnly.GetProperty("openInvoices").GetInt32());
        Assert.False(convocationOnly.GetProperty("declarationDue").GetBoolean());
        Assert.Equal(["OPEN_INVOICES", "DECLARATION_DUE", "PENDING_VISIT_REQUESTS"],
            Of(clients, "sst68", "680002").GetProperty("grantedFigures").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Others_see_only_their_own_companies_and_a_staff_role_opens_nothing_elsewhere()
    {
        var employer = await ClientsAsync("sstrn.localhost", await Factory.TokenAsync("sstrn.localhost", "employer@sstrn.demo", DemoData.Password));
        Assert.Equal(["sstrn/101.1"], employer.Select(c => $"{c.GetProperty("tenant").GetProperty("slug").GetString()}/{c.GetProperty("company").GetProperty("memberNumber").GetString()}"));

        var staff = await new DemoApi(Factory, "sstrn").StaffTokenAsync();
        Assert.Empty(await ClientsAsync("sstrn.localhost", staff));

        var anonymous = await Factory.GraphQLAsync("sstrn.localhost", Query);
        Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task AddPendingVisitRequestAsync(string tenant, Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var workstation = new Platform.Features.Workstations.Workstation { CompanyId = company, Label = "MAÇON", CspCode = "621a" };
        var employee = new Platform.Features.Employees.Employee
        {
            CompanyId = company, Civility = "Monsieur", FirstName = "Jean", BirthName = "MARTIN", BirthDate = new DateOnly(1980, 1, 1),
            Contract = "CDI", StartDate = new DateOnly(2020, 1, 1), CurrentWorkstationId = workstation.Id, SortName = "MARTIN JEAN",
        };
        db.AddRange(workstation, employee);
        db.VisitRequests.Add(new VisitRequest { CompanyId = company, EmployeeId = employee.Id, Type = VisitType.Periodic, RequestedAt = Factory.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    }
}
