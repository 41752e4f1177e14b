using Platform.Features.Companies;
using Platform.Tenancy.Rules;

namespace Platform.Features.Declarations;

/// <summary>The declaration a tenant expects: the year it is for and the dates of its window.</summary>
public sealed record DeclarationPeriod(int Year, DateOnly OpensOn, DateOnly ClosesOn, DateOnly DueOn);

/// <summary>
/// When each tenant asks for the annual declaration (rule matrix): sst68 in January, sstrn from
/// 1 January to the end of February, sist-on any time of the year, sstbtp-bfc per yearly campaign.
/// </summary>
public static class DeclarationCalendar
{
    /// <summary>The latest period opened by today, or null when none has opened yet.</summary>
    public static DeclarationPeriod? Current(DeclarationRules rules, DateOnly today)
    {
        switch (rules.Window)
        {
            case DeclarationWindow.YearlyMonths:
            {
                var (opensMonth, closesMonth) = (rules.OpensMonth ?? 1, rules.ClosesMonth ?? rules.OpensMonth ?? 1);
                var year = today.Month >= opensMonth ? today.Year : today.Year - 1;
                var opens = new DateOnly(year, opensMonth, 1);
                var closes = new DateOnly(year, closesMonth, DateTime.DaysInMonth(year, closesMonth));
                return new(year, opens, closes, closes);
            }
            case DeclarationWindow.AnyTime:
                return new(today.Year, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31), new DateOnly(today.Year, 12, 31));
            default:
                return rules.Campaigns.Where(c => c.OpensOn <= today).MaxBy(c => c.OpensOn) is { } campaign
                    ? new(campaign.Year, campaign.OpensOn, campaign.ClosesOn, campaign.DueOn)
                    : null;
        }
    }

    /// <summary>The window of one year's declaration, or null where the tenant has no campaign for it.</summary>
    public static DeclarationPeriod? PeriodOf(DeclarationRules rules, int year)
    {
        switch (rules.Window)
        {
            case DeclarationWindow.YearlyMonths:
            {
                var (opensMonth, closesMonth) = (rules.OpensMonth ?? 1, rules.ClosesMonth ?? rules.OpensMonth ?? 1);
                var closes = new DateOnly(year, closesMonth, DateTime.DaysInMonth(year, closesMonth));
                return new(year, new DateOnly(year, opensMonth, 1), closes, closes);
            }
            case DeclarationWindow.AnyTime:
                return new(year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), new DateOnly(year, 12, 31));
            default:
                return rules.Campaigns.FirstOrDefault(c => c.Year == year) is { } campaign
                    ? new(campaign.Year, campaign.OpensOn, campaign.ClosesOn, campaign.DueOn)
                    : null;
        }
    }

    /// <summary>How many years back a declaration not made can still be made (seeds 000, 001: « années antérieures »).</summary>
    public const int PastYears = 3;

    /// <summary>
    /// Whether a year's declaration can be made today: its window is open, or it is a past year (before the
    /// period the tenant expects now) not declared, within <see cref="PastYears"/>. Later years are not open.
    /// </summary>
    public static bool IsOpen(DeclarationRules rules, int year, DateOnly today)
    {
        if (PeriodOf(rules, year) is { } period && period.OpensOn <= today && today <= period.ClosesOn) return true;
        return Current(rules, today) is { } current && year < current.Year && year >= current.Year - PastYears;
    }

    /// <summary>
    /// Whether a company that joined in <paramref name="joinedYear"/> owes the period's declaration (sstrn: not
    /// the year of joining). A temp agency's temp-worker account (NNN.1.x) never does: the declaration is
    /// « uniquement pour les salariés permanents » (seed 000), declared on the parent account; its visits are invoiced one by one.
    /// </summary>
    public static bool Owes(DeclarationRules rules, DeclarationPeriod period, int joinedYear, string memberNumber) =>
        !TempAgency.IsTempWorkerAccount(memberNumber) && !(rules.NotDueInJoiningYear && joinedYear >= period.Year);
}
