using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Nodes;

namespace Platform.GraphQL.Http;

/// <summary>Requests a minute on /graphql, per client IP and per signed-in account (RateLimits:GraphQL… settings).</summary>
public sealed record GraphQLRateLimitOptions(int PerIpPerMinute, int PerAccountPerMinute);

/// <summary>
/// Per-IP and per-account limits on /graphql. A request costs one, a mutation request one per root
/// field: aliases multiply attempts, so `a: synchronizeCompany … b: synchronizeCompany …` costs two.
/// Counted across nodes without a round-trip per request: this node's counts are added to the shared
/// counters every second (BatchedWindowCounts), so spreading requests over nodes gains at most what
/// the other nodes admit in that second. The démarches' own, tighter per-account budget lives in
/// Features (DemarcheThrottle), shared with the portal.
/// </summary>
public sealed class GraphQLRateLimit(GraphQLRateLimitOptions options, ISharedCounters shared, TimeProvider time)
{
    private readonly BatchedWindowCounts counts = new(shared, time, TimeSpan.FromMinutes(1));

    /// <summary>This limit's counts, for the host's flush (BatchedWindowFlush).</summary>
    public BatchedWindowCounts Counts => counts;

    /// <summary>Null when the request may run; otherwise the French message of the 429 answer.</summary>
    public async ValueTask<string?> AdmitAsync(HttpContext http, GraphQLDocument document, string? operationName)
    {
        var cost = Cost(document, operationName);
        if (!await counts.TryAddAsync("graphql-ip|" + (http.Connection.RemoteIpAddress?.ToString() ?? "inconnu"), cost, options.PerIpPerMinute, http.RequestAborted))
            return "Trop de requêtes depuis cette adresse : réessayez dans une minute.";
        if (http.User.FindFirst(PlatformClaims.Subject)?.Value is { } account
            && !await counts.TryAddAsync("graphql-account|" + account, cost, options.PerAccountPerMinute, http.RequestAborted))
            return "Trop de requêtes pour ce compte : réessayez dans une minute.";
        return null;
    }

    /// <summary>One for a query; for a mutation, its root fields (aliases and fragments included). Several operations without a name: all of them.</summary>
    public static int Cost(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var chosen = operationName is null ? operations : operations.Where(o => o.Name?.StringValue == operationName).ToList();
        if (chosen.Count == 0) chosen = operations;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());
        var cost = 0;
        foreach (var operation in chosen)
            cost += operation.Operation == OperationType.Mutation ? Math.Max(1, RootFields(operation.SelectionSet, fragments, [])) : 1;
        return Math.Max(1, cost);
    }

    private static int RootFields(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> seen)
    {
        if (set is null) return 0;
        var count = 0;
        foreach (var selection in set.Selections)
            count += selection switch
            {
                GraphQLField => 1,
                GraphQLInlineFragment inline => RootFields(inline.SelectionSet, fragments, seen),
                // A fragment spread at the root counts its fields each time it is spread; a cycle (invalid anyway) counts once.
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                    && seen.Add(spread.FragmentName.Name.StringValue) => Spread(fragment, fragments, seen, spread.FragmentName.Name.StringValue),
                _ => 0,
            };
        return count;
    }

    private static int Spread(GraphQLFragmentDefinition fragment, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> seen, string name)
    {
        var count = RootFields(fragment.SelectionSet, fragments, seen);
        seen.Remove(name);
        return count;
    }
}

public static class GraphQLRateLimitSetup
{
    /// <summary>The limits, counted in one-minute windows flushed to the shared counters (BatchedWindowFlush, registered by the host).</summary>
    public static IServiceCollection AddGraphQLRateLimit(this IServiceCollection services, GraphQLRateLimitOptions options) =>
        services.AddSingleton(options)
            .AddSingleton<GraphQLRateLimit>()
            .AddSingleton(sp => sp.GetRequiredService<GraphQLRateLimit>().Counts);
}
