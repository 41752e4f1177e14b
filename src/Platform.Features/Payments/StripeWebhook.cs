using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Stripe;

namespace Platform.Features.Payments;

public enum WebhookAnswer { Applied, AlreadyApplied, Ignored, BadSignature, Refused }

/// <summary>One kind of Stripe event applied to a tenant (one small class per event type; SEPA debits add theirs).</summary>
public interface IStripeEventHandler
{
    string EventType { get; }

    /// <summary>Runs in the tenant's scope and transaction; the event is marked applied in the same unit of work.</summary>
    Task HandleAsync(Event stripeEvent, CancellationToken ct);
}

/// <summary>
/// Stripe's webhook (POST /api/stripe/webhook): the signature is checked with the webhook secret of the account
/// the event's tenant uses (and a 5-minute tolerance) before anything happens; the tenant named in the metadata
/// is then the scope everything runs in, so an invoice of another tenant is simply not found there (DESIGN.md 3).
/// Each event applies once per tenant: its id is stored in the same transaction as its effect.
/// </summary>
public sealed class StripeWebhook(IServiceProvider services, TenantCatalog catalog, StripeAccounts accounts, TimeProvider time, ILogger<StripeWebhook> logger)
{
    public const long ToleranceSeconds = 300;

    /// <param name="requestTenant">The tenant of the host the event came to, if any: an event of another tenant is refused there.</param>
    public async Task<WebhookAnswer> ReceiveAsync(string payload, string? signature, Tenant? requestTenant, CancellationToken ct = default)
    {
        // Read the tenant before trusting anything: it only chooses which account's secret must have signed the payload.
        var slug = TenantOf(payload);
        var tenant = slug is null ? null : catalog.FindBySlug(slug);
        var account = tenant is not null ? accounts.For(tenant.Slug) : requestTenant is not null ? accounts.For(requestTenant.Slug) : accounts.For("");
        if (account is null || string.IsNullOrEmpty(account.WebhookSecret) || string.IsNullOrEmpty(signature)) return WebhookAnswer.BadSignature;
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature, account.WebhookSecret, ToleranceSeconds,
                time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return WebhookAnswer.BadSignature;
        }
        catch (JsonException)
        {
            return WebhookAnswer.BadSignature;
        }

        if (tenant is null)
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) names no tenant of ours: ignored", stripeEvent.Id, stripeEvent.Type);
            return WebhookAnswer.Ignored;
        }
        if (requestTenant is not null && requestTenant != tenant)
        {
            logger.LogWarning("Stripe event {EventId} for tenant {Tenant} came to the host of {Host}: refused", stripeEvent.Id, tenant.Slug, requestTenant.Slug);
            return WebhookAnswer.Refused;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = services.CreateTenantScope(tenant);
            // Several handlers may share an event type (a PaymentIntent settles a card payment or a SEPA debit): all run, in one transaction.
            var handlers = scope.ServiceProvider.GetServices<IStripeEventHandler>().Where(h => h.EventType == stripeEvent.Type).ToList();
            if (handlers.Count == 0) return WebhookAnswer.Ignored;
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            if (await db.ProcessedStripeEvents.AnyAsync(e => e.EventId == stripeEvent.Id, ct)) return WebhookAnswer.AlreadyApplied;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                foreach (var handler in handlers) await handler.HandleAsync(stripeEvent, ct);
                db.ProcessedStripeEvents.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = time.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return WebhookAnswer.Applied;
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(ct);
                // The same event delivered twice at once: the other delivery applied it, this one changes nothing.
                if (await AppliedMeanwhileAsync(tenant, stripeEvent.Id, ct)) return WebhookAnswer.AlreadyApplied;
                // Another payment of the same instalment confirmed at the same moment (its unique « paid »): applied again, it now
                // finds the instalment paid and records this payment as one to refund.
                if (attempt >= 2) throw;
            }
        }
    }

    private async Task<bool> AppliedMeanwhileAsync(Tenant tenant, string eventId, CancellationToken ct)
    {
        await using var scope = services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ProcessedStripeEvents.AnyAsync(e => e.EventId == eventId, ct);
    }

    /// <summary>data.object.metadata.tenant of the payload, or null (not JSON, no metadata).</summary>
    internal static string? TenantOf(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("object", out var obj)
                   && obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                   && metadata.TryGetProperty(StripeMetadata.Tenant, out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
