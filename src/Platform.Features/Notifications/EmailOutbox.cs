using Platform.Features.Persistence;

namespace Platform.Features.Notifications;

/// <summary>Queues e-mails in the caller's unit of work: they leave only if the change is saved.</summary>
public sealed class EmailOutbox(PlatformDbContext db, TimeProvider time)
{
    public void Enqueue(string to, EmailContent content, EmailAttachment? attachment = null) => db.OutboxEmails.Add(Message(to, content, attachment));

    /// <summary>The queued message, not added to the context: for jobs that insert thousands with their batch (billing runs).</summary>
    public OutboxEmail Message(string to, EmailContent content, EmailAttachment? attachment = null)
    {
        var now = time.GetUtcNow();
        return new OutboxEmail
        {
            To = to, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text,
            CreatedAt = now, NextAttemptAt = now,
            AttachmentFileName = attachment?.FileName, AttachmentContentType = attachment?.ContentType, AttachmentContent = attachment?.Content,
        };
    }
}

/// <summary>A file sent with an e-mail (a convocation PDF).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
