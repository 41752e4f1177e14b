using System.Text.RegularExpressions;

namespace Platform.Features.Companies;

/// <summary>
/// Temp agencies (seed 000): the permanent staff on the parent account `NNN.1`, temp workers on
/// accounts `NNN.1.1`, `NNN.1.2`… Administrative changes are made on the parent only; a temp-worker
/// account declares at most 3 workstations and only the contracts Intérim and CDI intérim.
/// </summary>
public static partial class TempAgency
{
    public const int MaxTempWorkstations = 3;
    public static readonly IReadOnlyList<string> TempContracts = ["Intérim", "CDI intérim"];

    public static bool IsTempWorkerAccount(string memberNumber) => TempWorkerNumber().IsMatch(memberNumber);

    /// <summary>The parent account's number of a temp-worker account (680.1 for 680.1.2), else null.</summary>
    public static string? ParentOf(string memberNumber) =>
        TempWorkerNumber().Match(memberNumber) is { Success: true } m ? m.Groups["parent"].Value : null;

    /// <summary>The refusal of an administrative change on a temp-worker account, naming the parent account.</summary>
    public static UserError AdministrativeOnParent(string parent) =>
        new("ADMIN_ON_PARENT", $"Les modifications administratives se font sur le compte mère {parent}.", "companyId");

    [GeneratedRegex(@"^(?<parent>[0-9A-Za-z]+\.1)\.[1-9][0-9]*$")]
    private static partial Regex TempWorkerNumber();
}
