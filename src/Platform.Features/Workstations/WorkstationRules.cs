using System.Text.RegularExpressions;
using Platform.Features.Regulation;

namespace Platform.Features.Workstations;

/// <summary>What a workstation is declared with, before it is checked.</summary>
public sealed record WorkstationDraft(
    string? Label, string? CspCode, IReadOnlyList<Risk>? Risks,
    string? RadiationCategory = null, IReadOnlyList<string>? CacesCategories = null, string? OtherRiskDescription = null);

/// <summary>A checked workstation declaration: label upper-case, known PCS code, risk details where a risk needs them.</summary>
public sealed record CheckedWorkstation(string Label, string CspCode, List<Risk> Risks, string? RadiationCategory, List<string> CacesCategories, string? OtherRiskDescription);

/// <summary>The checks of a workstation declaration (SPEC.md 3.3, seed 001), shared by the form, the API and the import.</summary>
public static partial class WorkstationRules
{
    public static readonly IReadOnlyList<string> RadiationCategories = ["A", "B", "INB"];

    /// <summary>The CACES recommendations of the CNAM, the vehicle categories a CACES workstation names.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> CacesRecommendations =
    [
        ("R482", "Engins de chantier"),
        ("R483", "Grues mobiles"),
        ("R484", "Ponts roulants et portiques"),
        ("R485", "Chariots de manutention automoteurs gerbeurs à conducteur accompagnant"),
        ("R486", "Plates-formes élévatrices mobiles de personnes (PEMP)"),
        ("R487", "Grues à tour"),
        ("R489", "Chariots de manutention automoteurs à conducteur porté"),
        ("R490", "Grues de chargement"),
    ];

    public const int LabelMaxLength = 100;
    public const int DescriptionMaxLength = 500;

    /// <param name="detailsRequired">False for the bulk import, whose reference file has no column for the
    /// radiation category or the CACES vehicles: they are asked for later (seed 001).</param>
    public static (CheckedWorkstation? Workstation, IReadOnlyList<UserError> Errors) Check(WorkstationDraft draft, bool detailsRequired = true)
    {
        var errors = new List<UserError>();
        var label = Regex.Replace(draft.Label ?? "", @"\s+", " ").Trim().ToUpperInvariant();
        if (label.Length == 0) errors.Add(new("REQUIRED", "Indiquez l'intitulé du poste de travail.", "label"));
        else if (label.Length > LabelMaxLength) errors.Add(new("TOO_LONG", $"L'intitulé du poste ne doit pas dépasser {LabelMaxLength} caractères.", "label"));
        else if (LooksLikeAcronym(label)) errors.Add(new("ACRONYM", "Écrivez l'intitulé complet du poste, sans sigle ni acronyme (par exemple « DIRECTEUR DES RESSOURCES HUMAINES » et non « DRH »).", "label"));

        var code = (draft.CspCode ?? "").Trim().ToLowerInvariant();
        if (code.Length == 0) errors.Add(new("REQUIRED", "Indiquez la catégorie socio-professionnelle (code CSP).", "cspCode"));
        else if (!PcsNomenclature.IsWellFormed(code)) errors.Add(new("INVALID_CSP", "Le code CSP s'écrit avec 3 chiffres et une lettre, par exemple 372d.", "cspCode"));
        else if (PcsNomenclature.Shipped.Find(code) is null) errors.Add(new("UNKNOWN_CSP", $"Le code CSP {code} n'existe pas dans la nomenclature PCS-ESE : recherchez-le par mot clé.", "cspCode"));

        var risks = (draft.Risks ?? []).Distinct().Order().ToList();

        string? radiation = null;
        if (risks.Contains(Risk.IonisingRadiation))
        {
            radiation = draft.RadiationCategory?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(radiation)) { radiation = null; if (detailsRequired) errors.Add(new("RADIATION_CATEGORY_REQUIRED", "Précisez la catégorie d'exposition aux rayonnements ionisants : A, B ou demande d'aptitude INB.", "radiationCategory")); }
            else if (!RadiationCategories.Contains(radiation)) errors.Add(new("INVALID_RADIATION_CATEGORY", "La catégorie d'exposition aux rayonnements ionisants est A, B ou INB.", "radiationCategory"));
        }

