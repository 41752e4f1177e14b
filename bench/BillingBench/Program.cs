using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Tenancy;

// Issue 12's benchmark, printed, not asserted:
//  1. the annual billing run of 2026 for N companies spread over the four tenants (target: < 60 s for 100,000),
//     each with a filed declaration and one billing contact (so each invoice is also an e-mail in the outbox);
//     then the same runs again (nothing to issue);
//  2. 1,000 invoice PDFs rendered one after another (target: p95 < 50 ms).
// Usage: dotnet run -c Release --project bench/BillingBench -- [companies, default 100000]
var companies = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var root = FindRoot();
var dir = Directory.CreateTempSubdirectory("billing-bench-").FullName;
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Sqlite",
    ["ConnectionStrings:Platform"] = $"Data Source={Path.Combine(dir, "bench.db")}",
    ["Email:Transport"] = "Files",
}).Build();
var services = new ServiceCollection();
services.AddLogging();
var tenancy = new TenancyOptions { ConfigDirectory = Path.Combine(root, "tenants", "config"), AssetsDirectory = Path.Combine(root, "tenants", "assets") };
services.AddSingleton(tenancy);
var catalog = TenantCatalog.Load(tenancy);
services.AddSingleton(catalog);
services.AddScoped<TenantContext>();
services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
services.AddPlatformPersistence(DatabaseSettings.From(config, dir));
services.AddPlatformFeatures();
services.AddPlatformEmail(EmailSettings.From(config, dir));
await using var provider = services.BuildServiceProvider();
var clock = provider.GetRequiredService<TimeProvider>();

await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
}

Console.WriteLine($"Seeding {companies:N0} companies with declarations and a billing contact over {catalog.All.Count} tenants…");
var seed = Stopwatch.StartNew();
var perTenant = companies / catalog.All.Count;
foreach (var tenant in catalog.All)
{
    await using var scope = provider.CreateTenantScope(tenant);
    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var contact = new User { Email = $"factures@{tenant.Slug}.bench", NormalizedEmail = User.Normalize($"factures@{tenant.Slug}.bench"), FirstName = "Compta", LastName = "Bench", CreatedAt = clock.GetUtcNow() };
    // People are platform rows (IdentityDb), the memberships the tenant's.
    var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
    identity.Users.Add(contact);
    await identity.SaveChangesAsync();
    for (var n = 0; n < perTenant; n++)
    {
        var company = new Company { MemberNumber = $"B{n:000000}", Name = $"Entreprise {n}", Siret = "73282932000074", CreatedAt = clock.GetUtcNow().AddYears(-2) };
        db.Companies.Add(company);
        db.Declarations.Add(new Declaration { CompanyId = company.Id, Year = 2026, Headcount = 1 + n % 40, Status = DeclarationStatus.Submitted });
        db.Memberships.Add(new Membership { UserId = contact.Id, CompanyId = company.Id, Roles = [CompanyRoles.Billing], CreatedAt = clock.GetUtcNow() });
        if ((n + 1) % 5000 == 0 || n == perTenant - 1)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
Console.WriteLine($"Seeded in {seed.Elapsed.TotalSeconds:0.0} s");

foreach (var pass in new[] { "run", "rerun" })
{
    var total = Stopwatch.StartNew();
    var issued = 0;
    foreach (var tenant in catalog.All)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = provider.CreateTenantScope(tenant);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
        var runs = scope.ServiceProvider.GetRequiredService<BillingRuns>();
        var period = BillingPeriod.Containing(BillingRuns.CycleOf(BillingRunKind.Contribution, tenant.FileRules), new DateOnly(2026, 11, 23)).Key;
        var before = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.CountAsync();
        var outcome = await runs.StartAsync(BillingRunKind.Contribution, period);
        var after = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.CountAsync();
        issued += after - before;
        Console.WriteLine($"  {pass} {tenant.Slug,-11} {period,-8} {after - before,7:N0} invoices in {watch.Elapsed.TotalSeconds,6:0.0} s {(outcome.Errors.Count > 0 ? outcome.Errors[0].Message : "")}");
    }
    Console.WriteLine($"Billing {pass}: {issued:N0} invoices for {companies:N0} companies in {total.Elapsed.TotalSeconds:0.0} s (target < 60 s)");
}

await using (var scope = provider.CreateTenantScope(catalog.All.First(t => t.Slug == "sst68")))
{
    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
    var rules = catalog.All.First(t => t.Slug == "sst68").FileRules;
    var invoices = await db.Invoices.AsNoTracking().OrderBy(i => i.Sequence).Take(1000).ToListAsync();
    var ids = invoices.Select(i => i.Id).ToList();
    var lines = (await db.InvoiceLines.AsNoTracking().Where(l => ids.Contains(l.InvoiceId)).ToListAsync()).ToLookup(l => l.InvoiceId);
    var schedule = (await db.InvoiceInstalments.AsNoTracking().Where(s => ids.Contains(s.InvoiceId)).ToListAsync()).ToLookup(s => s.InvoiceId);
    var models = invoices.Select(i => new InvoicePdfModel(rules, $"Entreprise {i.Sequence}", "B000001", "73282932000074",
        new PostalAddress("1 rue de la Gare", null, "68100", "Mulhouse"),
        new InvoiceView(i.Id, i.CompanyId, i.Number, i.Kind, i.IssuedOn, i.DueOn, i.Label, i.TotalExclTax, i.Vat, i.TotalInclTax,
            schedule[i.Id].OrderBy(s => s.Position).Select(s => new InstalmentView(s.DueOn, s.Amount, s.PaidOn)).ToList(), i.VatPercent),
        lines[i.Id].OrderBy(l => l.Position).ToList(), null)).ToList();
    InvoicePdfRenderer.Render(models[0]); // fonts loaded once per process
    var times = new List<double>();
    long bytes = 0;
    foreach (var model in models)
    {
        var watch = Stopwatch.StartNew();
        bytes += InvoicePdfRenderer.Render(model).Length;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"Invoice PDF: {times.Count:N0} renders, p50 {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms, max {times[^1]:0.0} ms, {bytes / times.Count / 1024.0:0} KiB each (target p95 < 50 ms)");
}
try { Directory.Delete(dir, recursive: true); } catch (IOException) { }

static string FindRoot()
{
    var d = new DirectoryInfo(AppContext.BaseDirectory);
    while (d is not null && !File.Exists(Path.Combine(d.FullName, "Platform.sln"))) d = d.Parent;
    return d?.FullName ?? throw new InvalidOperationException("Run from the repository.");
}
