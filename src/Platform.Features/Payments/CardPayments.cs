using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Billing;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;
using Stripe;
using Stripe.Checkout;
using PaymentMethod = Platform.Tenancy.Rules.PaymentMethod;

namespace Platform.Features.Payments;

/// <summary>Where the member pays: Stripe's checkout page.</summary>
public sealed record CardCheckout(string CheckoutUrl, decimal Amount);

/// <summary>Whether the portal offers card payment, and what it says when it cannot.</summary>
public sealed record CardPaymentOffer(bool CardAccepted, bool Configured)
{
    public bool Available => CardAccepted && Configured;
}

/// <summary>
/// Card payment of an invoice or one of its instalments (SPEC.md 3.8, seeds 002 and 004) where the tenant's
/// rules accept cards: a Stripe Checkout Session carrying the tenant, the invoice and the instalment in its
/// metadata. Nothing is marked paid here: the signed webhook does it (<see cref="StripeWebhook"/>).
/// </summary>
public sealed class CardPayments(
    PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache,
    StripeAccounts accounts, TimeProvider time, ILogger<CardPayments> logger)
{
    public static readonly UserError NotConfigured = new("PAYMENT_NOT_CONFIGURED",
        "Le paiement en ligne n'est pas configuré pour ce service : réglez par virement ou contactez le service.");
    public static readonly UserError CardNotAccepted = new("CARD_NOT_ACCEPTED", "Votre service ne propose pas le paiement par carte.");
    /// <summary>How long a checkout session takes payment (Stripe allows 30 minutes to 24 hours).</summary>
    public static readonly TimeSpan CheckoutLifetime = TimeSpan.FromHours(1);
    private static readonly UserError InvoiceNotFound = new("NOT_FOUND", "Cette facture n'existe pas.", "invoiceId");

    public async Task<CardPaymentOffer> OfferAsync(CancellationToken ct = default)
    {
        var tenant = tenantContext.RequireTenant();
        var rules = (await rulesCache.GetAsync(tenant)).Rules;
        return new CardPaymentOffer(rules.Payment.Methods.Contains(PaymentMethod.Card), accounts.For(tenant.Slug) is not null);
    }

    /// <summary>
    /// Opens a checkout for what remains to pay on the invoice, or for one instalment. <paramref name="portalBase"/>
    /// is the tenant's own address (scheme and host of the request), where Stripe sends the browser back.
    /// </summary>
    public async Task<Outcome<CardCheckout>> StartAsync(Guid invoiceId, Guid? instalmentId, string portalBase, CancellationToken ct = default)
    {
        var tenant = tenantContext.RequireTenant();
        currentUser.RequireUserId();
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null || !await access.CanSeeAsync(invoice.CompanyId, ct)) return InvoiceNotFound;
        await access.RequireAsync(invoice.CompanyId, Permission.PayInvoices, ct);
        var offer = await OfferAsync(ct);
        if (!offer.CardAccepted) return CardNotAccepted;
        if (!offer.Configured) return NotConfigured;
        if (invoice.Kind != InvoiceKind.Invoice) return new UserError("NOTHING_TO_PAY", "Un avoir ne se paie pas.", "invoiceId");

        var unpaid = await db.InvoiceInstalments.AsNoTracking().Where(s => s.InvoiceId == invoiceId && s.PaidOn == null).OrderBy(s => s.Position).ToListAsync(ct);
        if (instalmentId is { } one)
        {
            if (!await db.InvoiceInstalments.AnyAsync(s => s.Id == one && s.InvoiceId == invoiceId, ct))
                return new UserError("NOT_FOUND", "Cette échéance n'existe pas sur cette facture.", "instalmentId");
            unpaid = unpaid.Where(s => s.Id == one).ToList();
            if (unpaid.Count == 0) return new UserError("ALREADY_PAID", "Cette échéance est déjà réglée.", "instalmentId");
        }
        else if (unpaid.Count == 0) return new UserError("ALREADY_PAID", "Cette facture est déjà réglée.", "invoiceId");

        // The check « one open checkout per instalment » and the claim of these instalments are one transaction under a lock
        // of the invoice's instalments (pentest L1): two requests at once cannot both find nothing open and both open a session.
        // Stripe is called after the commit, so the lock is held for a few queries only, never for a network call.
        var now = time.GetUtcNow();
        var wanted = unpaid.Select(s => s.Id).ToList();
        Guid requestId;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // A no-op update takes the rows' write locks (PostgreSQL), the database's write lock (SQLite): the next request waits here.
            await db.InvoiceInstalments.Where(s => s.InvoiceId == invoiceId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Position, s => s.Position), ct);
            if (await db.InvoiceInstalments.CountAsync(s => wanted.Contains(s.Id) && s.PaidOn == null, ct) != wanted.Count)
                return new UserError("ALREADY_PAID", "Cette facture vient d'être réglée : rechargez la page.", instalmentId is null ? "invoiceId" : "instalmentId");
            // A checkout still open for any of these instalments could be paid too: the same one again is given back (a second
            // click), an overlapping one (the whole invoice and one of its instalments) is refused until it expires.
            var earlier = await db.Payments.AsNoTracking()
                .Where(p => wanted.Contains(p.InstalmentId) && p.Method == PaymentMethod.Card && (p.CheckoutRequestId != null || p.CheckoutSessionId != null))
                .Select(p => new { p.CheckoutRequestId, p.CheckoutSessionId, p.Status, p.CreatedAt, p.CheckoutExpiresAt }).ToListAsync(ct);
            // Compared here: SQLite cannot compare DateTimeOffsets. Rows without an expiry: Stripe's default, 24 hours.
            var open = earlier.Where(p => p.Status == PaymentStatus.Pending && (p.CheckoutExpiresAt ?? p.CreatedAt.AddHours(24)) > now)
                .OrderByDescending(p => p.CheckoutExpiresAt ?? p.CreatedAt.AddHours(24)).ToList();
            if (open.Count > 0)
            {
                var (request, session) = (open[0].CheckoutRequestId, open[0].CheckoutSessionId);
                var covered = await db.Payments.AsNoTracking()
                    .Where(p => request != null ? p.CheckoutRequestId == request : p.CheckoutSessionId == session).Select(p => p.InstalmentId).ToListAsync(ct);
                await transaction.RollbackAsync(ct);
                if (open.All(p => p.CheckoutRequestId == request && p.CheckoutSessionId == session) && covered.Order().SequenceEqual(wanted.Order()))
                    return session is not null ? await ReopenAsync(tenant, session, invoice.Id, ct)
                        // Claimed by a request whose session is not recorded yet (at the same moment, or stopped half-way): the same
                        // key with the same parameters gives back the same session at Stripe.
                        : await OpenSessionAsync(tenant, invoice, request!.Value, portalBase, creator: false, ct);
                var until = TimeZoneInfo.ConvertTime(open[0].CheckoutExpiresAt ?? open[0].CreatedAt.AddHours(24), Regulation.FrenchTime.Paris);
                return new UserError("PAYMENT_IN_PROGRESS", (instalmentId is null ? "Un paiement par carte d'une partie de cette facture" : "Un paiement par carte couvrant cette échéance")
                    + $" est déjà en cours : terminez-le sur la page de paiement ouverte, ou attendez son expiration ({until:dd/MM/yyyy} à {until:HH:mm}) pour en commencer un autre. Rien n'a été débité deux fois.",
                    instalmentId is null ? "invoiceId" : "instalmentId");
            }
            // The claim: these instalments' pending rows, with the session's expiry fixed now (to the second, as Stripe takes it).
            requestId = Guid.CreateVersion7();
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(now.Add(CheckoutLifetime).ToUnixTimeSeconds());
            db.Payments.AddRange(unpaid.Select(s => new Payment
            {
                CompanyId = invoice.CompanyId, InvoiceId = invoice.Id, InstalmentId = s.Id, Method = PaymentMethod.Card, Amount = s.Amount,
                CheckoutRequestId = requestId, CheckoutExpiresAt = expiresAt, CreatedAt = now, CreatedBy = currentUser.UserId,
            }));
            db.AuditEntries.Record(time, currentUser.UserId, "payment.card-started", "Invoice", invoice.Id, $$"""{"request":"{{requestId}}","amount":"{{unpaid.Sum(s => s.Amount)}}"}""");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return await OpenSessionAsync(tenant, invoice, requestId, portalBase, creator: true, ct);
    }

    /// <summary>
    /// Opens (or finds again) the Stripe session of a claimed checkout. Every parameter comes from the claim's rows (amounts,
    /// instalments, the expiry fixed when claimed) and the idempotency key is the claim's: the same key always carries the same
    /// parameters, as Stripe requires, and a new claim (after an expiry or a refusal) is a new key.
    /// </summary>
    private async Task<Outcome<CardCheckout>> OpenSessionAsync(Tenant tenant, Platform.Features.Billing.Invoice invoice, Guid requestId, string portalBase, bool creator, CancellationToken ct)
    {
        var rows = await db.Payments.AsNoTracking().Where(p => p.CheckoutRequestId == requestId).ToListAsync(ct);
        var ids = rows.Select(r => r.InstalmentId).ToList();
        var instalments = await db.InvoiceInstalments.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Position).ToListAsync(ct);
        var amount = rows.Sum(r => r.Amount);
        var rules = (await rulesCache.GetAsync(tenant)).Rules;
        var one = instalments.Count == 1 && await db.InvoiceInstalments.CountAsync(s => s.InvoiceId == invoice.Id, ct) > 1 ? instalments[0] : null;
        var label = one is null ? $"Facture {invoice.Number}" : $"Facture {invoice.Number} — échéance du {one.DueOn:dd/MM/yyyy}";
        var metadata = new Dictionary<string, string>
        {
            [StripeMetadata.Tenant] = tenant.Slug,
            [StripeMetadata.Invoice] = invoice.Id.ToString(),
            [StripeMetadata.Instalment] = one?.Id.ToString() ?? StripeMetadata.AllInstalments,
            [StripeMetadata.Company] = invoice.CompanyId.ToString(),
        };
        var returnTo = $"{portalBase.TrimEnd('/')}/entreprises/{invoice.CompanyId}/factures";
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = invoice.Id.ToString(),
            SuccessUrl = returnTo + "?paiement=confirmation",
            CancelUrl = returnTo + "?paiement=annule",
            Locale = "fr",
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "eur", UnitAmount = ToCents(amount),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"{rules.Name} — {label}" },
                    },
                },
            ],
            Metadata = metadata,
            // Short-lived: while open, it blocks other checkouts of the same instalments.
            ExpiresAt = rows[0].CheckoutExpiresAt!.Value.UtcDateTime,
            // The PaymentIntent's own events (payment_intent.*) resolve the tenant the same way.
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
        };
        Session session;
        try
        {
            session = await new SessionService(accounts.ClientFor(accounts.For(tenant.Slug)!))
                .CreateAsync(options, new RequestOptions { IdempotencyKey = $"checkout-{tenant.Slug}-{requestId:N}" }, ct);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe refused a checkout session for invoice {InvoiceId}: {Code} {Status}", invoice.Id, e.StripeError?.Code, e.HttpStatusCode);
            // The claim is let go (by the request that made it): the member can try again, with a new key.
            if (creator)
                await db.Payments.Where(p => p.CheckoutRequestId == requestId && p.CheckoutSessionId == null && p.Status == PaymentStatus.Pending)
                    .ExecuteDeleteAsync(CancellationToken.None);
            return new UserError("PAYMENT_PROVIDER_ERROR", "Le paiement en ligne est momentanément indisponible : réessayez plus tard.");
        }
        await db.Payments.Where(p => p.CheckoutRequestId == requestId && p.CheckoutSessionId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.CheckoutSessionId, session.Id), ct);
        return Outcome<CardCheckout>.Ok(new CardCheckout(session.Url, amount));
    }

    /// <summary>The open session of the same instalments, asked again (a second click, the member back from Stripe's page).</summary>
    private async Task<Outcome<CardCheckout>> ReopenAsync(Tenant tenant, string sessionId, Guid invoiceId, CancellationToken ct)
    {
        try
        {
            var session = await new SessionService(accounts.ClientFor(accounts.For(tenant.Slug)!)).GetAsync(sessionId, cancellationToken: ct);
            if (session.Status == "open" && !string.IsNullOrEmpty(session.Url))
                return Outcome<CardCheckout>.Ok(new CardCheckout(session.Url, (long?)session.AmountTotal is { } cents ? cents / 100m : 0));
            return new UserError("PAYMENT_IN_PROGRESS", "Le paiement par carte de cette facture vient d'être réglé ou est en cours de confirmation : rechargez la page dans quelques instants.", "invoiceId");
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe did not give back checkout session of invoice {InvoiceId}: {Code} {Status}", invoiceId, e.StripeError?.Code, e.HttpStatusCode);
            return new UserError("PAYMENT_PROVIDER_ERROR", "Le paiement en ligne est momentanément indisponible : réessayez plus tard.");
        }
    }

    internal static long ToCents(decimal euros) => (long)Math.Round(euros * 100m, MidpointRounding.AwayFromZero);
}

/// <summary>The metadata keys our Stripe objects carry: the webhook finds the tenant and the invoice with them.</summary>
public static class StripeMetadata
{
    public const string Tenant = "tenant";
    public const string Invoice = "invoice";
    public const string Instalment = "instalment";
    public const string Company = "company";
    public const string AllInstalments = "all";
}
