using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Notifications;

/// <summary>
/// Sends the current tenant's due e-mails; a failure is retried later with a growing delay, until
/// the message is delivered. Logs name the message id, never the recipient.
/// Several nodes may run this at once: each claims a row (one conditional UPDATE) before sending it,
/// so a message goes out once; the claim of a node that died mid-send expires after <see cref="ClaimFor"/>.
/// </summary>
public sealed class OutboxDelivery(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, IEmailTransport transport,
    EmailSettings settings, TimeProvider time, NodeIdentity node, ILogger<OutboxDelivery> logger)
{
    public const int BatchSize = 50;
    /// <summary>Longer than one SMTP exchange may take (MailKit's timeout is 2 minutes), so a live sender keeps its row.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    private static readonly DateTime NeverAgain = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>What a batch reads of a row: everything but the attachment's bytes, read only once the row is claimed.</summary>
    private sealed record DueEmail(Guid Id, string To, string Subject, string HtmlBody, string TextBody, int Attempts,
        bool HasAttachment, string? AttachmentFileName, string? AttachmentContentType);

    /// <summary>Sends one batch (at most <see cref="BatchSize"/>) of the tenant's due e-mails; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        // Only due rows are read, in SQL: a message never tried is due whatever the clock says (had the clock stepped back
        // since it was queued, comparing its queuing time with "now" would hold it back by the step); a retry waits for its time.
        // Transactional before bulk (a sign-in code does not wait behind a billing run's invoices), then oldest first (version 7 ids).
        var due = await db.OutboxEmails.AsNoTracking()
            .Where(e => e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < nowUtc) && (e.Attempts == 0 || e.NextAttemptAt <= nowUtc))
            .OrderBy(e => e.Bulk).ThenBy(e => e.Id).Take(BatchSize)
            .Select(e => new DueEmail(e.Id, e.To, e.Subject, e.HtmlBody, e.TextBody, e.Attempts,
                e.AttachmentContent != null, e.AttachmentFileName, e.AttachmentContentType))
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        var rules = (await rulesCache.GetAsync(tenantContext.Current!)).Rules;
        var sent = 0;
        foreach (var email in due)
        {
            if (!await ClaimAsync(email.Id, ct)) continue;
            var attachment = email.HasAttachment
                ? await db.OutboxEmails.Where(e => e.Id == email.Id).Select(e => e.AttachmentContent).SingleAsync(ct)
                : null;
            MimeMessage message;
            try
            {
                message = ToMime(email, attachment, rules.DisplayName);
            }
            catch (Exception e) when (e is ParseException or FormatException or ArgumentException)
            {
                // A row no server will ever take (an address or a content type that does not parse): kept for the record,
                // never tried again, so that it does not come back at the head of every batch.
                await RecordFailureAsync(email, NeverAgain, $"{e.GetType().Name} (message impossible à construire)", ct);
                logger.LogError("E-mail {EmailId} cannot be built ({Error}): not sent, not retried", email.Id, e.GetType().Name);
                continue;
            }
            try
            {
                await transport.SendAsync(message, ct);
                var sentAt = time.GetUtcNow();
                // Marked sent whoever holds it now: it went out.
                await db.OutboxEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, sentAt).SetProperty(e => e.LastError, (string?)null), ct);
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var attempts = email.Attempts + 1;
                var next = time.GetUtcNow().UtcDateTime + Backoff[Math.Min(attempts, Backoff.Length) - 1];
                var error = e is SmtpCommandException smtp ? $"{e.GetType().Name} {(int)smtp.StatusCode}" : e.GetType().Name;
                await RecordFailureAsync(email, next, error, ct);
                logger.LogWarning("E-mail {EmailId} not delivered (attempt {Attempt}: {Error}); next try at {NextAttempt}",
                    email.Id, attempts, error, next);
            }
        }
        return sent;
    }

    /// <summary>
    /// One more attempt counted, the next one due at <paramref name="next"/>, and the claim released so that any node may
    /// make it; only while this node holds the row (a claim that expired meanwhile may be another node's now).
    /// </summary>
    private Task<int> RecordFailureAsync(DueEmail email, DateTime next, string error, CancellationToken ct) =>
        db.OutboxEmails.Where(e => e.Id == email.Id && e.ClaimedBy == node.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Attempts, email.Attempts + 1).SetProperty(r => r.NextAttemptAt, next)
            .SetProperty(r => r.LastError, error).SetProperty(r => r.ClaimedUntil, (DateTime?)null), ct);

    /// <summary>
    /// Takes the row for this node if it is still unsent and nobody holds it (or a claim has expired):
    /// the database decides between nodes racing for it, one UPDATE wins.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == id && e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, node.Id).SetProperty(e => e.ClaimedUntil, until), ct);
        return claimed == 1;
    }

    private MimeMessage ToMime(DueEmail email, byte[]? attachment, string senderName)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(senderName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = $"{email.Id:N}@{settings.FromAddress.Split('@')[^1]}";
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        if (attachment is not null)
            body.Attachments.Add(email.AttachmentFileName ?? "piece-jointe", attachment, ContentType.Parse(email.AttachmentContentType ?? "application/octet-stream"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
