using System.Text.Json.Serialization;
namespace Platform.GraphQL.Http;

public sealed record GraphQLErrorResponse(IReadOnlyList<GraphQLErrorBody> Errors);
public sealed record GraphQLErrorBody(string Message, GraphQLErrorExtensions Extensions);
public sealed record GraphQLErrorExtensions(string Code);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GraphQLErrorResponse))]
internal sealed partial class GraphQLJsonContext : JsonSerializerContext;
