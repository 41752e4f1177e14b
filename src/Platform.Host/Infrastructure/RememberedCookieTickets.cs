using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The portal cookie's ticket, decrypted once per node: every signed-in page decrypted and
/// deserialised the same cookie again (data protection's AES and HMAC, then the ticket's claims).
/// Only what decryption gives is remembered, by the exact cookie text and the host it came to, for a
/// few minutes, at most 10,000 cookies: a byte-identical cookie decrypts to the very same ticket.
/// Everything the cookie handler decides afterwards still runs on every request, on a copy of the
/// ticket: its expiry, the tenant of the host (PortalAuthentication) and the security stamp check
/// at most a minute old (the time of the last check travels in the cookie, so a cookie that was
/// refused is refused again). Protecting a new cookie is unchanged.
/// </summary>
public sealed class RememberedCookieTickets(ISecureDataFormat<AuthenticationTicket> inner, CookieTicketMemory memory, IHttpContextAccessor http)
    : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // Outside a request (or with a purpose, which the cookie handler never passes) nothing is remembered.
        if (string.IsNullOrEmpty(protectedText) || purpose is not null || http.HttpContext?.Request is not { } request)
            return inner.Unprotect(protectedText, purpose);
        var key = $"{request.Scheme}://{request.Host}{request.PathBase}\n{protectedText}";
        if (memory.TryGet(key, out var known)) return Copy(known);
        var ticket = inner.Unprotect(protectedText, purpose);
        // A refused cookie (forged, or from keys no longer known) is not remembered: it is decrypted (and refused) each time.
        if (ticket is not null) memory.Remember(key, Copy(ticket));
        return ticket;
    }

    /// <summary>The handler and PortalAuthentication change the ticket's properties (the time of the stamp check): each request gets its own.</summary>
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    /// <summary>Wraps the portal cookie's ticket format once the cookie handler's own defaults are set.</summary>
    public sealed class Setup(CookieTicketMemory memory, IHttpContextAccessor http) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != PortalAuthentication.CookieScheme || options.TicketDataFormat is RememberedCookieTickets) return;
            options.TicketDataFormat = new RememberedCookieTickets(options.TicketDataFormat, memory, http);
        }
    }
}

/// <summary>The portal cookies decrypted on this node: at most 10,000, each for 5 minutes at most.</summary>
public sealed class CookieTicketMemory : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public bool TryGet(string key, out AuthenticationTicket ticket)
    {
        ticket = cache.TryGetValue(key, out AuthenticationTicket? found) ? found! : null!;
        return found is not null;
    }

    public void Remember(string key, AuthenticationTicket ticket) =>
        cache.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Dispose() => cache.Dispose();
}
