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

    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        // A message never tried is due whatever the clock says: had the clock stepped back since it was queued,
        // comparing its queuing time with "now" would hold it back by the step. Oldest first (version 7 ids), a bounded batch.
        var due = await db.OutboxEmails
            .Where(e => e.SentAt == null && e.Attempts == 0 && (e.ClaimedUntil == null || e.ClaimedUntil < nowUtc))
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count < BatchSize)
        {
            // Retries wait for their time. They are the few that failed; SQLite cannot compare offsets in SQL, so filter here.
            var retries = await db.OutboxEmails
                .Where(e => e.SentAt == null && e.Attempts > 0 && (e.ClaimedUntil == null || e.ClaimedUntil < nowUtc)).ToListAsync(ct);
            due.AddRange(retries.Where(e => e.NextAttemptAt <= now).OrderBy(e => e.NextAttemptAt).Take(BatchSize - due.Count));
        }
        if (due.Count == 0) return 0;
        var rules = (await rulesCache.GetAsync(tenantContext.Current!)).Rules;
        var sent = 0;
        foreach (var email in due)
        {
            if (!await ClaimAsync(email, ct)) continue;
            try
            {
                await transport.SendAsync(ToMime(email, rules.DisplayName), ct);
                email.SentAt = time.GetUtcNow();
                email.LastError = null;
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                email.Attempts++;
                email.NextAttemptAt = time.GetUtcNow() + Backoff[Math.Min(email.Attempts, Backoff.Length) - 1];
                email.LastError = e is SmtpCommandException smtp ? $"{e.GetType().Name} {(int)smtp.StatusCode}" : e.GetType().Name;
                email.ClaimedUntil = null; // the retry may be made by any node

                logger.LogWarning("E-mail {EmailId} not delivered (attempt {Attempt}: {Error}); next try at {NextAttempt}",
                    email.Id, email.Attempts, email.LastError, email.NextAttemptAt);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>
    /// Takes the row for this node if it is still unsent and nobody holds it (or a claim has expired):
    /// the database decides between nodes racing for it, one UPDATE wins.
    /// </summary>
    private async Task<bool> ClaimAsync(OutboxEmail email, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == email.Id && e.SentAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, node.Id).SetProperty(e => e.ClaimedUntil, until), ct);
        if (claimed == 0) return false;
        // The tracked copy follows the row, so that saving the outcome does not undo the claim.
        var entry = db.Entry(email);
        entry.Property(e => e.ClaimedBy).OriginalValue = email.ClaimedBy = node.Id;
        entry.Property(e => e.ClaimedUntil).OriginalValue = email.ClaimedUntil = until;
        return true;
    }

    private MimeMessage ToMime(OutboxEmail email, string senderName)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(senderName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = $"{email.Id:N}@{settings.FromAddress.Split('@')[^1]}";
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        if (email.AttachmentContent is { } content)
            body.Attachments.Add(email.AttachmentFileName ?? "piece-jointe", content, ContentType.Parse(email.AttachmentContentType ?? "application/octet-stream"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
