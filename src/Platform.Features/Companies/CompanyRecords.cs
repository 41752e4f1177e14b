using Platform.Tenancy.Isolation;

namespace Platform.Features.Companies;

/// <summary>A contact person of the establishment and their function (seeds 000, 001, 003).</summary>
public sealed class CompanyContact : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required string Function { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>The health team in charge of a company and its visit centre, set by the tenant's staff (seeds 001, 003, 004).</summary>
public sealed class HealthTeam : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public string? Doctor { get; set; }
    public List<string> Nurses { get; set; } = [];
    public string? MedicalSecretary { get; set; }
    public string? MedicalSecretaryPhone { get; set; }
    public string? MedicalSecretaryEmail { get; set; }
    public string? Iprp { get; set; }
    public string? Asst { get; set; }
    public string? PreventionAdviser { get; set; }
    public string? CentreName { get; set; }
    public string? CentreAddress { get; set; }
    public string? OpeningHours { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum SituationChange { Cessation, NoMoreEmployees, Liquidation, Suspension, Removal }

public enum RequestState { Pending, Accepted, Refused }

/// <summary>A change of situation or a suspension/removal request, processed by staff (seeds 000, 003, 004).</summary>
public sealed class SituationRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required SituationChange Kind { get; init; }
    public required string Reason { get; init; }
    public required DateOnly EffectiveDate { get; init; }
    public RequestState State { get; set; }
    public required Guid RequestedByUserId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
