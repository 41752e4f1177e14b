using Platform.Features.Notifications;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>Delivers one tenant's queued e-mails. One job per tenant: the tenant is its group and its data.</summary>
public sealed class OutboxDeliveryJob(IServiceProvider services) : IJob
{
    public const string Name = "outbox-delivery";
    public const string TenantKey = "tenant";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(TenantKey) ?? throw new JobExecutionException("Job sans tenant");
        await using var scope = services.CreateTenantScope(slug);
        await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(cancellationToken);
    }

    public static void Schedule(IQuartzBuilder quartz, IEnumerable<Tenant> tenants, int intervalSeconds)
    {
        foreach (var tenant in tenants)
        {
            var key = new JobKey(Name, tenant.Slug);
            quartz.AddJob<OutboxDeliveryJob>(j => j.WithIdentity(key).UsingJobData(TenantKey, tenant.Slug).DisallowConcurrentExecution().RequestRecovery());
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity(Name, tenant.Slug).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(intervalSeconds)).RepeatForever()));
        }
    }
}
