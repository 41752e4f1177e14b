using Platform.Features.Regulation;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Workstations;

/// <summary>A workstation (poste de travail) of a company, with the risks that set its workers' follow-up.</summary>
public sealed class Workstation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required string Label { get; set; }
    /// <summary>PCS-ESE code, 3 digits and a lowercase letter (e.g. 372d).</summary>
    public required string CspCode { get; set; }
    public List<Risk> Risks { get; set; } = [];
    /// <summary>With ionising radiation: A, B or INB (aptitude to work in a basic nuclear installation).</summary>
    public string? RadiationCategory { get; set; }
    /// <summary>With CACES: the recommendations (R482, R489…) of the vehicles driven.</summary>
    public List<string> CacesCategories { get; set; } = [];
    public string? OtherRiskDescription { get; set; }
    /// <summary>Closed workstations are kept, offered again when a workstation with the same code is created.</summary>
    public DateOnly? ClosedOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
