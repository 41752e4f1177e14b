using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.CrossTenant;

/// <summary>A figure of the accountant's view that a client company may or may not have granted.</summary>
public enum ClientFigure { OpenInvoices, DeclarationDue, PendingVisitRequests }

/// <summary>One client company of a user, on its tenant, with the figures its roles grant (others read 0 / false).</summary>
public sealed record ClientCompanyView(
    Tenant Tenant, TenantRules Rules, CompanyView Company, IReadOnlyList<string> Roles, IReadOnlyList<ClientFigure> Granted,
    int OpenInvoices, DeclarationPeriod? DeclarationPeriod, int PendingVisitRequests, decimal AmountDue = 0)
{
    /// <summary>The company owes a declaration now (read only where it granted the figure).</summary>
    public bool DeclarationDue => DeclarationPeriod is not null;
}

/// <summary>The user's clients on the tenants that answered, and the tenants whose own database did not.</summary>
public sealed record ClientCompanies(IReadOnlyList<ClientCompanyView> Clients, IReadOnlyList<Tenant> Unanswered);

/// <summary>
/// The one place that reads across tenants (DESIGN.md 3.6). Each tenant is read in a scope of its
/// own, bound to that tenant like any request, and only for the companies where the user holds a
/// membership. Roles decide each figure through that tenant's own catalogue; the caller's principal
/// is not carried over, so a staff role on one tenant opens nothing on another.
/// </summary>
public sealed class CrossTenantReader(IServiceProvider services, TenantCatalog catalog, ILogger<CrossTenantReader> logger)
{
    /// <summary>
    /// How many companies the person manages on the tenants that answer, stopping at <paramref name="enough"/>: one query
    /// per tenant. A tenant whose own database is down counts none (the account page of every other tenant still opens;
    /// what the count offers, API access, waits for it to answer again).
    /// </summary>
    public async Task<int> CompanyCountAsync(Guid userId, int enough = int.MaxValue, CancellationToken ct = default)
    {
        var count = 0;
        foreach (var tenant in catalog.All)
        {
            try
            {
                await using var scope = services.CreateTenantScope(tenant);
                var provider = scope.ServiceProvider;
                var today = Regulation.FrenchTime.Today(provider.GetRequiredService<TimeProvider>());
                count += await provider.GetRequiredService<CompanyAccess>().ActiveMemberships(userId, today).CountAsync(ct);
            }
            catch (Exception e) when (DidNotAnswer(e, ct))
            {
                logger.LogWarning("Companies of tenant {Tenant} not counted, its database did not answer: {Error}", tenant.Slug, e.GetType().Name);
                continue;
            }
            if (count >= enough) break;
        }
        return count;
    }

    // PostgreSQL's retrying strategy wraps a refused connection in an InvalidOperationException (« transient failure »).
    private static bool DidNotAnswer(Exception e, CancellationToken ct) => !ct.IsCancellationRequested
        && (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException or TimeoutException
            || e.InnerException is System.Data.Common.DbException);

    /// <summary>
    /// The person's client companies on every tenant, with the figures their roles grant. A tenant whose own database
    /// does not answer is named in <see cref="ClientCompanies.Unanswered"/>; the others are listed all the same.
    /// </summary>
    public async Task<ClientCompanies> ClientsOfAsync(Guid userId, CancellationToken ct = default)
    {
        var clients = new List<ClientCompanyView>();
        var unanswered = new List<Tenant>();
        foreach (var tenant in catalog.All)
        {
            try { clients.AddRange(await ClientsOnAsync(tenant, userId, ct)); }
            catch (Exception e) when (DidNotAnswer(e, ct))
            {
                logger.LogWarning("Clients on tenant {Tenant} not read, its database did not answer: {Error}", tenant.Slug, e.GetType().Name);
                unanswered.Add(tenant);
            }
        }
        return new ClientCompanies(clients, unanswered);
    }

    private async Task<IReadOnlyList<ClientCompanyView>> ClientsOnAsync(Tenant tenant, Guid userId, CancellationToken ct)
    {
        await using var scope = services.CreateTenantScope(tenant);
        var provider = scope.ServiceProvider;
        // A removed company (radiation) is no longer a client.
        var today = Regulation.FrenchTime.Today(provider.GetRequiredService<TimeProvider>());
        var memberships = await provider.GetRequiredService<CompanyAccess>().ActiveMemberships(userId, today).AsNoTracking()
            .Select(m => new { m.CompanyId, m.Roles }).ToListAsync(ct);
        if (memberships.Count == 0) return [];

        var rules = (await provider.GetRequiredService<TenantRulesCache>().GetAsync(tenant)).Rules;
        var catalogue = RoleCatalogue.For(rules);
        List<Guid> Granting(params Permission[] permissions) =>
            memberships.Where(m => permissions.Any(p => RoleCatalogue.Grants(catalogue, m.Roles, p))).Select(m => m.CompanyId).ToList();
        var (billing, declaring, visits) = (Granting(Permission.ViewInvoices), Granting(Permission.ViewDeclarations, Permission.DeclareHeadcount),
            Granting(Permission.RequestVisits, Permission.ViewAppointments));

        var openInvoices = billing.Count > 0 ? await provider.GetRequiredService<InvoiceService>().OpenCountsAsync(billing, ct) : new Dictionary<Guid, int>();
        var amountsDue = billing.Count > 0 ? await provider.GetRequiredService<InvoiceService>().OpenAmountsAsync(billing, ct) : new Dictionary<Guid, decimal>();
        var due = declaring.Count > 0 ? await provider.GetRequiredService<DeclarationService>().DueAsync(declaring, ct) : new Dictionary<Guid, DeclarationPeriod>();
        var pending = visits.Count > 0 ? await provider.GetRequiredService<VisitRequestService>().PendingCountsAsync(visits, ct) : new Dictionary<Guid, int>();
        var companies = await provider.GetRequiredService<CompanyDirectory>().GetManyAsync(memberships.Select(m => m.CompanyId).ToList(), ct);
        var clients = new List<ClientCompanyView>();
        foreach (var company in companies.OrderBy(c => c.Name, StringComparer.CurrentCulture))
        {
            var granted = new List<ClientFigure>();
            if (billing.Contains(company.Id)) granted.Add(ClientFigure.OpenInvoices);
            if (declaring.Contains(company.Id)) granted.Add(ClientFigure.DeclarationDue);
            if (visits.Contains(company.Id)) granted.Add(ClientFigure.PendingVisitRequests);
            clients.Add(new ClientCompanyView(tenant, rules, company, memberships.First(m => m.CompanyId == company.Id).Roles, granted,
                openInvoices.GetValueOrDefault(company.Id), due.GetValueOrDefault(company.Id), pending.GetValueOrDefault(company.Id),
                amountsDue.GetValueOrDefault(company.Id)));
        }
        return clients;
    }
}
