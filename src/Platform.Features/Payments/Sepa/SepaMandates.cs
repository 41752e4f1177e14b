using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Payments.Sepa;

/// <summary>What a member sees of a mandate: never more of the IBAN than its last 4 characters.</summary>
public sealed record SepaMandateView(
    Guid Id, Guid CompanyId, string Reference, string HolderName, string IbanCountry, string IbanLast4, string? Bic,
    SepaMandateStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SignedAt, string SignerName, bool SetUpWithProvider)
{
    public string MaskedIban => Iban.Masked(IbanCountry, IbanLast4);

    /// <summary>The contract's <c>SepaMandate.status</c>.</summary>
    public string StatusCode => Status switch
    {
        SepaMandateStatus.AwaitingCode => "AWAITING_CODE",
        SepaMandateStatus.Active => "ACTIVE",
        SepaMandateStatus.Revoked => "REVOKED",
        _ => "ABANDONED",
    };

    internal static SepaMandateView Of(SepaMandate m) => new(m.Id, m.CompanyId, m.Reference, m.HolderName, m.IbanCountry, m.IbanLast4, m.Bic,
        m.Status, m.CreatedAt, m.SignedAt, m.SignerName, m.ProviderPaymentMethodId is not null);
}

/// <summary>The mandate form: account holder, IBAN, optional BIC, and the ticked acceptance of the mandate's terms.</summary>
public sealed record SepaMandateEntry(Guid CompanyId, string? HolderName, string? Iban, string? Bic, bool AcceptMandate);

/// <summary>Where the signer confirmed from: the online acceptance the payment provider records.</summary>
public sealed record SepaSignatureContext(string? IpAddress, string? UserAgent);

