using Platform.Tenancy.Isolation;

namespace Platform.Features.Access;

public enum AccessRequestKind { Synchronize, Manage, ChangeAdministrator, Takeover, Merger }
public enum AccessRequestState { InProgress, Accepted, Refused }

/// <summary>A démarche (SPEC.md 3.1): decided by the company's administrators (Manage) or the tenant's staff.</summary>
public sealed class AccessRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required AccessRequestKind Kind { get; init; }
    public AccessRequestState State { get; set; }
    public Guid? CompanyId { get; init; }
    public string? CompanyName { get; init; }
    public required Guid RequestedByUserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? MemberNumber { get; init; }
    public string? Siret { get; init; }
    public string? NewSiret { get; init; }
    public string? FormerAdministratorEmail { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public List<string> GrantedRoles { get; set; } = [];
}