        var caces = new List<string>();
        if (risks.Contains(Risk.Caces))
        {
            caces = (draft.CacesCategories ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().Order().ToList();
            if (caces.Count == 0 && detailsRequired) errors.Add(new("CACES_CATEGORIES_REQUIRED", "Sélectionnez un ou plusieurs véhicules pour l'autorisation de conduite (CACES).", "cacesCategories"));
            foreach (var unknown in caces.Where(c => CacesRecommendations.All(r => r.Code != c)))
                errors.Add(new("INVALID_CACES_CATEGORY", $"« {Truncate(unknown)} » n'est pas une catégorie CACES : choisissez parmi {string.Join(", ", CacesRecommendations.Select(r => r.Code))}.", "cacesCategories"));
        }

        string? description = null;
        if (risks.Contains(Risk.Other))
        {
            description = draft.OtherRiskDescription?.Trim();
            if (string.IsNullOrEmpty(description)) { description = null; errors.Add(new("OTHER_RISK_DESCRIPTION_REQUIRED", "Décrivez l'autre risque auquel le poste expose : le suivi renforcé doit être motivé par écrit.", "otherRiskDescription")); }
            else if (description.Length > DescriptionMaxLength) errors.Add(new("TOO_LONG", $"La description du risque ne doit pas dépasser {DescriptionMaxLength} caractères.", "otherRiskDescription"));
        }

        return errors.Count > 0 ? (null, errors) : (new CheckedWorkstation(label, code, risks, radiation, caces, description), errors);
    }

    /// <summary>"DRH", "RH", "R.H.", "A.S.H": a single word of three letters or fewer, or without a vowel, or letters separated by dots.</summary>
    private static bool LooksLikeAcronym(string label) =>
        (!label.Contains(' ') && (label.Length <= 3 || !label.Any(c => "AEIOUYÀÂÉÈÊËÎÏÔÙÛÜ".Contains(c)))) || DottedAcronym().IsMatch(label);

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";

    [GeneratedRegex(@"\b(\p{L}\.){2,}")]
    private static partial Regex DottedAcronym();

    /// <summary>French names of the risks, as the form and the lists show them.</summary>
    public static string Label(Risk risk) => risk switch
    {
        Risk.Asbestos => "Amiante",
        Risk.BiologicalGroup3And4 => "Agents biologiques des groupes 3 et 4",
        Risk.Hyperbaric => "Risque hyperbare",
        Risk.NightWork => "Travail de nuit",
        Risk.ElectromagneticFields => "Champs électromagnétiques",
        Risk.Cmr => "Agents CMR",
        Risk.ElectricalClearance => "Électrique",
        Risk.ScaffoldFall => "Chute",
        Risk.Caces => "CACES",
        Risk.Lead => "Plomb",
        Risk.IonisingRadiation => "Rayonnements ionisants",
        Risk.ManualLoadsOver55Kg => "Charge manuelle",
        Risk.BiologicalGroup2 => "Agents biologiques du groupe 2",
        Risk.Other => "Autre risque",
        _ => risk.ToString(),
    };

    /// <summary>The form's wording of each risk (seed 001).</summary>
    public static string Question(Risk risk) => risk switch
    {
        Risk.Asbestos => "À l'amiante",
        Risk.BiologicalGroup3And4 => "Aux agents biologiques des groupes 3 et 4",
        Risk.Hyperbaric => "Au risque hyperbare",
        Risk.NightWork => "Au travail de nuit",
        Risk.ElectromagneticFields => "Aux champs électromagnétiques",
        Risk.Cmr => "Aux agents cancérogènes, mutagènes ou toxiques pour la reproduction (CMR)",
        Risk.ElectricalClearance => "Autorisation à effectuer des opérations sur installations électriques ou dans leur voisinage (sauf salariés habilités H0B0)",
        Risk.ScaffoldFall => "Au risque de chute de hauteur lors des opérations de montage et de démontage d'échafaudages",
        Risk.Caces => "Autorisation de conduite de certains équipements de travail mobiles ou servant au levage de charges - CACES",
        Risk.Lead => "Au plomb",
        Risk.IonisingRadiation => "Aux rayonnements ionisants",
        Risk.ManualLoadsOver55Kg => "Au port régulier et manuel de charges de plus de 55 kg",
        Risk.BiologicalGroup2 => "Aux agents biologiques de groupe 2",
        Risk.Other => "À un autre risque",
        _ => risk.ToString(),
    };

    /// <summary>The order of the form and of the reference file's risk columns.</summary>
    public static readonly IReadOnlyList<Risk> FormOrder =
    [
        Risk.Asbestos, Risk.BiologicalGroup3And4, Risk.Hyperbaric, Risk.NightWork, Risk.ElectromagneticFields, Risk.Cmr,
        Risk.ElectricalClearance, Risk.ScaffoldFall, Risk.Caces, Risk.Lead, Risk.IonisingRadiation, Risk.ManualLoadsOver55Kg,
        Risk.BiologicalGroup2, Risk.Other,
    ];
}
