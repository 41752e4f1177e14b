using Platform.Features.Imports;
using Platform.Features.Regulation;

namespace Platform.Features.Workstations;

/// <summary>
/// The workstation reference file of seed 001: Code CSP, Libellé, one Oui/Non column per risk, then
/// the description of the other risk. Columns are taken by position; the header's first cells are
/// checked loosely because spreadsheets shorten them.
/// </summary>
public static class WorkstationCsv
{
    private static readonly IReadOnlyList<(string Header, Risk Risk)> RiskColumns =
    [
        ("Amiante(Oui/Non)", Risk.Asbestos),
        ("Plomb(Oui/Non)", Risk.Lead),
        ("CMR (Cancérogène)(Oui/Non)", Risk.Cmr),
        ("Agent biologique groupes 3 et 4(Oui/Non)", Risk.BiologicalGroup3And4),
        ("Rayonnements ionisants(Oui/Non)", Risk.IonisingRadiation),
        ("Risque hyperbare(Oui/Non)", Risk.Hyperbaric),
        ("Chute(Oui/Non)", Risk.ScaffoldFall),
        ("Habilitation électrique(Oui/Non)", Risk.ElectricalClearance),
        ("CACES(Oui/Non)", Risk.Caces),
        ("Charge manuelle plus de 55 kg(Oui/Non)", Risk.ManualLoadsOver55Kg),
        ("Agent biologique groupe 2(Oui/Non)", Risk.BiologicalGroup2),
        ("Champs électromagnétiques(Oui/Non)", Risk.ElectromagneticFields),
        ("Travailleur de nuit(Oui/Non)", Risk.NightWork),
        ("Autre risque(Oui/Non)", Risk.Other),
    ];

    public static readonly IReadOnlyList<string> Header =
        ["Code CSP", "Libellé", .. RiskColumns.Select(c => c.Header), "Description du risque"];

    public const string TemplateFileName = "postes-de-travail-modele.csv";

    /// <summary>The reference file to download: the header and one example line.</summary>
    public static byte[] Template() => Csv.Write(Header,
    [
        ["451a", "MANUTENTIONNAIRE", .. RiskColumns.Select(c => c.Risk == Risk.ManualLoadsOver55Kg ? "Oui" : "Non"), ""],
    ]);

    public static (IReadOnlyList<(int Line, CheckedWorkstation Workstation)> Workstations, IReadOnlyList<ImportError> Errors) Parse(string text)
    {
        var (header, lines) = Csv.Read(text);
        if (HeaderProblem(header) is { } problem) return ([], [problem]);
        if (lines.Count > Csv.MaxLines) return ([], [new ImportError(Csv.MaxLines + 2, null, "TOO_MANY_LINES", $"Le fichier dépasse {Csv.MaxLines} lignes : découpez-le.")]);

        var workstations = new List<(int, CheckedWorkstation)>();
        var errors = new List<ImportError>();
        foreach (var line in lines)
        {
            var risks = new List<Risk>();
            for (var i = 0; i < RiskColumns.Count; i++)
            {
                switch (Csv.YesNo(line.Cell(2 + i)))
                {
                    case true: risks.Add(RiskColumns[i].Risk); break;
                    case null: errors.Add(new(line.Number, Header[2 + i], "YES_NO", "Inscrivez « Oui » ou « Non » dans cette colonne.")); break;
                }
            }
            var draft = new WorkstationDraft(line.Cell(1), line.Cell(0), risks, OtherRiskDescription: line.Cell(2 + RiskColumns.Count));
            var (checkedDraft, problems) = WorkstationRules.Check(draft, detailsRequired: false);
            errors.AddRange(problems.Select(p => new ImportError(line.Number, ColumnOf(p.Field), p.Code, p.Message)));
            if (checkedDraft is not null) workstations.Add((line.Number, checkedDraft));
        }
        return (workstations, errors);
    }

    private static string? ColumnOf(string? field) => field switch
    {
        "label" => "Libellé",
        "cspCode" => "Code CSP",
        "otherRiskDescription" => "Description du risque",
        _ => null,
    };

    private static ImportError? HeaderProblem(IReadOnlyList<string>? header)
    {
        if (header is null) return new(1, null, "EMPTY", "Le fichier est vide : téléchargez le fichier de référence et remplissez-le.");
        // The risk columns are taken by position; their headers vary between spreadsheets ("C Agent biologique").
        return Csv.HeaderMatches(header, Header, cellsToCompare: 2) ? null : new(1, null, "BAD_HEADER",
            $"La première ligne doit reprendre les colonnes du fichier de référence ({string.Join(" ; ", Header.Take(3))}…), séparées par des points-virgules.");
    }
}
