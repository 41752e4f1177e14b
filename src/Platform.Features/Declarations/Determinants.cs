namespace Platform.Features.Declarations;

/// <summary>The regulatory follow-up determinants an employer ticks in the declaration (seed 003, in its order).</summary>
public static class Determinants
{
    public const int MaxOwn = 20;
    public const int OwnMaxLength = 200;

    public static readonly IReadOnlyList<string> Regulatory =
    [
        "Femme enceinte, allaitante ou venant d'accoucher",
        "Habilitation de conduite de certains équipements automoteurs et de levage (CACES)",
        "Habilitation électrique (travaux sur installations électriques)",
        "Moins de 18 ans affectés aux travaux réglementés",
        "Moins de 18 ans non affectés à travaux réglementés",
        "Rayonnements ionisants catégorie A",
        "Rayonnements ionisants catégorie B",
        "Risques particuliers motivés par l'employeur",
        "Salarié exposé à l'amiante",
        "Salarié exposé à manutention manuelle, port de charges > 55kg (R4541-9)",
        "Salarié exposé au CMR",
        "Salarié exposé au plomb",
        "Salarié exposé au risque de chute de hauteur lors du montage / démontage d'échafaudage",
        "Salarié exposé au risque hyperbare",
        "Salarié exposé aux agents biologiques groupe 2 (AB2)",
        "Salarié exposé aux agents biologiques pathogènes groupes 3 et 4 (ABP3 et 4)",
        "Salarié exposé aux champs électromagnétiques si VLE dépassée",
        "Titulaire d'une pension d'invalidité",
        "Travailleur de nuit",
        "Travailleur handicapé (TH)",
    ];
}
