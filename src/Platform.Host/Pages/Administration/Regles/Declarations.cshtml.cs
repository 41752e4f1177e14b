using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>One campaign line: the declared year and its dates (yyyy-MM-dd, as date inputs send them).</summary>
public sealed class CampaignRow
{
    public string? Year { get; set; }
    public string? OpensOn { get; set; }
    public string? ClosesOn { get; set; }
    public string? DueOn { get; set; }
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Year) && string.IsNullOrWhiteSpace(OpensOn) && string.IsNullOrWhiteSpace(ClosesOn) && string.IsNullOrWhiteSpace(DueOn);
}

/// <summary>The annual declaration: its window (months, any time or campaigns), campaigns, editing after submission.</summary>
public sealed class DeclarationsModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[6];
    [BindProperty] public string Window { get; set; } = "";
    [BindProperty] public string? OpensMonth { get; set; }
    [BindProperty] public string? ClosesMonth { get; set; }
    [BindProperty] public List<CampaignRow> Campaigns { get; set; } = [];
    [BindProperty] public string? EditableDaysAfterSubmission { get; set; }
    [BindProperty] public bool NotDueInJoiningYear { get; set; }
    private readonly List<int> rowOfCampaign = [];

    protected override void Fill(TenantRules rules)
    {
        var d = rules.Declaration;
        Window = d.Window.ToString();
        OpensMonth = d.OpensMonth?.ToString(French) ?? "";
        ClosesMonth = d.ClosesMonth?.ToString(French) ?? "";
        Campaigns = d.Campaigns.Select(c => new CampaignRow
        {
            Year = c.Year.ToString(French), OpensOn = c.OpensOn.ToString("yyyy-MM-dd"), ClosesOn = c.ClosesOn.ToString("yyyy-MM-dd"), DueOn = c.DueOn.ToString("yyyy-MM-dd"),
        }).ToList();
        Campaigns.Add(new CampaignRow());
        EditableDaysAfterSubmission = d.EditableDaysAfterSubmission.ToString(French);
        NotDueInJoiningYear = d.NotDueInJoiningYear;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors)
    {
        var months = Window == nameof(DeclarationWindow.YearlyMonths);
        var campaigns = new JsonArray();
        if (Window == nameof(DeclarationWindow.Campaigns))
            for (var i = 0; i < Campaigns.Count; i++)
            {
                var row = Campaigns[i];
                if (row.Remove || row.IsBlank) continue;
                var at = $"declaration.campaigns[{i}]";
                campaigns.Add(new JsonObject
                {
                    ["year"] = Number(row.Year, at + ".year", errors, integer: true),
                    ["opensOn"] = Date(row.OpensOn, at + ".opensOn", errors),
                    ["closesOn"] = Date(row.ClosesOn, at + ".closesOn", errors),
                    ["dueOn"] = Date(row.DueOn, at + ".dueOn", errors),
                });
                rowOfCampaign.Add(i);
            }
        return
        [
            new("declaration.window", JsonValue.Create(Window)),
            // Months belong to a yearly window only, campaigns to a campaign window only (the rules refuse them elsewhere).
            new("declaration.opensMonth", months ? Number(OpensMonth, "declaration.opensMonth", errors, integer: true) : null),
            new("declaration.closesMonth", months ? Number(ClosesMonth, "declaration.closesMonth", errors, integer: true) : null),
            new("declaration.campaigns", campaigns),
            new("declaration.editableDaysAfterSubmission", Number(EditableDaysAfterSubmission, "declaration.editableDaysAfterSubmission", errors, integer: true)),
            new("declaration.notDueInJoiningYear", JsonValue.Create(NotDueInJoiningYear)),
        ];
    }

    protected override string MapErrorField(string field)
    {
        const string prefix = "declaration.campaigns[";
        if (!field.StartsWith(prefix, StringComparison.Ordinal)) return field;
        var end = field.IndexOf(']');
        return int.TryParse(field[prefix.Length..end], out var index) && index < rowOfCampaign.Count
            ? $"{prefix}{rowOfCampaign[index]}{field[end..]}" : field;
    }
}
