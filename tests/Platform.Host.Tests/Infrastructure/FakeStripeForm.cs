using System.Text.Json.Nodes;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// Stripe's request encoding read back: <c>a[b][0][c]=v</c> form fields (Stripe.net's encoding of its options)
/// become nested JSON, where keys that are all numbers make an array. Every value stays a string, as sent.
/// </summary>
public static class FakeStripeForm
{
    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in fields)
        {
            var path = Split(key);
            var node = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (!node.TryGetValue(path[i], out var child) || child is not Dictionary<string, object> next)
                    node[path[i]] = next = new Dictionary<string, object>();
                node = next;
            }
            node[path[^1]] = value;
        }
        return (JsonObject)ToJson(root)!;
    }

    private static List<string> Split(string key)
    {
        var open = key.IndexOf('[');
        if (open < 0) return [key];
        var parts = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) break;
            parts.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }
        return parts;
    }

    private static JsonNode? ToJson(object value)
    {
        if (value is string s) return JsonValue.Create(s);
        var map = (Dictionary<string, object>)value;
        if (map.Count > 0 && map.Keys.All(k => int.TryParse(k, out _)))
            return new JsonArray(map.OrderBy(p => int.Parse(p.Key)).Select(p => ToJson(p.Value)).ToArray());
        var result = new JsonObject();
        foreach (var (k, v) in map) result[k] = ToJson(v);
        return result;
    }
}
