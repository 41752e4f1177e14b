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
    /// <summary>Radiation accepted by staff: from this day its users have no access; its history stays.</summary>
    public DateOnly? RemovedOn { get; set; }
    public DateOnly? CreationDate { get; set; }
    public string? Activity { get; set; }
    /// <summary>The company's telephone (seed 001: required) and fax, written "03 89 36 30 15".</summary>
    public string? Phone { get; set; }
    public string? Fax { get; set; }
    public PostalAddress? MainAddress { get; set; }
    /// <summary>Null: invoices go to the main address.</summary>
    public PostalAddress? BillingAddress { get; set; }
    /// <summary>Null: convocations go to the main address.</summary>
    public PostalAddress? ConvocationAddress { get; set; }
    /// <summary>
    /// When the member's SEPA mandate became active; null: none. Read through <see cref="Billing.SepaMandateState"/>;
    /// the SEPA mandate flow (payments, issue 12) sets it and clears it when the mandate ends.
    /// </summary>
    public DateTimeOffset? SepaMandateActiveSince { get; set; }
    /// <summary>
    /// Changed to a new random value by the database's triggers on every write of the company's employees, workstations
    /// and career entries, whatever wrote them (EF Core, bulk SQL, another node): see <see cref="Employees.WorkforceVersion"/>.
    /// Never written by the application.
    /// </summary>
    public long WorkforceVersion { get; private set; }
}

/// <summary>
/// A French postal address (stored in the company's row). CompanyName is the « Raison sociale » line
/// that billing and convocation addresses carry (seed 001); the main address has none.
/// </summary>
public sealed record PostalAddress(string Line1, string? Line2, string PostalCode, string City, string? CompanyName = null);
