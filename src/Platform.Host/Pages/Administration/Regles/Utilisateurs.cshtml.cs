using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Users: how a member's users and accountant firms get access.</summary>
public sealed class UtilisateursModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[2];
    [BindProperty] public string SubUsers { get; set; } = "";
    [BindProperty] public string AccountantAccess { get; set; } = "";
    [BindProperty] public bool SelfRegistration { get; set; }

    protected override void Fill(TenantRules rules)
    {
        SubUsers = rules.Users.SubUsers.ToString();
        AccountantAccess = rules.Users.AccountantAccess.ToString();
        SelfRegistration = rules.Users.SelfRegistration;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors) =>
    [
        new("users.subUsers", JsonValue.Create(SubUsers)),
        new("users.accountantAccess", JsonValue.Create(AccountantAccess)),
        new("users.selfRegistration", JsonValue.Create(SelfRegistration)),
    ];
}
