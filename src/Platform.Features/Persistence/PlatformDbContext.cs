using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.Demarches;
using Platform.Features.Employees;
using Platform.Features.Notifications;
using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Features.Workstations;
using Platform.Tenancy;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Persistence;

/// <summary>
/// The tenant's DbContext (IdentityDb holds the platform rows). It is bound to the tenant of its scope when created and never changes
/// (DESIGN.md 3.2); every tenant-owned set is filtered to that tenant and SaveChanges fails closed.
/// One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class PlatformDbContext : DbContext
{
    protected PlatformDbContext(DbContextOptions options, ITenantContext tenant) : base(options)
    {
        TenantId = tenant.Current?.Slug;
        platformScope = tenant.IsPlatformScope;
        SavedChanges += (_, _) => OnWrote();
    }

    /// <summary>
    /// Raised after this context wrote to the database: SaveChanges, or a command that returns no rows
    /// (ExecuteUpdate, ExecuteDelete, bulk SQL; <see cref="WriteInterceptor"/>). What a request remembered of
    /// what it read (CompanyAccess) is forgotten then.
    /// </summary>
    public event EventHandler? Wrote;

    internal void OnWrote() => Wrote?.Invoke(this, EventArgs.Empty);

    private readonly bool platformScope;

    /// <summary>The tenant this context reads and writes; null outside any tenant (nothing can be saved).</summary>
    public string? TenantId { get; }

    // Users and API clients are platform rows: they are read and written through IdentityDb (DESIGN.md 4).
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<LoginName> LoginNames => Set<LoginName>();
    public DbSet<SignInGuard> SignInGuards => Set<SignInGuard>();
    public DbSet<ConnectionRecord> ConnectionRecords => Set<ConnectionRecord>();
    public DbSet<LoginCode> LoginCodes => Set<LoginCode>();
    public DbSet<EmailLinkToken> EmailLinkTokens => Set<EmailLinkToken>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<CompanyClaim> CompanyClaims => Set<CompanyClaim>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<TenantRuleOverride> TenantRuleOverrides => Set<TenantRuleOverride>();
    public DbSet<TenantRuleChange> TenantRuleChanges => Set<TenantRuleChange>();
    public DbSet<Workstation> Workstations => Set<Workstation>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<CareerEntry> CareerEntries => Set<CareerEntry>();
    public DbSet<CompanyContact> CompanyContacts => Set<CompanyContact>();
    public DbSet<HealthTeam> HealthTeams => Set<HealthTeam>();
    public DbSet<SituationRequest> SituationRequests => Set<SituationRequest>();
    public DbSet<Platform.Features.PendingChanges.PendingChange> PendingChanges => Set<Platform.Features.PendingChanges.PendingChange>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceInstalment> InvoiceInstalments => Set<InvoiceInstalment>();
    public DbSet<InvoiceCounter> InvoiceCounters => Set<InvoiceCounter>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoicePdf> InvoicePdfs => Set<InvoicePdf>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();
    public DbSet<Platform.Features.Payments.Sepa.SepaMandate> SepaMandates => Set<Platform.Features.Payments.Sepa.SepaMandate>();
    public DbSet<Platform.Features.Payments.Sepa.SepaDebit> SepaDebits => Set<Platform.Features.Payments.Sepa.SepaDebit>();
    public DbSet<Platform.Features.Payments.Payment> Payments => Set<Platform.Features.Payments.Payment>();
    public DbSet<Platform.Features.Payments.ProcessedStripeEvent> ProcessedStripeEvents => Set<Platform.Features.Payments.ProcessedStripeEvent>();
    public DbSet<VisitRequest> VisitRequests => Set<VisitRequest>();
    public DbSet<Documents.Document> Documents => Set<Documents.Document>();
    public DbSet<Appointments.Appointment> Appointments => Set<Appointments.Appointment>();
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<Platform.Features.DueVisits.HeldVisit> HeldVisits => Set<Platform.Features.DueVisits.HeldVisit>();
    public DbSet<Platform.Features.DueVisits.EmployeeAbsence> EmployeeAbsences => Set<Platform.Features.DueVisits.EmployeeAbsence>();
    public DbSet<Platform.Features.DueVisits.DueVisitEntry> DueVisitEntries => Set<Platform.Features.DueVisits.DueVisitEntry>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Each feature folder configures its own entities ({Feature}Storage.cs); this class keeps the tenancy rules.
        b.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);

        // OpenIddict's applications, authorizations, scopes and tokens. They belong to no tenant: a
        // token names its tenant through its issuer (the tenant host) and its tenant claim. Mapped here
        // (with users and API clients) so that the migrations create their tables; they are read and
        // written through IdentityDb, on the platform database only.
        b.UseOpenIddict();
        IdentityDb.MapDataProtectionKeys(b);

        TenantIsolation.ApplyTenantFilters(b, () => TenantId);
        TenantIsolation.EnsureUniqueIndexesIncludeTenant(b);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefusePlatformRows();
        TenantIsolation.EnforceOnSave(ChangeTracker, TenantId, platformScope);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefusePlatformRows();
        TenantIsolation.EnforceOnSave(ChangeTracker, TenantId, platformScope);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // This context may be bound to a tenant's own database: a user or token written here would be
    // split from the platform's (fails closed, like a row without a tenant).
    private void RefusePlatformRows()
    {
        if (ChangeTracker.Entries().FirstOrDefault(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                                                       && IdentityDb.Holds(e.Metadata.ClrType)) is { } entry)
            throw new TenantIsolationException($"Enregistrement refusé : {entry.Metadata.ClrType.Name} est une donnée de la plateforme (IdentityDb), pas du tenant.");
    }
}
