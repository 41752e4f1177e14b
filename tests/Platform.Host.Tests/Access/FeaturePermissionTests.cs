using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Features.Workstations;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Features check who may, whatever calls them: a page, a job or a future endpoint that forgot to
/// check first still gets FORBIDDEN (or UNAUTHENTICATED) from the service itself.
/// </summary>
public sealed class FeaturePermissionTests(PlatformFactory factory) : PlatformTest(factory)
{
    /// <summary>A tenant scope where the caller is the demo account with this e-mail, as its request would set it.</summary>
    private async Task<AsyncServiceScope> ScopeOfAsync(string tenant, string? email, StaffRole? staffRole = null)
    {
        var scope = Factory.Services.CreateTenantScope(tenant);
        if (email is null) return scope;
        var id = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new SignedInUser(id, email, email, tenant, staffRole).ToIdentity("test")));
        return scope;
    }

    private static InvoiceDraft Draft(Guid company) =>
        new(company, "Visite supplémentaire", new DateOnly(2026, 11, 23), 51m, 20m, [new DateOnly(2026, 12, 23)]);

    [Fact]
    public async Task Only_the_services_staff_or_its_own_billing_issue_invoices_and_record_payments()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");

        // The company's own administrator holds every company role, yet does not bill itself.
        await using (var employer = await ScopeOfAsync("sstrn", "employer@sstrn.demo"))
        {
            var invoices = employer.ServiceProvider.GetRequiredService<InvoiceService>();
            Assert.Equal(AccessDenial.Forbidden, (await Assert.ThrowsAsync<AccessDeniedException>(() => invoices.IssueAsync(Draft(company)))).Denial);
            var some = await employer.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.Select(i => i.Id).FirstAsync();
            Assert.Equal(AccessDenial.Forbidden, (await Assert.ThrowsAsync<AccessDeniedException>(() => invoices.RecordPaymentAsync(some, new DateOnly(2026, 11, 23)))).Denial);
        }
        await using (var anonymous = await ScopeOfAsync("sstrn", null))
            Assert.Equal(AccessDenial.Unauthenticated,
                (await Assert.ThrowsAsync<AccessDeniedException>(() => anonymous.ServiceProvider.GetRequiredService<InvoiceService>().IssueAsync(Draft(company)))).Denial);

        await using (var staff = await ScopeOfAsync("sstrn", "staff@sstrn.demo", StaffRole.Staff))
            Assert.Empty((await staff.ServiceProvider.GetRequiredService<InvoiceService>().IssueAsync(Draft(company))).Errors);
        await using var platform = Factory.Services.CreateTenantScope("sstrn");
        platform.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
        Assert.Empty((await platform.ServiceProvider.GetRequiredService<InvoiceService>().IssueAsync(Draft(company))).Errors);
    }

    [Fact]
    public async Task Tenant_rules_change_only_for_a_tenant_administrator()
    {
        await DemoData.SeedAsync(Factory.Services);
        await using (var staff = await ScopeOfAsync("sstrn", "staff@sstrn.demo", StaffRole.Staff))
        {
            var administration = staff.ServiceProvider.GetRequiredService<TenantRulesAdministration>();
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
                administration.ChangeAsync(new RuleChangeRequest("theme.primaryColor", "\"#123456\"")));
            Assert.Equal(AccessDenial.Forbidden, denied.Denial);
            Assert.Equal(AccessDenial.Forbidden, (await Assert.ThrowsAsync<AccessDeniedException>(() => administration.HistoryAsync())).Denial);
        }
        await using var check = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<PlatformDbContext>().TenantRuleOverrides.CountAsync());
    }

    [Fact]
    public async Task Another_companys_workstations_are_refused()
    {
        await DemoData.SeedAsync(Factory.Services);
        var other = await new DemoApi(Factory, "sstrn").CompanyIdAsync("102.1"); // the accountant's client, not the employer's
        await using var employer = await ScopeOfAsync("sstrn", "employer@sstrn.demo");
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => employer.ServiceProvider.GetRequiredService<WorkstationService>().OpenAsync(other));
        Assert.Equal(AccessDenial.Forbidden, denied.Denial);
    }
}
