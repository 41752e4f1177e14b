using Platform.Features.Access;
using Platform.Features.Payments.Sepa;
using Platform.Features.Regulation;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// Every morning, per tenant and in its scope: the SEPA round (pre-notifications N days before, debits on
/// the due date). Idempotent: a second firing the same day finds every instalment's debit row and does nothing.
/// </summary>
public sealed class SepaDebitsJob(IServiceProvider services, ILogger<SepaDebitsJob> log) : IJob
{
    public const string Name = "sepa-debits";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slug = context.MergedJobDataMap.GetString(JobScheduling.TenantKey) ?? throw new JobExecutionException("Job sans tenant");
        var round = await RunAsync(services, slug, cancellationToken);
        log.LogInformation("SEPA round of {Tenant}: {Announced} announced, {Submitted} presented, {ToCollect} to collect, {Cancelled} cancelled",
            slug, round.Announced, round.Submitted, round.ToCollect, round.Cancelled);
    }

    public static async Task<SepaDebitRound> RunAsync(IServiceProvider services, string slug, CancellationToken ct = default)
    {
        await using var scope = services.CreateTenantScope(slug);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
        return await scope.ServiceProvider.GetRequiredService<SepaDebits>().RunAsync(ct);
    }

    public static void Schedule(IQuartzBuilder quartz, IEnumerable<Tenant> tenants)
    {
        foreach (var tenant in tenants)
        {
            var key = new JobKey(Name, tenant.Slug);
            quartz.AddJob<SepaDebitsJob>(j => j.WithIdentity(key).UsingJobData(JobScheduling.TenantKey, tenant.Slug).DisallowConcurrentExecution().RequestRecovery());
            // 6 a.m. in Paris: the day's notices are in the inbox by morning, the debits presented the same day.
            quartz.AddTrigger(t => t.ForJob(key).WithIdentity(Name, tenant.Slug)
                .WithCronSchedule("0 0 6 * * ?", c => c.InTimeZone(FrenchTime.Paris)));
        }
    }
}
