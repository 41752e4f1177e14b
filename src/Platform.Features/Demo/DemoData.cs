using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Tenancy;

namespace Platform.Features.Demo;

/// <summary>
/// Demo accounts and companies for a development machine (README, "Comptes de démonstration").
/// Idempotent: what exists already is left as it is.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo-2026!";
    public const string AccountantEmail = "accountant@demo.fr";
    /// <summary>Authenticator secret of every demo staff and administrator account (README): add it to an authenticator app.</summary>
    public const string StaffTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>The demo member number of each seed tenant, in that tenant's own numbering.</summary>
    public static readonly IReadOnlyDictionary<string, (string Demo, string Client)> MemberNumbers = new Dictionary<string, (string, string)>
    {
        ["sst68"] = ("680001", "680002"),
        ["sstrn"] = ("101.1", "102.1"),
        ["sist-on"] = ("ON0001", "ON0002"),
        ["sstbtp-bfc"] = ("250001", "250002"),
    };

    /// <summary>What the contributions count when the demo is seeded without its workforce (tests only).</summary>
    private const int NoWorkforceHeadcount = 9;

    // Every demo account has the same documented password: hash it once per process (PBKDF2 is slow on purpose).
    private static readonly Lazy<string> DemoPasswordHash = new(() => Passwords.Hash(Password));

    public static Task SeedAsync(IServiceProvider services, CancellationToken ct = default) => SeedAsync(services, workforce: true, ct);

    /// <summary>
    /// Without <paramref name="workforce"/>, the companies have no workstation and no employee (and their
    /// contributions count nine): for tests of what an employer's first workstations and employees do.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, bool workforce, CancellationToken ct = default)
    {
        var catalog = services.GetRequiredService<TenantCatalog>();
        var time = services.GetRequiredService<TimeProvider>();
        var totp = services.GetRequiredService<TotpCodes>();
        var index = 0;
        foreach (var tenant in catalog.All)
        {
            index++;
            if (!MemberNumbers.TryGetValue(tenant.Slug, out var numbers))
                numbers = ($"{index:00}0001", $"{index:00}0002");
            await using var scope = services.CreateTenantScope(tenant);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var now = time.GetUtcNow();

            var demo = await CompanyAsync(db, numbers.Demo, $"Entreprise Démo {tenant.FileRules.DisplayName}", index * 2, now, ct);
            var client = await CompanyAsync(db, numbers.Client, $"Client Cabinet Démo {tenant.FileRules.DisplayName}", index * 2 + 1, now, ct);

            var employer = await UserAsync(identity, $"employer@{tenant.Slug}.demo", "Émilie", "Employeur", tenant, now, ct);
            var staff = await UserAsync(identity, $"staff@{tenant.Slug}.demo", "Sophie", "Service-Adhérents", tenant, now, ct);
            var admin = await UserAsync(identity, $"admin@{tenant.Slug}.demo", "Antoine", "Administrateur", tenant, now, ct);
            var accountant = await UserAsync(identity, AccountantEmail, "Claire", "Comptable", tenant, now, ct);

            await MembershipAsync(db, employer, demo, [CompanyRoles.Administrator], now, ct);
            await MembershipAsync(db, accountant, client, [CompanyRoles.Billing, CompanyRoles.Declaration, CompanyRoles.ReadOnly], now, ct);
            await StaffAsync(db, staff, StaffRole.Staff, totp, ct);
            await StaffAsync(db, admin, StaffRole.Administrator, totp, ct);
            // Member-number tenants sign in with the company's number (sst68, sstbtp-bfc).
            if (tenant.FileRules.Login.Identifier == Tenancy.Rules.LoginIdentifier.MemberNumber)
            {
                await LoginNameAsync(db, numbers.Demo, employer, ct);
                await LoginNameAsync(db, numbers.Client, accountant, ct);
            }
            // People first, in the platform database; then the tenant's rows, maybe in its own.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);

            // Their workforce, then the contributions that count it.
            var nirs = scope.ServiceProvider.GetRequiredService<Employees.EmployeeNir>();
            var department = DemoWorkforce.DepartmentOf(tenant.Slug);
            if (workforce)
            {
                await DemoWorkforce.SeedAsync(db, nirs, tenant.Slug, demo, DemoWorkforce.DemoCompanyEmployees, index * 2, department, time.Today(), now, ct);
                await DemoWorkforce.SeedAsync(db, nirs, tenant.Slug, client, DemoWorkforce.ClientCompanyEmployees, index * 2 + 1, department, time.Today(), now, ct);
            }

            // The demo's contributions are issued as the service's billing would: as the platform.
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var invoices = scope.ServiceProvider.GetRequiredService<InvoiceService>();
            await InvoicesAsync(db, invoices, demo, tenant, time.Today(), ct);
            await InvoicesAsync(db, invoices, client, tenant, time.Today(), ct);
        }
    }

    /// <summary>Last year's contribution, paid, and this year's, still to pay, split as the tenant bills it; each counts the workforce of its 1 January.</summary>
    private static async Task InvoicesAsync(PlatformDbContext db, InvoiceService invoices, Company company, Tenant tenant, DateOnly today, CancellationToken ct)
    {
        if (await db.Invoices.AnyAsync(i => i.CompanyId == company.Id, ct)) return;
        var starts = await db.Employees.Where(e => e.CompanyId == company.Id && e.EndDate == null).Select(e => e.StartDate).ToListAsync(ct);
        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            // A year's contribution counts the employees present on its first day.
            var headcount = starts.Count == 0 ? NoWorkforceHeadcount : Math.Max(1, starts.Count(s => s <= new DateOnly(year, 1, 1)));
            var rate = tenant.FileRules.RatesFor(year) ?? tenant.FileRules.Rates[^1];
            var issuedOn = new DateOnly(year, 1, 31);
            var count = Math.Max(1, tenant.FileRules.Billing.Instalments);
            var dueDates = Enumerable.Range(1, count).Select(n => issuedOn.AddMonths(count == 1 ? 1 : 3 * n)).ToList();
            var invoice = (await invoices.IssueAsync(new InvoiceDraft(company.Id, $"Cotisation {year} — {headcount} salarié{(headcount > 1 ? "s" : "")}", issuedOn,
                headcount * rate.PerEmployee, rate.VatPercent, dueDates), ct)).Value;
            if (year < today.Year && invoice is not null)
                for (var n = 0; n < count; n++) await invoices.RecordPaymentAsync(invoice.Id, dueDates[n], ct);
        }
    }

    private static async Task<Company> CompanyAsync(PlatformDbContext db, string memberNumber, string name, int n, DateTimeOffset now, CancellationToken ct)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.MemberNumber == memberNumber, ct);
        if (company is not null) return company;
        var siren = Identifiers.WithLuhnKey($"9{n:0000000}");
        company = new Company
        {
            MemberNumber = memberNumber, Name = name, Siret = Identifiers.WithLuhnKey(siren + "0001"),
            LegalForm = "SAS", NafCode = "4332B", CreatedAt = now,
        };
        db.Companies.Add(company);
        return company;
    }

    private static async Task<User> UserAsync(IdentityDb identity, string email, string first, string last,
        Tenant tenant, DateTimeOffset now, CancellationToken ct)
    {
        var normalized = User.Normalize(email);
        var user = identity.Users.Local.SingleOrDefault(u => u.NormalizedEmail == normalized)
                   ?? await identity.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is not null) return user;
        user = new User { Email = email, NormalizedEmail = normalized, FirstName = first, LastName = last, CreatedAt = now };
        // Employers of tenants that sign in with e-mailed codes have no passwords (sist-on); staff always
        // sign in with a password and an authenticator code; the accountant works everywhere.
        var staffAccount = email.StartsWith("staff@", StringComparison.Ordinal) || email.StartsWith("admin@", StringComparison.Ordinal);
        if (tenant.FileRules.Login.Proof == Tenancy.Rules.LoginProof.Password || email == AccountantEmail || staffAccount)
            user.PasswordHash = DemoPasswordHash.Value;
        identity.Users.Add(user);
        return user;
    }

    private static async Task MembershipAsync(PlatformDbContext db, User user, Company company, List<string> roles, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.CompanyId == company.Id, ct))
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = company.Id, Roles = roles, CreatedAt = now });
    }

    private static async Task LoginNameAsync(PlatformDbContext db, string memberNumber, User user, CancellationToken ct)
    {
        var identifier = LoginName.Normalize(memberNumber);
        if (!await db.LoginNames.AnyAsync(l => l.Identifier == identifier, ct))
            db.LoginNames.Add(new LoginName { Identifier = identifier, UserId = user.Id });
    }

    /// <summary>Each staff membership has its own authenticator secret; the demo's are all the documented one.</summary>
    private static async Task StaffAsync(PlatformDbContext db, User user, StaffRole role, TotpCodes totp, CancellationToken ct)
    {
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == user.Id, ct);
        if (member is null) db.StaffMembers.Add(new StaffMember { UserId = user.Id, Role = role, ProtectedTotpSecret = totp.Protect(StaffTotpSecret) });
        else member.ProtectedTotpSecret ??= totp.Protect(StaffTotpSecret);
    }
}
