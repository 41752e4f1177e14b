using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.Employees;
using Platform.Features.Notifications;

using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Features.Workstations;
using Platform.Tenancy;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Persistence;

/// <summary>
/// The one DbContext. It is bound to the tenant of its scope when created and never changes
/// (DESIGN.md 3.2); every tenant-owned set is filtered to that tenant and SaveChanges fails closed.
/// One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class PlatformDbContext : DbContext
{
    protected PlatformDbContext(DbContextOptions options, ITenantContext tenant) : base(options)
    {
        TenantId = tenant.Current?.Slug;
        platformScope = tenant.IsPlatformScope;
    }

    private readonly bool platformScope;

    /// <summary>The tenant this context reads and writes; null outside any tenant (nothing can be saved).</summary>
    public string? TenantId { get; }

    public DbSet<User> Users => Set<User>();
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
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
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
    public DbSet<PendingCompanyChange> PendingCompanyChanges => Set<PendingCompanyChange>();
    public DbSet<PendingEmployeeChange> PendingEmployeeChanges => Set<PendingEmployeeChange>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceInstalment> InvoiceInstalments => Set<InvoiceInstalment>();
    public DbSet<InvoiceCounter> InvoiceCounters => Set<InvoiceCounter>();
    public DbSet<VisitRequest> VisitRequests => Set<VisitRequest>();
    public DbSet<Declaration> Declarations => Set<Declaration>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.Property(u => u.Email).HasMaxLength(254);
            e.Property(u => u.NormalizedEmail).HasMaxLength(254);
            e.HasIndex(u => u.NormalizedEmail).IsUnique();
            e.Property(u => u.FirstName).HasMaxLength(100);
            e.Property(u => u.LastName).HasMaxLength(100);
            e.Property(u => u.PasswordHash).HasMaxLength(200);
            e.Property(u => u.ProtectedTotpSecret).HasMaxLength(500);
            e.Property(u => u.JobFunction).HasMaxLength(100);
        });
        b.Entity<LoginName>(e =>
        {
            e.HasIndex(l => new { l.TenantId, l.Identifier }).IsUnique();
            e.Property(l => l.Identifier).HasMaxLength(254);
            e.HasOne<User>().WithMany().HasForeignKey(l => l.UserId);
        });
        b.Entity<SignInGuard>(e =>
        {
            e.HasIndex(g => new { g.TenantId, g.UserId }).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(g => g.UserId);
        });
        b.Entity<ConnectionRecord>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.UserId });
            e.Property(c => c.IpAddress).HasMaxLength(45);
            e.Property(c => c.Browser).HasMaxLength(200);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId);
        });
        b.Entity<Membership>(e =>
        {
            e.HasIndex(m => new { m.TenantId, m.UserId, m.CompanyId }).IsUnique();
            e.HasIndex(m => new { m.TenantId, m.CompanyId });
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId);
            e.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
        });
        b.Entity<StaffMember>(e =>
        {
            e.HasIndex(s => new { s.TenantId, s.UserId }).IsUnique();
            e.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId);
        });
        b.Entity<LoginCode>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.UserId });
            e.Property(c => c.CodeHash).HasMaxLength(64);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId);
        });
        b.Entity<EmailLinkToken>(e =>
        {
            e.HasIndex(t => new { t.TenantId, t.TokenHash }).IsUnique();
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
        });
        b.Entity<Invitation>(e =>
        {
            e.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
            e.HasIndex(i => new { i.TenantId, i.CompanyId });
            e.Property(i => i.Email).HasMaxLength(254);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId);
        });
        b.Entity<NotificationPreference>(e =>
        {
            e.HasIndex(p => new { p.TenantId, p.CompanyId, p.UserId, p.Kind }).IsUnique();
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
            e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId);
        });
        b.Entity<AccessRequest>(e =>
        {
            e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
            e.HasIndex(r => new { r.TenantId, r.RequestedByUserId });
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.CompanyName).HasMaxLength(200);
            e.Property(r => r.MemberNumber).HasMaxLength(20);
            e.Property(r => r.Siret).HasMaxLength(14);
            e.Property(r => r.NewSiret).HasMaxLength(14);
            e.Property(r => r.FormerAdministratorEmail).HasMaxLength(254);
            e.Property(r => r.Description).HasMaxLength(2000);
            e.HasOne<User>().WithMany().HasForeignKey(r => r.RequestedByUserId);
        });
        b.Entity<ApiClient>(e =>
        {
            e.HasIndex(c => c.ClientId).IsUnique();
            e.HasIndex(c => c.UserId);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId);
        });
        b.Entity<Company>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.MemberNumber }).IsUnique();
            e.HasIndex(c => new { c.TenantId, c.Siret });
            e.Property(c => c.MemberNumber).HasMaxLength(20);
            e.Property(c => c.Siret).HasMaxLength(14);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.LegalForm).HasMaxLength(100);
            e.Property(c => c.NafCode).HasMaxLength(6);
            e.Property(c => c.Activity).HasMaxLength(200);
            // Addresses live in the company's row; billing and convocation fall back to the main one when empty.
            foreach (var address in new[] { nameof(Company.MainAddress), nameof(Company.BillingAddress), nameof(Company.ConvocationAddress) })
                e.ComplexProperty(typeof(PostalAddress), address, a =>
                {
                    a.Property(nameof(PostalAddress.Line1)).HasMaxLength(200);
                    a.Property(nameof(PostalAddress.Line2)).HasMaxLength(200);
                    a.Property(nameof(PostalAddress.PostalCode)).HasMaxLength(5);
                    a.Property(nameof(PostalAddress.City)).HasMaxLength(100);
                });
        });
        b.Entity<CompanyContact>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.CompanyId });
            e.Property(c => c.Function).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Email).HasMaxLength(254);
            e.Property(c => c.Phone).HasMaxLength(20);
            e.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
        });
        b.Entity<HealthTeam>(e =>
        {
            e.HasIndex(h => new { h.TenantId, h.CompanyId }).IsUnique();
            foreach (var p in new[] { nameof(HealthTeam.Doctor), nameof(HealthTeam.MedicalSecretary), nameof(HealthTeam.Iprp), nameof(HealthTeam.Asst), nameof(HealthTeam.PreventionAdviser), nameof(HealthTeam.CentreName) })
                e.Property(p).HasMaxLength(200);
            e.Property(h => h.MedicalSecretaryPhone).HasMaxLength(20);
            e.Property(h => h.MedicalSecretaryEmail).HasMaxLength(254);
            e.Property(h => h.CentreAddress).HasMaxLength(300);
            e.Property(h => h.OpeningHours).HasMaxLength(300);
            e.PrimitiveCollection(h => h.Nurses);
            e.HasOne<Company>().WithMany().HasForeignKey(h => h.CompanyId);
        });
        b.Entity<SituationRequest>(e =>
        {
            e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Reason).HasMaxLength(2000);
            e.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId);
        });
        b.Entity<PendingEmployeeChange>(e =>
        {
            e.HasIndex(p => new { p.TenantId, p.EmployeeId, p.State });
            e.HasIndex(p => new { p.TenantId, p.State, p.EffectiveOn });
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Request).HasMaxLength(4000);
            e.Property(p => p.Outcome).HasMaxLength(500);
            e.HasOne<Employee>().WithMany().HasForeignKey(p => p.EmployeeId);
        });
        b.Entity<PendingCompanyChange>(e =>
        {
            e.HasIndex(p => new { p.TenantId, p.CompanyId, p.State });
            e.HasIndex(p => new { p.TenantId, p.State, p.EffectiveOn });
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Details).HasMaxLength(4000);
            e.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId });
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
        });
        b.Entity<OutboxEmail>(e =>
        {
            e.HasIndex(o => new { o.TenantId, o.SentAt });
            e.Property(o => o.To).HasMaxLength(254);
            e.Property(o => o.Subject).HasMaxLength(300);
            e.Property(o => o.LastError).HasMaxLength(300);
        });
        b.Entity<TenantRuleOverride>(e =>
        {
            e.HasIndex(o => new { o.TenantId, o.Path }).IsUnique();
            e.Property(o => o.Path).HasMaxLength(200);
        });
        b.Entity<TenantRuleChange>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.ChangedAt });
            e.Property(c => c.Path).HasMaxLength(200);
            e.Property(c => c.ChangedByName).HasMaxLength(200);
        });

        b.Entity<Workstation>(e =>
        {
            e.HasIndex(w => new { w.TenantId, w.CompanyId, w.Label });
            e.HasIndex(w => new { w.TenantId, w.CompanyId, w.CspCode });
            e.Property(w => w.Label).HasMaxLength(WorkstationRules.LabelMaxLength);
            e.Property(w => w.CspCode).HasMaxLength(4);
            e.PrimitiveCollection(w => w.Risks).ElementType(t => t.HasConversion<string>());
            e.PrimitiveCollection(w => w.CacesCategories);
            e.Property(w => w.RadiationCategory).HasMaxLength(3);
            e.Property(w => w.OtherRiskDescription).HasMaxLength(WorkstationRules.DescriptionMaxLength);
            e.HasOne<Company>().WithMany().HasForeignKey(w => w.CompanyId);
        });
        b.Entity<Employee>(e =>
        {
            // The list: one company's employees in name order, read by keyset (SortName, Id).
            e.HasIndex(x => new { x.TenantId, x.CompanyId, x.SortName, x.Id });
            e.HasIndex(x => new { x.TenantId, x.ValidatedAt });
            // The count of the active ones (no end date, or one not passed) without reading the rows.
            e.HasIndex(x => new { x.TenantId, x.CompanyId, x.EndDate });
            e.Property(x => x.Civility).HasMaxLength(10);
            e.Property(x => x.FirstName).HasMaxLength(EmployeeRules.NameMaxLength);
            e.Property(x => x.BirthName).HasMaxLength(EmployeeRules.NameMaxLength);
            e.Property(x => x.MarriedName).HasMaxLength(EmployeeRules.NameMaxLength);
            e.Property(x => x.SortName).HasMaxLength(2 * EmployeeRules.NameMaxLength + 1);
            e.Property(x => x.ProtectedNir).HasMaxLength(500);
            e.Property(x => x.MaskedNir).HasMaxLength(30);
            e.Property(x => x.Contract).HasMaxLength(40);
            e.Property(x => x.DeclaredFollowUp).HasConversion<string>().HasMaxLength(3);
            e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
            // Restrict: SQL Server refuses two cascade paths from a company; a held workstation is never deleted anyway.
            e.HasOne<Workstation>().WithMany().HasForeignKey(x => x.CurrentWorkstationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CareerEntry>(e =>
        {
            e.HasIndex(c => new { c.TenantId, c.EmployeeId });
            e.HasIndex(c => new { c.TenantId, c.WorkstationId, c.EndDate });
            e.Property(c => c.Contract).HasMaxLength(40);
            e.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId);
            e.HasOne<Workstation>().WithMany().HasForeignKey(c => c.WorkstationId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Invoice>(e =>
        {
            // Numbers are unique and gapless per tenant; the list reads a company's invoices newest first.
            e.HasIndex(i => new { i.TenantId, i.Sequence }).IsUnique();
            e.HasIndex(i => new { i.TenantId, i.CompanyId, i.Sequence });
            e.Property(i => i.Number).HasMaxLength(20);
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Label).HasMaxLength(200);
            foreach (var amount in new[] { nameof(Invoice.TotalExclTax), nameof(Invoice.Vat), nameof(Invoice.TotalInclTax) })
                e.Property(amount).HasPrecision(12, 2);
            e.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId);
            e.HasOne<Invoice>().WithMany().HasForeignKey(i => i.CorrectsInvoiceId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<InvoiceInstalment>(e =>
        {
            e.HasIndex(s => new { s.TenantId, s.InvoiceId, s.Position }).IsUnique();
            e.Property(s => s.Amount).HasPrecision(12, 2);
            e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId);
        });
        b.Entity<InvoiceCounter>(e =>
        {
            e.HasIndex(c => c.TenantId).IsUnique();
            // Moved by an atomic update inside the invoice's transaction; a tracked change would also be checked against the value read.
            e.Property(c => c.Last).IsConcurrencyToken();
        });
        b.Entity<VisitRequest>(e =>
        {
            e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
            e.HasIndex(r => new { r.TenantId, r.EmployeeId, r.State });
            e.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            e.PrimitiveCollection(r => r.Situations);
            e.Property(r => r.Comment).HasMaxLength(VisitRules.CommentMaxLength);
            e.Property(r => r.InterpreterLanguage).HasMaxLength(VisitRules.LanguageMaxLength);
            e.Property(r => r.ClosingReason).HasMaxLength(300);
            e.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId);
            // Restrict: SQL Server refuses a second cascade path from the company through the employee.
            e.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Declaration>(e =>
        {
            e.HasIndex(d => new { d.TenantId, d.CompanyId, d.Year }).IsUnique();
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId);
        });

        // OpenIddict's applications, authorizations, scopes and tokens. They belong to no tenant: a
        // token names its tenant through its issuer (the tenant host) and its tenant claim.
        b.UseOpenIddict();

        TenantIsolation.ApplyTenantFilters(b, () => TenantId);
        TenantIsolation.EnsureUniqueIndexesIncludeTenant(b);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantIsolation.EnforceOnSave(ChangeTracker, TenantId, platformScope);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantIsolation.EnforceOnSave(ChangeTracker, TenantId, platformScope);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
