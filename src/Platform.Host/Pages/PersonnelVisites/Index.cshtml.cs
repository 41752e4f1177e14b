using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Appointments;
using Platform.Features.Documents;
using Platform.Features.Regulation;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages.PersonnelVisites;

/// <summary>
/// Staff (medical secretaries): the visit requests to process, each turned into an appointment (date, time,
/// place, health professional) or refused with a reason; cancellation requests to confirm; the planning;
/// the visits held lately, each with its certificate (attestation de suivi) to upload.
/// </summary>
[Authorize]
[UploadLimit(DocumentRules.MaxBytes)]
public sealed class IndexModel(VisitScheduling scheduling, VisitCertificates certificates, CurrentUser currentUser) : PageModel
{
    public IReadOnlyList<PlannedAppointment> Held { get; private set; } = [];
    public IReadOnlyList<RequestToProcess> Requests { get; private set; } = [];
    public IReadOnlyList<PlannedAppointment> CancellationRequests { get; private set; } = [];
    public IReadOnlyList<PlannedAppointment> Planning { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public static DateTime Paris(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, FrenchTime.Paris).DateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        Requests = await scheduling.RequestsToProcessAsync(HttpContext.RequestAborted);
        CancellationRequests = await scheduling.CancellationRequestsAsync(HttpContext.RequestAborted);
        Planning = await scheduling.PlanningAsync(HttpContext.RequestAborted);
        Held = await certificates.RecentlyHeldAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAttestationAsync(Guid appointmentId, IFormFile? file)
    {
        if (!currentUser.IsStaff) return Forbid();
        byte[] content = [];
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            content = buffer.ToArray();
        }
        var outcome = await certificates.AttachAsync(appointmentId, content, ct: HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Succeeded) Message = "L'attestation de suivi est déposée : l'entreprise peut la télécharger.";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostPlanifierAsync(Guid requestId, DateOnly? date, TimeOnly? time, string? location, string? healthProfessional)
    {
        if (!currentUser.IsStaff) return Forbid();
        if (date is not { } day || time is not { } hour)
            Errors = [new UserError("REQUIRED", "Indiquez la date et l'heure du rendez-vous.", "startsAt")];
        else
        {
            // The secretary types Paris time.
            var local = day.ToDateTime(hour);
            var outcome = await scheduling.ScheduleAsync(requestId, new DateTimeOffset(local, FrenchTime.Paris.GetUtcOffset(local)), location, healthProfessional, HttpContext.RequestAborted);
            Errors = outcome.Errors;
            if (outcome.Succeeded) Message = $"Le rendez-vous du {day:dd/MM/yyyy} à {hour:HH\\:mm} est fixé ; la convocation part par e-mail à l'entreprise.";
        }
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostPrendreEnChargeAsync(Guid requestId)
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await scheduling.TakeInChargeAsync(requestId, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Succeeded) Message = "La demande est prise en charge : l'entreprise la voit « en cours de traitement ».";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostRefuserAsync(Guid requestId, string? reason)
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await scheduling.RefuseAsync(requestId, reason, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Succeeded) Message = "La demande est refusée ; l'entreprise voit le motif.";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid appointmentId, string? reason)
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await scheduling.CancelAsync(appointmentId, reason, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Succeeded) Message = "Le rendez-vous est annulé : le créneau est libéré.";
        return await OnGetAsync();
    }
}
