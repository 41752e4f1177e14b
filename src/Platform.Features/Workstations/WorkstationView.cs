using Platform.Features.Regulation;

namespace Platform.Features.Workstations;

/// <summary>A workstation as lists and forms show it, with its follow-up badge for today.</summary>
public sealed record WorkstationView(
    Guid Id, Guid CompanyId, string Label, string CspCode, IReadOnlyList<Risk> Risks, string? RadiationCategory,
    IReadOnlyList<string> CacesCategories, string? OtherRiskDescription, bool Closed, bool Editable, FollowUpCategory FollowUp)
{
    /// <summary>Imported before the radiation category or the CACES vehicles were asked: to complete at the next visit request.</summary>
    public bool DetailsMissing =>
        (Risks.Contains(Risk.IonisingRadiation) && RadiationCategory is null) || (Risks.Contains(Risk.Caces) && CacesCategories.Count == 0);

    /// <summary>"Aucun risque" or "Risque(s) : CACES, Chute", as the seed's lists write it.</summary>
    public string RisksText => Risks.Count == 0 ? "Aucun risque" : "Risque(s) : " + string.Join(", ", WorkstationRules.FormOrder.Where(Risks.Contains).Select(WorkstationRules.Label));

    /// <summary>Attestations of no contraindication the risks ask for instead of reinforced follow-up (décret 2025-355).</summary>
    public IReadOnlyList<string> Attestations { get; init; } = [];

    /// <summary>The view of a workstation read from the database; held: a current employee holds it (then it cannot be edited).</summary>
    internal static WorkstationView Of(Workstation w, bool held, DateOnly today) =>
        new(w.Id, w.CompanyId, w.Label, w.CspCode, w.Risks, w.RadiationCategory, w.CacesCategories, w.OtherRiskDescription,
            w.ClosedOn is not null, !held, FollowUpRules.For(w.Risks, today))
        {
            Attestations = FollowUpRules.Attestations(w.Risks, today).Select(a => $"{WorkstationRules.Label(a.Risk)} : attestation de non contre-indication valable {a.Years} ans").ToList(),
        };
}
