using Platform.Features.Access;
using Platform.Features.DueVisits;
using Platform.Features.Regulation;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

public sealed record DueVisitsNight(DueVisitsRefreshFigures Refresh, int RequestsCreated, int EmailsQueued);

/// <summary>
/// Every night, per tenant and in its scope: refreshes who is due (« Salariés à convoquer »), creates the
/// periodicity's visit requests where the tenant's rules say so (sist-on), then e-mails each company's
/// convocation contacts the newly due. Restartable: each step redoes only what is left.
/// </summary>
public sealed class DueVisitsJob(IServiceProvider services, TenancyOptions tenancy, ILogger<DueVisitsJob> log) : IJob
{
    public const string Name = "due-visits";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(JobScheduling.TenantKey) ?? throw new JobExecutionException("Job sans tenant");
        var night = await RunAsync(services, slug, SiteOf(slug, tenancy), cancellationToken);
        log.LogInformation("Due visits of {Tenant}: {Employees} employees, {Due} due, {Added} added, {Removed} removed in {Elapsed}; {Requests} requests, {Emails} e-mails",
            slug, night.Refresh.Employees, night.Refresh.Due, night.Refresh.Added, night.Refresh.Removed, night.Refresh.Elapsed, night.RequestsCreated, night.EmailsQueued);
    }

    public static async Task<DueVisitsNight> RunAsync(IServiceProvider services, string slug, string siteUrl, CancellationToken ct = default)
    {
        await using var scope = services.CreateTenantScope(slug);
        var provider = scope.ServiceProvider;
        // The night acts for the service itself; the Features methods below require it.
        provider.GetRequiredService<CurrentUser>().ActAsPlatform();
        var refresh = await provider.GetRequiredService<DueVisitsRefresh>().RefreshTenantAsync(ct);
        // The refresh may have added many rows: the requests and the digest below look them up.
        await SqliteStatistics.RefreshAsync(provider.GetRequiredService<PlatformDbContext>(), [typeof(DueVisitEntry), typeof(Platform.Features.Visits.VisitRequest)], ct);
        var requests = await provider.GetRequiredService<PeriodicityRequests>().CreateAsync(ct);
        var emails = await provider.GetRequiredService<DueVisitDigest>().SendAsync(siteUrl, ct);
        return new(refresh, requests, emails);
    }

    /// <summary>Every tenant's night, one after the other, with the figures printed (the host's refresh-due-visits command).</summary>
    public static async Task RunEveryTenantAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        var tenancy = services.GetRequiredService<TenancyOptions>();
        var total = System.Diagnostics.Stopwatch.StartNew();
        var employees = 0;
        foreach (var tenant in services.GetRequiredService<TenantCatalog>().All)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var night = await RunAsync(services, tenant.Slug, SiteOf(tenant.Slug, tenancy), ct);
            employees += night.Refresh.Employees;
            output.WriteLine($"{tenant.Slug}: {night.Refresh.Employees} employees, {night.Refresh.Due} visits due ({night.Refresh.Added} added, {night.Refresh.Removed} removed), " +
                             $"refresh {night.Refresh.Elapsed.TotalSeconds:0.0} s; {night.RequestsCreated} requests, {night.EmailsQueued} e-mails; night {clock.Elapsed.TotalSeconds:0.0} s");
        }
        output.WriteLine($"all tenants: {employees} employees in {total.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The address of the tenant's portal for the e-mails' links: its own host, else {slug}.{domain}.</summary>
    public static string SiteOf(string slug, TenancyOptions tenancy) =>
        $"https://{slug}.{tenancy.PlatformDomain ?? "localhost"}";

    public static void Schedule(IQuartzBuilder quartz, IEnumerable<Tenant> tenants)
    {
        foreach (var tenant in tenants)
        {
            var key = new JobKey(Name, tenant.Slug);
            quartz.AddJob<DueVisitsJob>(j => j.WithIdentity(key).UsingJobData(JobScheduling.TenantKey, tenant.Slug).DisallowConcurrentExecution().RequestRecovery());
            // At 2 a.m. in Paris, when the services' day has turned; the digest is in the inbox by morning.
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity(Name, tenant.Slug)
                .WithCronSchedule("0 0 2 * * ?", c => c.InTimeZone(FrenchTime.Paris)));
        }
    }
}
