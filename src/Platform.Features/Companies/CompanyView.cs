namespace Platform.Features.Companies;

/// <summary>What the API and the portal show of a member company.</summary>
public sealed record CompanyView(Guid Id, string MemberNumber, string Siret, string Name, string? LegalForm, string? NafCode)
{
    /// <summary>A temp agency's account for temp workers (NNN.1.x): at most 3 workstations, temp contracts only.</summary>
    public bool IsTempWorkerAccount => TempAgency.IsTempWorkerAccount(MemberNumber);
}
