using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Employees: which employer changes staff validate, when they take effect, and the monthly lock of the employee section.</summary>
public sealed class SalariesModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[7];
    [BindProperty] public string NeedStaffValidation { get; set; } = "";
    [BindProperty] public bool TakesEffectNextDay { get; set; }
    [BindProperty] public bool EmployeesVisibleAfterDeclaration { get; set; }
    [BindProperty] public bool Lock { get; set; }
    [BindProperty] public string? LockMonth { get; set; }
    [BindProperty] public string? LockMessage { get; set; }

    protected override void Fill(TenantRules rules)
    {
        var e = rules.EmployerChanges;
        NeedStaffValidation = e.NeedStaffValidation.ToString();
        TakesEffectNextDay = e.TakesEffectNextDay;
        EmployeesVisibleAfterDeclaration = e.EmployeesVisibleAfterDeclaration;
        Lock = e.EmployeeSectionLock is not null;
        LockMonth = (e.EmployeeSectionLock?.Month ?? 1).ToString(French);
        LockMessage = e.EmployeeSectionLock?.Message
            ?? "La rubrique « Mes salariés » est inaccessible ce mois-ci, durant la déclaration annuelle des effectifs.";
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors) =>
    [
        new("employerChanges.needStaffValidation", JsonValue.Create(NeedStaffValidation)),
        new("employerChanges.takesEffectNextDay", JsonValue.Create(TakesEffectNextDay)),
        new("employerChanges.employeesVisibleAfterDeclaration", JsonValue.Create(EmployeesVisibleAfterDeclaration)),
        new("employerChanges.employeeSectionLock", Lock
            ? new JsonObject
            {
                ["month"] = Number(LockMonth, "employerChanges.employeeSectionLock.month", errors, integer: true),
                ["message"] = LockMessage?.Trim() ?? "",
            }
            : null),
    ];
}
