using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Bearer requests authenticate here first: a token this node has already validated (OpenIddict:
/// signature, issuer, lifetime) is taken again as it was, until it expires, without parsing it nor
/// checking its RSA signature on every request (a fifth of a signed-in request's CPU). The key is the
/// exact token text and the host it was presented to (the issuer is the tenant host), so nothing but a
/// byte-identical token on the same host is ever accepted from memory; anything else, and any token
/// past its expiry by either clock, goes to OpenIddict, whose verdict stands. Revocation is unchanged:
/// access tokens were already checked from their signature alone and live 5 minutes (TokenServer).
/// Challenges and forbids are OpenIddict's.
/// </summary>
public sealed class ValidatedBearerTokens(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    BearerTokenMemory memory, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlatformBearer";

    public static void Configure(AuthenticationSchemeOptions o)
    {
        o.ForwardChallenge = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        o.ForwardForbid = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = $"{Request.Scheme}://{Request.Host}{Request.PathBase}\n{Request.Headers.Authorization}";
        if (memory.TryGet(key, Now(), out var known))
            return AuthenticateResult.Success(new AuthenticationTicket(known.Principal.Clone(), known.Properties.Clone(), SchemeName));

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (result.Succeeded && result.Properties.ExpiresUtc is { } expires)
            memory.Remember(key, new BearerTokenMemory.Entry(result.Principal.Clone(), result.Properties.Clone(), expires));
        return result;
    }

    /// <summary>The later of the business clock (tests move it) and the system clock: an entry expires by whichever says so first.</summary>
    private DateTimeOffset Now()
    {
        var business = clock.GetUtcNow();
        var system = TimeProvider.System.GetUtcNow();
        return business > system ? business : system;
    }
}

/// <summary>The tokens validated on this node, at most 10,000 and none past its expiry (5 minutes at most).</summary>
public sealed class BearerTokenMemory : IDisposable
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public sealed record Entry(ClaimsPrincipal Principal, AuthenticationProperties Properties, DateTimeOffset Expires);

    public bool TryGet(string key, DateTimeOffset now, out Entry entry)
    {
        if (cache.TryGetValue(key, out Entry? found) && found is not null && now < found.Expires)
        {
            entry = found;
            return true;
        }
        if (found is not null) cache.Remove(key);
        entry = null!;
        return false;
    }

    public void Remember(string key, Entry entry)
    {
        var lifetime = entry.Expires - TimeProvider.System.GetUtcNow();
        if (lifetime <= TimeSpan.Zero) return;
        cache.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime < MaxLifetime ? lifetime : MaxLifetime });
    }

    public void Dispose() => cache.Dispose();
}