/// <summary>
/// SEPA mandates of member companies (seeds 000/001 « Mandat SEPA », 004 « opter pour le prélèvement SEPA »):
/// a member with the billing right enters holder, IBAN and BIC and accepts; a one-time code is e-mailed to
/// them (the seed's SMS); the code signs the mandate, which then is active: the receipt is e-mailed, the
/// portal shows the green tick, sst68's discount applies and the invoices due from then on are debited.
/// A new signature replaces the active mandate; the member can revoke it.
/// </summary>
public sealed class SepaMandates(
    PlatformDbContext db, IdentityDb identity, CompanyAccess access, CurrentUser currentUser, ITenantContext tenantContext,
    TenantRulesCache rulesCache, SepaIbanProtection protection, ISepaGateway gateway, EmailOutbox outbox, TimeProvider time,
    ILogger<SepaMandates> log)
{
    public const int CodeDigits = 6;
    public const int CodeValidityMinutes = 10;
    public const int MaxCodeTries = 5;
    /// <summary>A new code (a new entry of the mandate) at most once a minute, and 5 an hour, per company: the e-mails are not a channel to flood.</summary>
    public static readonly TimeSpan CodeResendAfter = TimeSpan.FromMinutes(1);
    public const int MaxCodesPerHour = 5;

    /// <summary>The company's active mandate, else the one waiting for its code; null when none (seed: red cross).</summary>
    public async Task<SepaMandateView?> GetAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.HasAsync(companyId, Permission.ViewInvoices, ct)) return null;
        var now = time.GetUtcNow();
        var rows = await db.SepaMandates.AsNoTracking()
            .Where(m => m.CompanyId == companyId && (m.Status == SepaMandateStatus.Active || m.Status == SepaMandateStatus.AwaitingCode))
            .OrderByDescending(m => m.Ordinal).ToListAsync(ct);
        var current = rows.FirstOrDefault(m => m.Status == SepaMandateStatus.Active)
                      ?? rows.FirstOrDefault(m => m.CodeExpiresAt > now && m.CodeTries < MaxCodeTries);
        return current is null ? null : SepaMandateView.Of(current);
    }

    /// <summary>Whether the tenant offers SEPA debit to this company now (and why not, in French).</summary>
    public async Task<UserError?> WhyNotOfferedAsync(Guid companyId, CancellationToken ct = default)
    {
        var rules = await RulesAsync();
        if (!rules.Payment.Methods.Contains(PaymentMethod.SepaDebit))
            return new("SEPA_NOT_OFFERED", $"{rules.DisplayName} ne propose pas le prélèvement SEPA : réglez vos factures par {Alternatives(rules)}.", null);
        if (rules.Payment.ChosenAtDeclaration)
        {
            // sstbtp-bfc: the member chooses its payment method in the annual declaration.
            var chosen = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId && d.PaymentMethod != null)
                .OrderByDescending(d => d.Year).Select(d => d.PaymentMethod).FirstOrDefaultAsync(ct);
            if (chosen != PaymentMethod.SepaDebit)
                return new("SEPA_NOT_CHOSEN", "Le prélèvement se choisit dans la déclaration annuelle, à l'étape de l'estimation : choisissez-y « Prélèvement » puis signez le mandat ici.", null);
        }
        return null;
    }

    /// <summary>Records the entered mandate and e-mails the signer the code that signs it. Nothing is active yet.</summary>
    public async Task<Outcome<SepaMandateView>> StartAsync(SepaMandateEntry entry, CancellationToken ct = default)
    {
        await access.RequireAsync(entry.CompanyId, Permission.PayInvoices, ct);
        var userId = currentUser.RequireUserId();
        if (await WhyNotOfferedAsync(entry.CompanyId, ct) is { } notOffered) return notOffered;

        var errors = new List<UserError>();
        var holder = (entry.HolderName ?? "").Trim();
        if (holder.Length == 0) errors.Add(new("HOLDER_REQUIRED", "Saisissez le titulaire du compte, tel qu'il figure sur le RIB.", "holderName"));
        else if (holder.Length > 70) errors.Add(new("HOLDER_TOO_LONG", "Le titulaire du compte compte au plus 70 caractères.", "holderName"));
        var iban = Iban.Check(entry.Iban);
        if (iban.Error is { } ibanError) errors.Add(ibanError);
        var (bic, bicError) = Bic.Check(entry.Bic);
        if (bicError is not null) errors.Add(bicError);
        if (!entry.AcceptMandate)
            errors.Add(new("MANDATE_NOT_ACCEPTED", "Cochez la case d'acceptation du mandat de prélèvement pour continuer.", "acceptMandate"));
        if (errors.Count > 0) return Outcome<SepaMandateView>.Fail(errors);

        var tenant = tenantContext.Current!;
        var rules = await RulesAsync();
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == entry.CompanyId, ct);
        var signer = (await identity.PeopleAsync([userId], ct)).GetValueOrDefault(userId)
                     ?? throw new AccessDeniedException(AccessDenial.Unauthenticated);
        var now = time.GetUtcNow();
        if (await CodeThrottleAsync(entry.CompanyId, now, ct) is { } throttled) return throttled;

        // A new entry replaces one still waiting for its code: only the latest code signs.
        await db.SepaMandates.Where(m => m.CompanyId == entry.CompanyId && m.Status == SepaMandateStatus.AwaitingCode)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, SepaMandateStatus.Abandoned).SetProperty(m => m.CodeHash, (string?)null), ct);
        var ordinal = 1 + (await db.SepaMandates.Where(m => m.CompanyId == entry.CompanyId).MaxAsync(m => (int?)m.Ordinal, ct) ?? 0);
        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, CodeDigits)).ToString(new string('0', CodeDigits));
        var mandate = new SepaMandate
        {
            CompanyId = entry.CompanyId, Ordinal = ordinal, Reference = MandateReference.For(tenant.Slug, company.MemberNumber, ordinal),
            HolderName = holder, ProtectedIban = protection.Protect(tenant.Slug, iban.Iban!), IbanCountry = iban.Iban![..2], IbanLast4 = Iban.Last4(iban.Iban),
            Bic = bic, SignerUserId = userId, SignerName = $"{signer.FirstName} {signer.LastName}".Trim(), SignerEmail = signer.Email,
            CreatedAt = now, CodeExpiresAt = now.AddMinutes(CodeValidityMinutes),
        };
        mandate.CodeHash = HashOf(mandate.Id, code);
        db.SepaMandates.Add(mandate);
        outbox.Enqueue(signer.Email, SepaEmails.SignatureCode(rules, company.Name, mandate.Reference, mandate.MaskedIban(), code, CodeValidityMinutes));
        db.AuditEntries.Record(time, userId, "sepa-mandate.entered", "SepaMandate", mandate.Id, $$"""{"reference":"{{mandate.Reference}}"}""");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two entries at the same moment took the same ordinal: the other one won.
            return new UserError("CONCURRENT_ENTRY", "Un autre mandat vient d'être saisi pour cette entreprise : rechargez la page.", null);
        }
        log.LogInformation("SEPA mandate {MandateId} entered for company {CompanyId}; code e-mailed", mandate.Id, entry.CompanyId);
        return Outcome<SepaMandateView>.Ok(SepaMandateView.Of(mandate));
    }

    /// <summary>
    /// Signs the waiting mandate with the e-mailed code: sets it up with the payment provider where one is
    /// configured, makes it active (replacing an earlier one), and e-mails the signer the receipt.
    /// </summary>
    public async Task<Outcome<SepaMandateView>> ConfirmAsync(Guid companyId, string? code, SepaSignatureContext context, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.PayInvoices, ct);
        var userId = currentUser.RequireUserId();
        var now = time.GetUtcNow();
        var mandate = await db.SepaMandates.Where(m => m.CompanyId == companyId && m.Status == SepaMandateStatus.AwaitingCode)
            .OrderByDescending(m => m.Ordinal).FirstOrDefaultAsync(ct);
        if (mandate is null || mandate.CodeHash is null)
            return new UserError("NO_MANDATE_TO_SIGN", "Aucun mandat n'attend de code : saisissez d'abord le mandat.", "code");
        if (mandate.SignerUserId != userId)
            return new UserError("NOT_THE_SIGNER", "Seule la personne qui a saisi le mandat peut le signer avec le code reçu.", "code");
        if (mandate.CodeExpiresAt <= now || mandate.CodeTries >= MaxCodeTries) return await AbandonAsync(mandate, ct);
        // Each try is counted before the code is compared, by one conditional update: tries in parallel never compare more than
        // MaxCodeTries codes, whatever they read before.
        var counted = await db.SepaMandates.Where(m => m.Id == mandate.Id && m.Status == SepaMandateStatus.AwaitingCode && m.CodeTries < MaxCodeTries)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CodeTries, m => m.CodeTries + 1), ct);
        if (counted == 0) return await AbandonAsync(mandate, ct);
        var typed = string.Concat((code ?? "").Where(char.IsAsciiDigit));
        if (typed.Length != CodeDigits || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(HashOf(mandate.Id, typed)), System.Text.Encoding.ASCII.GetBytes(mandate.CodeHash)))
        {
            var tries = await db.SepaMandates.Where(m => m.Id == mandate.Id).Select(m => m.CodeTries).SingleAsync(ct);
            var left = MaxCodeTries - tries;
            if (left <= 0)
                await db.SepaMandates.Where(m => m.Id == mandate.Id && m.Status == SepaMandateStatus.AwaitingCode)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, SepaMandateStatus.Abandoned).SetProperty(m => m.CodeHash, (string?)null), ct);
            db.AuditEntries.Record(time, userId, "sepa-mandate.wrong-code", "SepaMandate", mandate.Id);
            await db.SaveChangesAsync(ct);
            return new UserError("CODE_INVALID", left > 0
                ? $"Code incorrect. Il vous reste {left} essai{(left > 1 ? "s" : "")}."
                : "Code incorrect. Le mandat est annulé : saisissez-le à nouveau pour recevoir un nouveau code.", "code");
        }

        // The right code is claimed before anything is set up (pentest L7): of two confirmations with it at the same moment, the one
        // whose conditional update clears the code goes on to the payment provider; the other stops here and calls nobody.
        var codeHash = mandate.CodeHash;
        var claimed = await db.SepaMandates.Where(m => m.Id == mandate.Id && m.Status == SepaMandateStatus.AwaitingCode && m.CodeHash == codeHash)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CodeHash, (string?)null), ct);
        if (claimed == 0)
            return new UserError("SIGNATURE_IN_PROGRESS", "Ce mandat est déjà en cours de signature : rechargez la page dans quelques instants.", "code");

        var tenant = tenantContext.Current!;
        var rules = await RulesAsync();
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        if (gateway.IsConfigured)
        {
            try
            {
                var set = await gateway.SetUpMandateAsync(new SepaMandateSetup(company.Id, company.Name, mandate.HolderName, mandate.SignerEmail,
                    protection.Reveal(tenant.Slug, mandate.ProtectedIban), mandate.Reference, now, context.IpAddress, context.UserAgent), ct);
                mandate.ProviderCustomerId = set.CustomerId;
                mandate.ProviderSetupId = set.SetupId;
                mandate.ProviderPaymentMethodId = set.PaymentMethodId;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The code is given back, still valid, with this try: the signer can try again in a moment. No IBAN in the log.
                log.LogWarning("SEPA mandate {MandateId}: payment provider set-up failed ({Error})", mandate.Id, e.GetType().Name);
                await db.SepaMandates.Where(m => m.Id == mandate.Id && m.Status == SepaMandateStatus.AwaitingCode && m.CodeHash == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.CodeHash, codeHash).SetProperty(m => m.CodeTries, m => m.CodeTries > 0 ? m.CodeTries - 1 : 0), CancellationToken.None);
                return new UserError("PROVIDER_UNAVAILABLE", "Le prestataire de paiement ne répond pas : votre code reste valable, réessayez dans quelques instants.", "code");
            }
        }

        // One active mandate per company: a new signature replaces the former one.
        var previous = await db.SepaMandates.Where(m => m.CompanyId == companyId && m.Status == SepaMandateStatus.Active).ToListAsync(ct);
        foreach (var old in previous)
        {
            old.Status = SepaMandateStatus.Revoked;
            old.RevokedAt = now;
        }
        mandate.Status = SepaMandateStatus.Active;
        mandate.SignedAt = now;
        mandate.CodeHash = null;
        mandate.SignedFromIp = context.IpAddress is { Length: > 64 } ip ? ip[..64] : context.IpAddress;
        mandate.SignedWithUserAgent = context.UserAgent is { Length: > 300 } ua ? ua[..300] : context.UserAgent;
        // Debits cover invoices due from the first signature on; a replacement keeps that date.
        company.SepaMandateActiveSince ??= now;
        var receipt = SepaMandateReceipt.Render(ReceiptModel(rules, company, mandate));
        outbox.Enqueue(mandate.SignerEmail, SepaEmails.MandateSigned(rules, company.Name, mandate.Reference, mandate.MaskedIban(), now, rules.Payment.SepaPreNotificationDays ?? 14),
            new EmailAttachment(ReceiptFileName(mandate), "application/pdf", receipt));
        db.AuditEntries.Record(time, userId, "sepa-mandate.signed", "SepaMandate", mandate.Id,
            $$"""{"reference":"{{mandate.Reference}}","replaces":{{previous.Count}}}""");
        await db.SaveChangesAsync(ct);
        log.LogInformation("SEPA mandate {MandateId} signed for company {CompanyId}", mandate.Id, companyId);
        return Outcome<SepaMandateView>.Ok(SepaMandateView.Of(mandate));
    }

    /// <summary>Ends the active mandate: no debit is presented any more (those already presented follow their course).</summary>
    public async Task<Outcome<SepaMandateView>> RevokeAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.PayInvoices, ct);
        var userId = currentUser.RequireUserId();
        var mandate = await db.SepaMandates.Where(m => m.CompanyId == companyId && m.Status == SepaMandateStatus.Active).FirstOrDefaultAsync(ct);
        if (mandate is null) return new UserError("NO_ACTIVE_MANDATE", "Cette entreprise n'a pas de mandat SEPA actif.", null);
        var now = time.GetUtcNow();
        mandate.Status = SepaMandateStatus.Revoked;
        mandate.RevokedAt = now;
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        company.SepaMandateActiveSince = null;
        await db.SepaDebits.Where(d => d.CompanyId == companyId && d.Status == SepaDebitStatus.Announced)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, SepaDebitStatus.Cancelled), ct);
        var rules = await RulesAsync();
        outbox.Enqueue(mandate.SignerEmail, SepaEmails.MandateRevoked(rules, company.Name, mandate.Reference, now));
        db.AuditEntries.Record(time, userId, "sepa-mandate.revoked", "SepaMandate", mandate.Id, $$"""{"reference":"{{mandate.Reference}}"}""");
        await db.SaveChangesAsync(ct);
        return Outcome<SepaMandateView>.Ok(SepaMandateView.Of(mandate));
    }

    /// <summary>The receipt (PDF) of the company's active mandate, for whoever may see its invoices; null otherwise.</summary>
    public async Task<(byte[] Content, string FileName)?> ReceiptAsync(Guid companyId, CancellationToken ct = default)
    {
        if (!await access.HasAsync(companyId, Permission.ViewInvoices, ct)) return null;
        var mandate = await db.SepaMandates.AsNoTracking().Where(m => m.CompanyId == companyId && m.Status == SepaMandateStatus.Active).FirstOrDefaultAsync(ct);
        if (mandate is null) return null;
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        return (SepaMandateReceipt.Render(ReceiptModel(await RulesAsync(), company, mandate)), ReceiptFileName(mandate));
    }

    /// <summary>The tenant's account for transfers (invoices due before the mandate, or members without one).</summary>
    public async Task<BankDetails?> TransferAccountAsync() => (await RulesAsync()).Payment.BankDetails;

    /// <summary>The code is dead (expired, or its tries used up): the mandate is abandoned, a new entry sends a new code.</summary>
    private async Task<Outcome<SepaMandateView>> AbandonAsync(SepaMandate mandate, CancellationToken ct)
    {
        await db.SepaMandates.Where(m => m.Id == mandate.Id && m.Status == SepaMandateStatus.AwaitingCode)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, SepaMandateStatus.Abandoned).SetProperty(m => m.CodeHash, (string?)null), ct);
        return new UserError("CODE_EXPIRED", "Ce code n'est plus valable : saisissez à nouveau le mandat pour recevoir un nouveau code.", "code");
    }

    /// <summary>Why no new code can be sent now (one a minute, <see cref="MaxCodesPerHour"/> an hour per company), or null.</summary>
    private async Task<UserError?> CodeThrottleAsync(Guid companyId, DateTimeOffset now, CancellationToken ct)
    {
        // The company's latest entries (each sent a code), compared here: SQLite cannot compare DateTimeOffsets.
        var sent = (await db.SepaMandates.AsNoTracking().Where(m => m.CompanyId == companyId).OrderByDescending(m => m.Ordinal)
            .Take(MaxCodesPerHour).Select(m => m.CreatedAt).ToListAsync(ct)).OrderDescending().ToList();
        if (sent.Count > 0 && now - sent[0] < CodeResendAfter)
        {
            var wait = (int)Math.Ceiling((CodeResendAfter - (now - sent[0])).TotalSeconds);
            return new UserError("CODE_RECENTLY_SENT", $"Un code vient de vous être envoyé par e-mail : utilisez-le, ou attendez {wait} seconde{(wait > 1 ? "s" : "")} avant d'en demander un nouveau.", null);
        }
        if (sent.Count >= MaxCodesPerHour && now - sent[^1] < TimeSpan.FromHours(1))
        {
            var at = TimeZoneInfo.ConvertTime(sent[^1].AddHours(1), Regulation.FrenchTime.Paris);
            return new UserError("TOO_MANY_CODES", $"Trop de codes de signature demandés pour cette entreprise en une heure : réessayez à partir de {at:HH:mm}.", null);
        }
        return null;
    }

    private static string ReceiptFileName(SepaMandate mandate) => $"mandat-sepa-{mandate.Reference}.pdf";

    private static SepaReceiptModel ReceiptModel(TenantRules rules, Companies.Company company, SepaMandate m) =>
        new(rules, company.Name, company.MemberNumber, company.MainAddress, m.Reference, m.HolderName, m.MaskedIban(), m.Bic,
            m.SignedAt ?? m.CreatedAt, m.SignerName, SepaEmails.MaskEmail(m.SignerEmail), rules.Payment.SepaPreNotificationDays ?? 14);

    private static string HashOf(Guid mandateId, string code) => OneTimeSecrets.Hash($"{mandateId:N}:{code}");

    private async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.Current!)).Rules;

    private static string Alternatives(TenantRules rules) => string.Join(" ou ", rules.Payment.Methods.Select(m => m switch
    {
        PaymentMethod.Card => "carte bancaire",
        PaymentMethod.Transfer => "virement",
        PaymentMethod.Cheque => "chèque",
        _ => "prélèvement",
    }));
}

internal static class SepaMandateExtensions
{
    public static string MaskedIban(this SepaMandate m) => Iban.Masked(m.IbanCountry, m.IbanLast4);
}
