using Platform.Tenancy.Isolation;

namespace Platform.Features.Auditing;

/// <summary>One change made by an employer, staff member or administrator (DESIGN.md 5).</summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required DateTimeOffset At { get; init; }
    public Guid? ActorUserId { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    /// <summary>JSON of what changed; never personal data that the entity itself does not already hold.</summary>
    public string? Details { get; init; }
}

/// <summary>Who did something: a signed-in user, or the platform itself (seed, job, file).</summary>
public sealed record Actor(Guid? UserId, string DisplayName)
{
    public static readonly Actor Platform = new(null, "Plateforme");
}
