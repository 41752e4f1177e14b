using Platform.Tenancy.Isolation;

namespace Platform.Features.Access;

/// <summary>A person invited to a company with roles; "En attente de validation" until they follow the e-mailed link.</summary>
public sealed class Invitation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required string Email { get; init; }
    /// <summary>The person's details as the inviting administrator filled them in (seed 002: « informations personnelles »).</summary>
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? JobFunction { get; set; }
    public string? Phone { get; set; }
    public List<string> Roles { get; set; } = [];
    public required string TokenHash { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public required Guid InvitedByUserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

public enum NotificationKind { Convocations, Invoices, Declarations, Documents, Requests }

/// <summary>A person's choice for one kind of notification of one company (absent: receives it).</summary>
public sealed class NotificationPreference : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required Guid UserId { get; init; }
    public required NotificationKind Kind { get; init; }
    public bool Enabled { get; set; }
}
