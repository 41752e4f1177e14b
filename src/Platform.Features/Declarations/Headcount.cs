namespace Platform.Features.Declarations;

/// <summary>A contract as the headcount rule reads it.</summary>
public sealed record ContractSpan(DateOnly StartDate, DateOnly? EndDate, string Contract);

/// <summary>
/// The headcount a declaration for year N counts (seed 000): the employees present on 31 December of
/// N-1. A contract ending on 31/12 is still counted; employers set 30/12 to leave someone out.
/// Apprentices are counted apart: some services bill them per visit (sstbtp-bfc).
/// </summary>
public static class Headcount
{
    public const string ApprenticeContract = "Apprentissage";

    public static DateOnly ReferenceDate(int declarationYear) => new(declarationYear - 1, 12, 31);

    public static bool PresentOn(ContractSpan c, DateOnly day) => c.StartDate <= day && (c.EndDate is null || c.EndDate >= day);

    public static bool IsApprentice(ContractSpan c) => string.Equals(c.Contract, ApprenticeContract, StringComparison.OrdinalIgnoreCase);

    public static (int Employees, int Apprentices) Count(IEnumerable<ContractSpan> contracts, int declarationYear)
    {
        var day = ReferenceDate(declarationYear);
        var present = contracts.Where(c => PresentOn(c, day)).ToList();
        var apprentices = present.Count(IsApprentice);
        return (present.Count - apprentices, apprentices);
    }
}
