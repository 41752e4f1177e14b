using Microsoft.AspNetCore.RateLimiting;
using Platform.Features.Nodes;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Per-IP limit on the sign-in doors: the token endpoint and the portal's sign-in, code and
/// password-reset pages ([EnableRateLimiting(Policy)] names them). Counted in one-minute windows of
/// the shared counters, one round-trip per request to those doors, so that every node counts the same
/// requests. The per-account limit lives in Features (SignInThrottle).
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public sealed record Options(int PerIpPerMinute);

    public static void AddSignInRateLimit(this IServiceCollection services, int perIpPerMinute) =>
        services.AddSingleton(new Options(perIpPerMinute));

    public static void UseSignInRateLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not { PolicyName: Policy })
        {
            await next(http);
            return;
        }
        var services = http.RequestServices;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "inconnu";
        var window = FixedWindow.Add("signin-ip|" + address, 1, TimeSpan.FromMinutes(1), services.GetRequiredService<TimeProvider>().GetUtcNow());
        var count = await services.GetRequiredService<ISharedCounters>().AddAsync([window], http.RequestAborted);
        if (count[0] <= services.GetRequiredService<Options>().PerIpPerMinute)
        {
            await next(http);
            return;
        }
        var response = http.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Trop de tentatives de connexion depuis cette adresse : réessayez dans une minute.", http.RequestAborted);
    });
}
