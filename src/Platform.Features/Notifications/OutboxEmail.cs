using Platform.Tenancy.Isolation;

namespace Platform.Features.Notifications;

/// <summary>
/// An e-mail written in the same transaction as the change that causes it, delivered later by the
/// outbox job with retries (DESIGN.md 5).
/// </summary>
public sealed class OutboxEmail : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public required string TextBody { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>UTC, when a failed message may be tried again; a DateTime so that every provider (SQLite included) compares it in SQL.</summary>
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>
    /// One of many written by a job (invoices of a billing run, a digest): sent after the tenant's transactional
    /// messages (sign-in codes, reset links), which a person is waiting for.
    /// </summary>
    public bool Bulk { get; init; }
    /// <summary>One attached file (a convocation), stored with the message so that a retry sends the same bytes.</summary>
    public string? AttachmentFileName { get; init; }
    public string? AttachmentContentType { get; init; }
    public byte[]? AttachmentContent { get; init; }
    /// <summary>Last failure (exception type and SMTP status), for the operators.</summary>
    public string? LastError { get; set; }
    /// <summary>The node sending it (NodeIdentity), until <see cref="ClaimedUntil"/>: another node leaves it alone meanwhile.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>UTC; a DateTime rather than an offset so that every provider (SQLite included) compares it in SQL.</summary>
    public DateTime? ClaimedUntil { get; set; }
}
