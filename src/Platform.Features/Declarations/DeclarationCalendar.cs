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

    /// <summary>
    /// Whether a company that joined in <paramref name="joinedYear"/> owes the period's declaration (sstrn: not
    /// the year of joining). A temp agency's temp-worker account (NNN.1.x) never does: the declaration is
    /// « uniquement pour les salariés permanents » (seed 000), declared on the parent account; its visits are invoiced one by one.
    /// </summary>
    public static bool Owes(DeclarationRules rules, DeclarationPeriod period, int joinedYear, string memberNumber) =>
        !TempAgency.IsTempWorkerAccount(memberNumber) && !(rules.NotDueInJoiningYear && joinedYear >= period.Year);
}
