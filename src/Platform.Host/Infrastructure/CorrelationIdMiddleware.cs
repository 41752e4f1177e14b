using System.Text.RegularExpressions;
using Serilog.Context;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Gives every request a correlation id (the caller's X-Correlation-Id when well-formed), echoed in
/// the response and carried by every log line of the request and by error messages.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")] private static partial Regex Acceptable();

    public async Task InvokeAsync(HttpContext http)
    {
        var incoming = http.Request.Headers[Header].ToString();
        var id = Acceptable().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        http.TraceIdentifier = id;
        // Set when the response starts: the exception handler clears headers set earlier.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", id))
            await next(http);
    }
}
