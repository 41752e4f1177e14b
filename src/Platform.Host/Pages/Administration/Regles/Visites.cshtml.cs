using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Appointments: the cancellation notice (hours or working days), how to cancel within it, the holiday calendar.</summary>
public sealed class VisitesModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[5];
    /// <summary>"hours" or "workingDays".</summary>
    [BindProperty] public string NoticeUnit { get; set; } = "hours";
    [BindProperty] public string? Notice { get; set; }
    [BindProperty] public string AppointmentChannel { get; set; } = "";
    [BindProperty] public bool PendingRequestsCancelOnline { get; set; }
    [BindProperty] public string HolidayCalendar { get; set; } = "";
    [BindProperty] public bool RequestsFromPeriodicity { get; set; }

    protected override void Fill(TenantRules rules)
    {
        var c = rules.Cancellation;
        NoticeUnit = c.WorkingDays is null ? "hours" : "workingDays";
        Notice = (c.WorkingDays ?? c.Hours)?.ToString(French);
        AppointmentChannel = c.AppointmentChannel.ToString();
        PendingRequestsCancelOnline = c.PendingRequestsCancelOnline;
        HolidayCalendar = rules.HolidayCalendar.ToString();
        RequestsFromPeriodicity = rules.VisitPlanning.RequestsFromPeriodicity;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors)
    {
        var inDays = NoticeUnit == "workingDays";
        var notice = Number(Notice, inDays ? "cancellation.workingDays" : "cancellation.hours", errors, integer: true);
        return
        [
            new("cancellation.hours", inDays ? null : notice),
            new("cancellation.workingDays", inDays ? notice : null),
            new("cancellation.appointmentChannel", JsonValue.Create(AppointmentChannel)),
            new("cancellation.pendingRequestsCancelOnline", JsonValue.Create(PendingRequestsCancelOnline)),
            new("holidayCalendar", JsonValue.Create(HolidayCalendar)),
            new("visitPlanning.requestsFromPeriodicity", JsonValue.Create(RequestsFromPeriodicity)),
        ];
    }

    /// <summary>The notice's errors show beside its one field, whichever unit they name.</summary>
    protected override string MapErrorField(string field) => field is "cancellation.hours" or "cancellation.workingDays" or "cancellation" ? "cancellation.notice" : field;
}
