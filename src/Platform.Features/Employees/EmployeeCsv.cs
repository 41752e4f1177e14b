using Platform.Features.Imports;

namespace Platform.Features.Employees;

/// <summary>The two employee reference files of seed 001: new employees, and contract end dates.</summary>
public static class EmployeeCsv
{
    public static readonly IReadOnlyList<string> NewEmployeesHeader =
    [
        "Civilite(Madame/Monsieur)", "Prenom", "Nom de naissance", "Nom marital", "Date de naissance", "INS (N suivi du numéro)",
        "Date entree", "Date sortie", "Code CSP du type de poste", "Libelle du type de poste", "Libelle du type de contrat",
    ];

    public static readonly IReadOnlyList<string> EndDatesHeader =
        ["id", "INS", "Civilite", "Prenom", "Nom de naissance", "Nom marital", "Date de naissance", "Contrat", "Libelle de poste", "Date entree", "Date de sortie"];

    public const string NewEmployeesFileName = "salaries-modele.csv";
    public const string EndDatesFileName = "fins-de-contrat.csv";

    public static byte[] NewEmployeesTemplate() => Csv.Write(NewEmployeesHeader,
        [["Madame", "Camille", "MARTIN", "", "14/02/1990", "", "01/09/2026", "", "451a", "MANUTENTIONNAIRE", "CDI"]]);

    /// <summary>The end-date file comes filled with the active employees; only the last column is read back.</summary>
    public static byte[] EndDatesTemplate(IEnumerable<EmployeeView> employees) => Csv.Write(EndDatesHeader,
        employees.Select(e => (IReadOnlyList<string?>)
        [
            e.Id.ToString(), e.MaskedIns, e.Civility, e.FirstName, e.BirthName, e.MarriedName, Csv.Date(e.BirthDate), e.Contract,
            e.CurrentWorkstation?.Label, Csv.Date(e.StartDate), Csv.Date(e.EndDate),
        ]));

    public static readonly IReadOnlyList<string> ExportHeader =
    [
        "Civilité", "Prénom", "Nom de naissance", "Nom marital", "Date de naissance", "INS (masqué)", "Contrat", "Poste occupé", "Code CSP",
        "Suivi", "Date d'entrée", "Date de sortie", "Validé par le service",
    ];

    /// <summary>The list as exported (CSV or XLSX) and printed: the INS masked, as on screen.</summary>
    public static IEnumerable<IReadOnlyList<string?>> ExportRows(IEnumerable<EmployeeView> employees) =>
        employees.Select(e => (IReadOnlyList<string?>)
        [
            e.Civility, e.FirstName, e.BirthName, e.MarriedName, Csv.Date(e.BirthDate), e.MaskedIns, e.Contract, e.CurrentWorkstation?.Label,
            e.CurrentWorkstation?.CspCode, e.FollowUp?.ToString(), Csv.Date(e.StartDate), Csv.Date(e.EndDate), e.Validated ? "Oui" : "Non",
        ]);
}
