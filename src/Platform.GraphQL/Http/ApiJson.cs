using System.Text.Encodings.Web;
using System.Text.Json;

namespace Platform.GraphQL.Http;

/// <summary>
/// How every JSON answer of the API writes text: French as it is (« é », not « \u00e9 »), the same in GraphQL
/// results, in request errors and in the host's own JSON answers (token refusals, documents, webhooks). The
/// answers are application/json, never HTML: the relaxed encoder's characters are safe there.
/// </summary>
public static class ApiJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Web defaults (camelCase) with that encoder.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = Encoder };
}
