using Platform.Tenancy.Isolation;

namespace Platform.Features.Demarches;

public enum AccessRequestKind { Synchronize, Manage, ChangeAdministrator, Takeover, Merger }
public enum AccessRequestState { InProgress, Accepted, Refused }

/// <summary>
/// A démarche (SPEC.md 3.1): decided by the company's administrators (Manage) or the tenant's staff.
/// What the requester typed is kept as typed (member number, SIRET or SIREN, e-mail): staff decide on it.
/// </summary>
public sealed class AccessRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required AccessRequestKind Kind { get; init; }
    public AccessRequestState State { get; set; }
    /// <summary>Null for a synchronisation until it is accepted: its requester must not learn whether the numbers matched.</summary>
    public Guid? CompanyId { get; set; }
    public string? CompanyName { get; set; }
    public required Guid RequestedByUserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? MemberNumber { get; init; }
    /// <summary>The SIRET given (the SIREN for a synchronisation; the old SIRET for a takeover).</summary>
    public string? Siret { get; init; }
    public string? NewSiret { get; init; }
    public string? FormerAdministratorEmail { get; init; }
    public string? Description { get; init; }
    /// <summary>A management request for a company that has users but no administrator: the tenant's staff decide it.</summary>
    public bool AddressedToStaff { get; init; }
    /// <summary>A synchronisation's code, sent to the company's contact on file (hashed; null when none was sent).</summary>
    public string? ConfirmationCodeHash { get; set; }
    public DateTimeOffset? ConfirmationExpiresAt { get; set; }
    public int ConfirmationWrongTries { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public List<string> GrantedRoles { get; set; } = [];
}

/// <summary>
/// Who synchronised a company, one row per round: the unique (company, round) key lets exactly one of
/// concurrent synchronisations win. A new round opens only once nobody is attached to the company any
/// more (seed 000: « par exemple après une radiation »).
/// </summary>
public sealed class CompanyClaim : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required int Round { get; init; }
    public required Guid UserId { get; init; }
    public required Guid RequestId { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
}
