using Platform.Features.Nodes;

namespace Platform.Host.Infrastructure;

/// <summary>
/// What every node of the platform must see alike (README « Plusieurs nœuds »): the rules' change
/// counters, polled (Platform:ChangePollMilliseconds, 1 s), and the rate-limit counts batched to the
/// shared counters (RateLimits:SharedFlushMilliseconds, 1 s).
/// </summary>
public static class NodeSharing
{
    public static void AddNodeSharing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new RuleChangePollingOptions(TimeSpan.FromMilliseconds(configuration.GetValue("Platform:ChangePollMilliseconds", 1000))));
        services.AddHostedService<RuleChangePolling>();
        services.AddSingleton(new BatchedWindowFlushOptions(TimeSpan.FromMilliseconds(configuration.GetValue("RateLimits:SharedFlushMilliseconds", 1000))));
        services.AddHostedService<BatchedWindowFlush>();
    }
}
