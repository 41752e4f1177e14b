using Platform.Tenancy.Isolation;

namespace Platform.Features.Access;

/// <summary>Links a user to a company of one tenant, with one or more roles of that tenant's catalogue.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public required Guid CompanyId { get; init; }
    public List<string> Roles { get; set; } = [];
    /// <summary>The person's function and telephone in this company (« informations professionnelles », seed 002).</summary>
    public string? JobFunction { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public enum StaffRole { Staff, Administrator }

/// <summary>A member of the tenant's own team: staff process requests, administrators configure the tenant.</summary>
public sealed class StaffMember : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid UserId { get; init; }
    public required StaffRole Role { get; set; }
    /// <summary>
    /// The authenticator (TOTP) secret of this membership, protected with the data-protection keys: a second
    /// factor belongs to the tenant it protects, so being added to another tenant's staff never changes it.
    /// </summary>
    public string? ProtectedTotpSecret { get; set; }
    /// <summary>The last 30-second step whose code was accepted: a code is good once (no replay within its window).</summary>
    public long? LastTotpStep { get; set; }
}

/// <summary>The role names every tenant's catalogue starts with (SPEC.md 3.1).</summary>
public static class CompanyRoles
{
    public const string Administrator = "Administrateur";
    public const string Billing = "Facturation";
    public const string Declaration = "Déclaration";
    public const string Convocation = "Convocation";
    public const string ReadOnly = "Lecture";
}
