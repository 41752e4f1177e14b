namespace Platform.Features.Companies;

/// <summary>What the API and the portal show of a member company.</summary>
public sealed record CompanyView(Guid Id, string MemberNumber, string Siret, string Name, string? LegalForm, string? NafCode);
