using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Appointments;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Entreprises;

/// <summary>
/// « Mes rendez-vous » (seeds 002, 003): upcoming and past appointments, the convocation to download or
/// forward to the employee, and cancelling within the tenant's notice (or asking to, or whom to call).
/// </summary>
[Authorize]
public sealed class RendezVousModel(AppointmentService appointments, VisitCertificates certificates, EmployeeQueries employees, CompanyAccess access, CompanyDirectory companies,
    ITenantContext tenant, TenantRulesCache rulesCache, CurrentUser currentUser) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "passes")] public bool Past { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<AppointmentView> List { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, EmployeeView> Employees { get; private set; } = new Dictionary<Guid, EmployeeView>();
    public TenantRules Rules { get; private set; } = null!;
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>Forwarding a convocation is an employer's act: members who may request visits.</summary>
    public bool CanForward { get; private set; }
    /// <summary>The certificate's link shows only to those with the right to see certificates (seed 002).</summary>
    public bool CanDownloadCertificates { get; private set; }

    public string NoticeText => Rules.Cancellation.AppointmentChannel switch
    {
        CancellationChannel.MedicalSecretary => $"Pour annuler un rendez-vous, contactez le secrétariat médical au {Rules.Theme.Contact.Phone}.",
        CancellationChannel.Request => $"Vous pouvez demander l'annulation d'un rendez-vous {CancellationNotice.Describe(Rules.Cancellation)} ({Describe(Rules.HolidayCalendar)}) ; le service la confirme. Passé ce délai, contactez le service au {Rules.Theme.Contact.Phone}.",
        _ => $"L'annulation en ligne est possible {CancellationNotice.Describe(Rules.Cancellation)}. Passé ce délai, contactez le service au {Rules.Theme.Contact.Phone}.",
    };

    private static string Describe(HolidayCalendar calendar) => calendar == HolidayCalendar.AlsaceMoselle
        ? "du lundi au vendredi hors jours fériés d'Alsace-Moselle" : "du lundi au vendredi hors jours fériés";

    public static DateTime Paris(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, FrenchTime.Paris).DateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        Rules = (await rulesCache.GetAsync(tenant.RequireTenant())).Rules;
        List = await appointments.ListAsync(Id, Past ? AppointmentPeriod.Past : AppointmentPeriod.Upcoming, null, After);
        Company = (await companies.GetAsync(Id))!;
        // Only the people this page names, not the whole company's staff.
        Employees = (await employees.SomeAsync(Id, List.Items.Select(a => a.Node.EmployeeId).Distinct().ToList())).ToDictionary(e => e.Id);
        CanForward = !currentUser.IsStaff && await access.HasAsync(Id, Permission.RequestVisits);
        CanDownloadCertificates = await certificates.MayDownloadAsync(Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid appointmentId)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var outcome = await appointments.CancelAsync(appointmentId);
        Errors = outcome.Errors;
        if (outcome.Value is { } a)
            Message = a.Cancelled ? "Le rendez-vous est annulé : le créneau est libéré." : "Votre demande d'annulation est envoyée : le service la confirmera.";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostTransmettreAsync(Guid appointmentId, string? email)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var outcome = await appointments.ForwardConvocationAsync(appointmentId, email);
        Errors = outcome.Errors;
        if (outcome.Succeeded) Message = "La convocation est envoyée au salarié.";
        return await OnGetAsync();
    }
}
