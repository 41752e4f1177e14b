using Microsoft.EntityFrameworkCore;

namespace Platform.Features.Auditing;

/// <summary>Adds an audit entry to the caller's unit of work: it commits with the change it describes.</summary>
public static class AuditLog
{
    public static void Record(this DbSet<AuditEntry> entries, TimeProvider time, Guid? actorUserId, string action, string entityType, Guid entityId, string? details = null) =>
        entries.Record(time, actorUserId, action, entityType, entityId.ToString(), details);

    /// <summary>For entities named by a string (an API client id, a rule path).</summary>
    public static void Record(this DbSet<AuditEntry> entries, TimeProvider time, Guid? actorUserId, string action, string entityType, string entityId, string? details = null) =>
        entries.Add(new AuditEntry { At = time.GetUtcNow(), ActorUserId = actorUserId, Action = action, EntityType = entityType, EntityId = entityId, Details = details });
}
