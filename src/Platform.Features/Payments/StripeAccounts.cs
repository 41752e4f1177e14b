using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Stripe;

namespace Platform.Features.Payments;

/// <summary>The Stripe account a tenant's payments go through: keys, webhook secret and API address.</summary>
public sealed record StripeAccount(string SecretKey, string WebhookSecret, string? ApiBase);

/// <summary>
/// Stripe accounts from configuration: <c>Payments:Stripe:SecretKey</c>, <c>:WebhookSecret</c>, <c>:ApiBase</c> for the
/// deployment, and <c>Payments:Stripe:Tenants:{slug}:…</c> for a tenant with its own account (each value it sets wins).
/// No secret key: online payment is not configured, and the portal says so.
/// </summary>
public sealed class StripeAccounts(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<StripeAccount, IStripeClient> clients = new();

    public StripeAccount? For(string tenantSlug)
    {
        var deployment = configuration.GetSection("Payments:Stripe");
        var own = deployment.GetSection("Tenants").GetSection(tenantSlug);
        string? Value(string key) => own[key] is { Length: > 0 } v ? v : deployment[key] is { Length: > 0 } d ? d : null;
        var secretKey = Value("SecretKey");
        return secretKey is null ? null : new StripeAccount(secretKey, Value("WebhookSecret") ?? "", Value("ApiBase"));
    }

    /// <summary>One client per account (its HTTP connections are reused).</summary>
    public IStripeClient ClientFor(StripeAccount account) =>
        clients.GetOrAdd(account, a => new StripeClient(a.SecretKey, apiBase: a.ApiBase));
}
