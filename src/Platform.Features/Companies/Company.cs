using Platform.Tenancy.Isolation;

namespace Platform.Features.Companies;

/// <summary>A member company (adhérent) of one tenant.</summary>
public sealed class Company : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    /// <summary>Numéro d'adhérent, unique within the tenant (e.g. 680001, 101.1, ON0001).</summary>
    public required string MemberNumber { get; set; }
    public required string Siret { get; set; }
    public required string Name { get; set; }
    public string? LegalForm { get; set; }
    public string? NafCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
