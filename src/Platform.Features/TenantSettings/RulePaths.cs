using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Features.TenantSettings;

/// <summary>Dotted paths into a tenant file ("theme.primaryColor", "rates"): the unit of an override.</summary>
public static partial class RulePaths
{
    [GeneratedRegex("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$")] private static partial Regex PathPattern();

    /// <summary>Identity and hosting stay with the platform operator's reviewed file.</summary>
    private static readonly HashSet<string> OperatorOnly = ["slug", "hosts", "connectionStringName"];

    public static string? Problem(string path) =>
        !PathPattern().IsMatch(path) ? "chemin de règle invalide (ex. theme.primaryColor)"
        : OperatorOnly.Contains(path.Split('.')[0]) ? "cette règle ne peut être changée que par l'exploitant de la plateforme"
        : null;

    /// <summary>True when <paramref name="path"/> lies strictly inside <paramref name="parent"/> ("theme.logo" in "theme").</summary>
    public static bool IsUnder(string path, string parent) => path.StartsWith(parent + ".", StringComparison.Ordinal);

    /// <summary>
    /// Overrides in the order they apply: outer rules first, so that an override of a part ("theme.logo")
    /// wins over an older one of the whole ("theme") whatever order the database returns them in.
    /// </summary>
    public static IEnumerable<(string Path, JsonNode? Value)> InApplyOrder(IEnumerable<(string Path, JsonNode? Value)> overrides) =>
        overrides.OrderBy(o => o.Path.Count(c => c == '.')).ThenBy(o => o.Path, StringComparer.Ordinal);

    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child : null;
        return node;
    }

    /// <summary>A copy of <paramref name="root"/> with each (path, value) set in order, creating objects on the way.</summary>
    public static JsonObject Apply(JsonObject root, IEnumerable<(string Path, JsonNode? Value)> values)
    {
        var copy = (JsonObject)root.DeepClone();
        foreach (var (path, value) in values)
        {
            var segments = path.Split('.');
            var parent = copy;
            foreach (var segment in segments[..^1])
            {
                if (parent[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[segment] = child;
                }
                parent = child;
            }
            parent[segments[^1]] = value?.DeepClone();
        }
        return copy;
    }
}
