using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Per-IP limit on the sign-in doors: the token endpoint and the portal's sign-in, code and
/// password-reset pages ([EnableRateLimiting(Policy)]). The per-account limit lives in Features.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static void AddSignInRateLimit(this IServiceCollection services, int perIpPerMinute)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "inconnu",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perIpPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync("Trop de tentatives de connexion depuis cette adresse : réessayez dans une minute.", ct);
            };
        });
    }
}
