using Platform.Features.PendingChanges;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// Applies one tenant's accepted employer changes whose day has come (sst68: the day after staff
/// validation). Every 15 minutes, so a change takes effect early in its day whatever the hour of validation.
/// </summary>
public sealed class PendingChangesJob(IServiceProvider services) : IJob
{
    public const string Name = "pending-changes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(JobScheduling.TenantKey) ?? throw new JobExecutionException("Job sans tenant");
        await using var scope = services.CreateTenantScope(slug);
        await scope.ServiceProvider.GetRequiredService<PendingChanges>().ApplyDueAsync(cancellationToken);
    }

    public static void Schedule(IQuartzBuilder quartz, IEnumerable<Tenant> tenants)
    {
        foreach (var tenant in tenants)
        {
            var key = new JobKey(Name, tenant.Slug);
            quartz.AddJob<PendingChangesJob>(j => j.WithIdentity(key).UsingJobData(JobScheduling.TenantKey, tenant.Slug).DisallowConcurrentExecution().RequestRecovery());
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity(Name, tenant.Slug).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
        }
    }
}
