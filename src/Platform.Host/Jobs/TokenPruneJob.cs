using OpenIddict.Abstractions;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Jobs;

/// <summary>
/// Removes expired or revoked tokens and authorizations older than two weeks (OpenIddict.Quartz is not
/// available here). Tokens belong to no tenant, so the job runs in an explicit platform scope.
/// </summary>
public sealed class TokenPruneJob(IServiceProvider services, TimeProvider time) : IJob
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);
    private static readonly JobKey Key = new("token-prune", "platform");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await PruneAsync(services, time.GetUtcNow() - KeepFor, cancellationToken);

    public static async Task<(long Tokens, long Authorizations)> PruneAsync(IServiceProvider services, DateTimeOffset threshold, CancellationToken ct = default)
    {
        await using var scope = services.CreatePlatformScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        return (tokens, authorizations);
    }

    public static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<TokenPruneJob>(j => j.WithIdentity(Key).DisallowConcurrentExecution().RequestRecovery());
        quartz.AddTrigger(t => t.ForJob(Key).WithIdentity("token-prune", "platform")
            .StartAt(DateTimeOffset.UtcNow.AddMinutes(5))
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromHours(6)).RepeatForever()));
    }
}
