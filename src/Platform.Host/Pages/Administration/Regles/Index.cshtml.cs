using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.TenantSettings;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Tenant administrators: the rules in force, group by group in plain French, and the latest changes.</summary>
[Authorize]
public sealed class IndexModel(TenantRulesAdministration administration) : PageModel
{
    /// <summary>What the overview says of each group: its main rules (absent ones are left out).</summary>
    private static readonly Dictionary<string, string[]> Highlights = new()
    {
        ["identite"] = ["name", "theme.primaryColor", "theme.secondaryColor", "theme.logo", "theme.contact.phone", "theme.contact.email"],
        ["connexion"] = ["login.identifier", "login.proof", "login.lockout", "login.connectionHistorySize", "login.proxyLogin"],
        ["utilisateurs"] = ["users.subUsers", "users.accountantAccess", "users.selfRegistration"],
        ["paiement"] = ["payment.methods", "payment.sepaDiscountPercent", "payment.sepaPreNotificationDays"],
        ["facturation"] = ["billing.cycle", "billing.instalments", "rates"],
        ["visites"] = ["cancellation.hours", "cancellation.workingDays", "cancellation.appointmentChannel", "holidayCalendar"],
        ["declarations"] = ["declaration.window", "declaration.opensMonth", "declaration.closesMonth", "declaration.campaigns"],
        ["salaries"] = ["employerChanges.needStaffValidation", "employerChanges.takesEffectNextDay", "employerChanges.employeeSectionLock"],
    };

    public sealed record GroupSummary(RuleGroup Group, IReadOnlyList<(string Label, string Value)> Lines, int Overridden);

    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];
    public IReadOnlyList<RuleChangeView> History { get; private set; } = [];
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var json = await administration.EffectiveJsonAsync();
        var overrides = await administration.OverridesAsync(ct);
        History = (await administration.HistoryAsync(ct)).Take(10).ToList();
        Groups = RuleGroup.All.Select(g => new GroupSummary(g,
            Highlights[g.Slug]
                .Select(path => (Path: path, Node: RulePaths.Get(json, path)))
                .Where(p => p.Node is not null && p.Node is not JsonArray { Count: 0 })
                .Select(p => (RuleText.Label(p.Path), RuleText.Describe(p.Path, p.Node!.ToJsonString())))
                .ToList(),
            overrides.Count(o => g.Covers(o.Path)))).ToList();
    }
}
