namespace Platform.Features.Companies;

/// <summary>What the API and the portal show of a member company.</summary>
public sealed record CompanyView(Guid Id, string MemberNumber, string Siret, string Name, string? LegalForm, string? NafCode)
{
    public static CompanyView Of(Company c) => new(c.Id, c.MemberNumber, c.Siret, c.Name, c.LegalForm, c.NafCode);
}
