using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Features.Access;

namespace Platform.GraphQL.Http;

/// <summary>
/// Maps exceptions thrown by resolvers: access denials become UNAUTHENTICATED / FORBIDDEN errors;
/// anything else is a bug, logged with the request's correlation id and returned without internals.
/// </summary>
public static class GraphQLErrors
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string Internal = "INTERNAL_SERVER_ERROR";
    /// <summary>A service (tenant) whose database does not answer: partial data, the others still read.</summary>
    public const string TenantUnavailable = "TENANT_UNAVAILABLE";

    public static Task HandleAsync(UnhandledExceptionContext context)
    {
        if (context.OriginalException is AccessDeniedException denied)
        {
            context.Exception = new ExecutionError(denied.Message)
            {
                Code = denied.Denial == AccessDenial.Unauthenticated ? Unauthenticated : Forbidden,
            };
            return Task.CompletedTask;
        }
        if (context.OriginalException is OperationCanceledException) return Task.CompletedTask;

        var services = context.ExecutionOptions.RequestServices;
        var correlationId = services?.GetService<IHttpContextAccessor>()?.HttpContext?.TraceIdentifier ?? "-";
        services?.GetService<ILoggerFactory>()?.CreateLogger("Platform.GraphQL")
            .LogError(context.OriginalException, "Unhandled GraphQL error in field {Field} (correlation {CorrelationId})",
                context.FieldContext?.FieldDefinition.Name, correlationId);
        context.Exception = new ExecutionError($"Une erreur interne est survenue. Référence : {correlationId}.") { Code = Internal };
        return Task.CompletedTask;
    }
}
