using Platform.Features.Persistence;

namespace Platform.Features.Notifications;

/// <summary>Queues e-mails in the caller's unit of work: they leave only if the change is saved.</summary>
public sealed class EmailOutbox(PlatformDbContext db, TimeProvider time)
{
    /// <summary>A message a person is waiting for (a code, a link, a confirmation): sent before the tenant's bulk messages.</summary>
    public void Enqueue(string to, EmailContent content, EmailAttachment? attachment = null) => db.OutboxEmails.Add(Create(to, content, attachment, bulk: false));

    /// <summary>One of many messages a job writes at once (a digest): sent after the tenant's transactional messages.</summary>
    public void EnqueueBulk(string to, EmailContent content) => db.OutboxEmails.Add(Create(to, content, null, bulk: true));

    /// <summary>
    /// A bulk message, not added to the context: for jobs that insert thousands with their batch (billing runs);
    /// sent after the tenant's transactional messages.
    /// </summary>
    public OutboxEmail Message(string to, EmailContent content, EmailAttachment? attachment = null) => Create(to, content, attachment, bulk: true);

    private OutboxEmail Create(string to, EmailContent content, EmailAttachment? attachment, bool bulk)
    {
        var now = time.GetUtcNow();
        return new OutboxEmail
        {
            To = to, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text,
            CreatedAt = now, NextAttemptAt = now.UtcDateTime, Bulk = bulk,
            AttachmentFileName = attachment?.FileName, AttachmentContentType = attachment?.ContentType, AttachmentContent = attachment?.Content,
        };
    }
}

/// <summary>A file sent with an e-mail (a convocation PDF).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
