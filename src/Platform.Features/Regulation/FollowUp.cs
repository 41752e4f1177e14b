namespace Platform.Features.Regulation;

/// <summary>Suivi individuel simple, adapté, renforcé (SPEC.md 4.1).</summary>
public enum FollowUpCategory { SI = 0, SIA = 1, SIR = 2 }

/// <summary>The 14 workstation risks of SPEC.md 3.3 (the contract's Risk enum).</summary>
public enum Risk
{
    Asbestos, BiologicalGroup3And4, Hyperbaric, NightWork, ElectromagneticFields, Cmr, ElectricalClearance,
    ScaffoldFall, Caces, Lead, IonisingRadiation, ManualLoadsOver55Kg, BiologicalGroup2, Other,
}

/// <summary>
/// A worker's own situations that call for adapted follow-up (R4624-17 to R4624-20). The employer declares
/// them on the employee (<see cref="EmployeeSituations"/>); under 18 follows from the birth date.
/// </summary>
public enum WorkerSituation { DisabledWorker, InvalidityPension, PregnantOrBreastfeeding, UnderEighteen, NightWorker }

/// <summary>
/// The situations an employer declares on an employee, stored as one number (the nightly refresh reads a
/// million of them): travailleur handicapé (RQTH), pension d'invalidité, enceinte, venant d'accoucher ou
/// allaitante, travailleur de nuit (L3122-5) whatever the workstation says.
/// </summary>
[Flags]
public enum EmployeeSituations
{
    None = 0,
    DisabledWorker = 1,
    InvalidityPension = 2,
    PregnantOrBreastfeeding = 4,
    NightWorker = 8,
}

public static class EmployeeSituationsExtensions
{
    private static readonly (EmployeeSituations Flag, WorkerSituation Situation)[] Pairs =
    [
        (EmployeeSituations.DisabledWorker, WorkerSituation.DisabledWorker),
        (EmployeeSituations.InvalidityPension, WorkerSituation.InvalidityPension),
        (EmployeeSituations.PregnantOrBreastfeeding, WorkerSituation.PregnantOrBreastfeeding),
        (EmployeeSituations.NightWorker, WorkerSituation.NightWorker),
    ];

    public static IReadOnlyList<WorkerSituation> AsList(this EmployeeSituations flags) =>
        flags == EmployeeSituations.None ? [] : Pairs.Where(p => flags.HasFlag(p.Flag)).Select(p => p.Situation).ToList();

    /// <summary>The flags of declared situations; null when one cannot be declared (under 18 follows from the birth date).</summary>
    public static EmployeeSituations? ToFlags(IEnumerable<WorkerSituation> situations)
    {
        var flags = EmployeeSituations.None;
        foreach (var s in situations)
        {
            var pair = Pairs.FirstOrDefault(p => p.Situation == s);
            if (pair.Flag == EmployeeSituations.None) return null;
            flags |= pair.Flag;
        }
        return flags;
    }

    public static string Label(WorkerSituation situation) => situation switch
    {
        WorkerSituation.DisabledWorker => "Travailleur handicapé (RQTH)",
        WorkerSituation.InvalidityPension => "Titulaire d'une pension d'invalidité",
        WorkerSituation.PregnantOrBreastfeeding => "Femme enceinte, venant d'accoucher ou allaitante",
        WorkerSituation.NightWorker => "Travailleur de nuit",
        _ => "Moins de 18 ans",
    };
}

/// <summary>The category a risk puts a worker in from a date on: rules change, and a past year is judged by its own rules.</summary>
public sealed record DatedRiskRule(Risk Risk, DateOnly From, FollowUpCategory Category, string Reason, int? AttestationYears = null);

/// <summary>
/// Follow-up category from the workstation's risks and the worker's situations: the strongest wins
/// (SIR > SIA > SI). Since 1 October 2025 (décret 2025-355) a CACES driving authorisation or an
/// electrical clearance no longer means SIR: the worker is SI with a 5-year attestation.
/// </summary>
public static class FollowUpRules
{
    public static readonly DateOnly Decree2025355 = new(2025, 10, 1);
    private static readonly DateOnly Always = DateOnly.MinValue;

    public static readonly IReadOnlyList<DatedRiskRule> Rules =
    [
        new(Risk.Asbestos, Always, FollowUpCategory.SIR, "Amiante (R4624-23)"),
        new(Risk.Lead, Always, FollowUpCategory.SIR, "Plomb (R4624-23)"),
        new(Risk.Cmr, Always, FollowUpCategory.SIR, "Agents CMR (R4624-23)"),
        new(Risk.BiologicalGroup3And4, Always, FollowUpCategory.SIR, "Agents biologiques des groupes 3 et 4 (R4624-23)"),
        new(Risk.IonisingRadiation, Always, FollowUpCategory.SIR, "Rayonnements ionisants (R4624-23)"),
        new(Risk.Hyperbaric, Always, FollowUpCategory.SIR, "Risque hyperbare (R4624-23)"),
        new(Risk.ScaffoldFall, Always, FollowUpCategory.SIR, "Chute de hauteur lors du montage et démontage d'échafaudages (R4624-23)"),
        new(Risk.ManualLoadsOver55Kg, Always, FollowUpCategory.SIR, "Manutention de charges de plus de 55 kg (R4541-9)"),
        new(Risk.Other, Always, FollowUpCategory.SIR, "Risque particulier motivé par l'employeur (R4624-23 III)"),
        new(Risk.Caces, Always, FollowUpCategory.SIR, "Autorisation de conduite (CACES), avant le décret 2025-355"),
        new(Risk.Caces, Decree2025355, FollowUpCategory.SI, "Autorisation de conduite (CACES) : attestation de non contre-indication", AttestationYears: 5),
        new(Risk.ElectricalClearance, Always, FollowUpCategory.SIR, "Habilitation électrique, avant le décret 2025-355"),
        new(Risk.ElectricalClearance, Decree2025355, FollowUpCategory.SI, "Habilitation électrique : attestation de non contre-indication", AttestationYears: 5),
        new(Risk.NightWork, Always, FollowUpCategory.SIA, "Travail de nuit (R4624-18)"),
        new(Risk.BiologicalGroup2, Always, FollowUpCategory.SIA, "Agents biologiques du groupe 2 (R4624-18)"),
        new(Risk.ElectromagneticFields, Always, FollowUpCategory.SIA, "Champs électromagnétiques au-delà des valeurs limites (R4624-18)"),
    ];

    /// <summary>The rule in force for a risk on a date: the latest whose date is not after it.</summary>
    public static DatedRiskRule RuleFor(Risk risk, DateOnly on) =>
        Rules.Where(r => r.Risk == risk && r.From <= on).MaxBy(r => r.From)!;

    public static FollowUpCategory For(IEnumerable<Risk> risks, DateOnly on, IEnumerable<WorkerSituation>? situations = null)
    {
        var category = risks.Select(r => RuleFor(r, on).Category).DefaultIfEmpty(FollowUpCategory.SI).Max();
        if ((situations ?? []).Any() && category < FollowUpCategory.SIA) category = FollowUpCategory.SIA;
        return category;
    }

    /// <summary>Risks that ask for an attestation of no contraindication instead of reinforced follow-up, and for how long.</summary>
    public static IEnumerable<(Risk Risk, int Years)> Attestations(IEnumerable<Risk> risks, DateOnly on) =>
        risks.Select(r => RuleFor(r, on)).Where(r => r.AttestationYears is not null).Select(r => (r.Risk, r.AttestationYears!.Value));
}
