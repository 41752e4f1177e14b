using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// Bills one tenant's due periods (its cycle's current period once due, last month's temp-worker visits)
/// in the tenant's scope, as the platform. Hourly; a period already billed is skipped, and a run stopped
/// half-way is resumed by the next firing without billing anything twice (billing keys).
/// </summary>
public sealed class BillingRunJob(IServiceProvider services) : IJob
{
    public const string Name = "billing-runs";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(JobScheduling.TenantKey) ?? throw new JobExecutionException("Job sans tenant");
        await using var scope = services.CreateTenantScope(slug);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
        await scope.ServiceProvider.GetRequiredService<BillingRuns>().RunDueAsync(cancellationToken);
    }

    public static void Schedule(IQuartzBuilder quartz, IEnumerable<Tenant> tenants, int intervalMinutes)
    {
        foreach (var tenant in tenants)
        {
            var key = new JobKey(Name, tenant.Slug);
            quartz.AddJob<BillingRunJob>(j => j.WithIdentity(key).UsingJobData(JobScheduling.TenantKey, tenant.Slug).DisallowConcurrentExecution().RequestRecovery());
            // First firing one interval after start: a host that starts does not bill before it has settled.
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity(Name, tenant.Slug).StartAt(DateTimeOffset.UtcNow.AddMinutes(intervalMinutes))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(intervalMinutes)).RepeatForever()));
        }
    }
}
