using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Appointments;

public sealed record ConvocationFile(string FileName, byte[] Content);

/// <summary>An e-mail and its recipients, worked out before the change that sends it applies (the exit's deferred change queues it later).</summary>
public sealed record PreparedEmail(IReadOnlyList<string> To, EmailContent Content);

/// <summary>
/// The convocation of an appointment, drawn from the stored facts (never kept as a file: it always says
/// what the appointment is now), and the e-mails that carry it. Callers have checked who may.
/// </summary>
public sealed class Convocations(PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache, EmailOutbox outbox, NotificationRecipients recipients,
    TenancyOptions tenancy, Documents.StoredFiles files)
{
    /// <summary>
    /// The tenant's logo as PNG, when tenants/assets holds one beside the SVG (sstrn.svg → sstrn.png): PDFsharp
    /// cannot draw SVG, so without it the convocation's band in the theme colours carries the tenant's name alone.
    /// </summary>
    public byte[]? LogoPng(TenantRules rules)
    {
        // A PNG an administrator uploaded (TenantSettings.TenantLogos) lives with the tenant's files.
        if (TenantSettings.TenantLogos.Uploaded(rules.Theme.Logo) is { ContentType: "image/png" } uploaded)
        {
            using var stream = files.OpenRead(uploaded.Id, Documents.StoredFiles.Logos);
            if (stream is null) return null;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        // The logo's name was validated as a plain file name: no path can leave the assets folder.
        var file = Path.Combine(tenancy.AssetsDirectory, Path.ChangeExtension(rules.Theme.Logo, ".png"));
        return File.Exists(file) ? File.ReadAllBytes(file) : null;
    }

    public async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;

    public async Task<ConvocationFile> RenderAsync(Appointment appointment, CancellationToken ct = default)
    {
        var data = await DataAsync(appointment, ct);
        return new ConvocationFile(ConvocationPdf.FileName(data.EmployeeName, data.StartsAtParis), ConvocationPdf.Render(data));
    }

    public async Task<ConvocationData> DataAsync(Appointment a, CancellationToken ct = default)
    {
        var rules = await RulesAsync();
        var employee = await db.Employees.AsNoTracking().SingleAsync(e => e.Id == a.EmployeeId, ct);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == a.CompanyId, ct);
        // The convocation address falls back to the main one (SPEC.md 3.2).
        var address = company.ConvocationAddress ?? company.MainAddress;
        var name = employee.MarriedName is null ? $"{employee.FirstName} {employee.BirthName}" : $"{employee.FirstName} {employee.MarriedName} (née {employee.BirthName})";
        return new ConvocationData(rules.Name, rules.Theme.PrimaryColor, rules.Theme.SecondaryColor, rules.Theme.Contact,
            company.Name, address is null ? null : $"{address.Line1}{(address.Line2 is null ? "" : ", " + address.Line2)}, {address.PostalCode} {address.City}",
            name, employee.BirthDate, VisitRules.Label(a.Type), TimeZoneInfo.ConvertTime(a.StartsAt, FrenchTime.Paris).DateTime,
            a.Location, a.HealthProfessional, CancellationText(rules), a.Cancelled, LogoPng(rules));
    }

    /// <summary>How this tenant's appointments are cancelled, for the convocation and the messages.</summary>
    public static string CancellationText(TenantRules rules) => rules.Cancellation.AppointmentChannel switch
    {
        CancellationChannel.MedicalSecretary => $"auprès du secrétariat médical, au {rules.Theme.Contact.Phone}",
        CancellationChannel.Request => $"sur demande depuis l'espace adhérent, {CancellationNotice.Describe(rules.Cancellation)}",
        _ => $"depuis l'espace adhérent, {CancellationNotice.Describe(rules.Cancellation)}",
    };

    /// <summary>« Appelez le service… »: the tenant's contact block, for whoever can no longer cancel online.</summary>
    public static string WhomToCall(TenantRules rules) =>
        $"Contactez {rules.Name} au {rules.Theme.Contact.Phone} ({rules.Theme.Contact.OpeningHours}) ou à {rules.Theme.Contact.Email}.";

    /// <summary>Queues the convocation to the company's convocation contacts (their notification preferences decide).</summary>
    public async Task SendToCompanyAsync(Appointment appointment, CancellationToken ct = default)
    {
        var rules = await RulesAsync();
        var data = await DataAsync(appointment, ct);
        var file = new ConvocationFile(ConvocationPdf.FileName(data.EmployeeName, data.StartsAtParis), ConvocationPdf.Render(data));
        var catalogue = RoleCatalogue.For(rules);
        var to = await recipients.ForAsync(appointment.CompanyId, NotificationKind.Convocations,
            roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewAppointments), ct);
        foreach (var user in to)
            outbox.Enqueue(user.Email, AppointmentEmails.Scheduled(rules, data), Attachment(file));
    }

    /// <summary>
    /// The e-mail telling the company's convocation contacts (their notification preferences decide, as for the
    /// convocation) that an appointment is cancelled and why: by the employer, by staff, by the employee's exit.
    /// </summary>
    public async Task<PreparedEmail> CancelledNoticeAsync(Appointment appointment, string reason, CancellationToken ct = default)
    {
        var rules = await RulesAsync();
        var data = await DataAsync(appointment, ct);
        var catalogue = RoleCatalogue.For(rules);
        var to = await recipients.ForAsync(appointment.CompanyId, NotificationKind.Convocations,
            roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewAppointments), ct);
        return new PreparedEmail(to.Select(u => u.Email).ToList(), AppointmentEmails.Cancelled(rules, data, reason));
    }

    /// <summary>Queues a prepared e-mail in the caller's unit of work (sent only if it saves).</summary>
    public void Queue(PreparedEmail email)
    {
        foreach (var to in email.To) outbox.Enqueue(to, email.Content);
    }

    public async Task SendCancelledToCompanyAsync(Appointment appointment, string reason, CancellationToken ct = default) =>
        Queue(await CancelledNoticeAsync(appointment, reason, ct));

    /// <summary>Queues the convocation to the address an employer gives (the employee's).</summary>
    public async Task SendToEmployeeAsync(Appointment appointment, string email, CancellationToken ct = default)
    {
        var rules = await RulesAsync();
        var data = await DataAsync(appointment, ct);
        var file = new ConvocationFile(ConvocationPdf.FileName(data.EmployeeName, data.StartsAtParis), ConvocationPdf.Render(data));
        outbox.Enqueue(email, AppointmentEmails.ForEmployee(rules, data), Attachment(file));
    }

    private static EmailAttachment Attachment(ConvocationFile file) => new(file.FileName, "application/pdf", file.Content);
}

/// <summary>The e-mails of appointments, in French, with the tenant's name and contact block.</summary>
public static class AppointmentEmails
{
    private static readonly System.Globalization.CultureInfo Fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");

    private static string When(ConvocationData d) => $"le {d.StartsAtParis.ToString("dddd d MMMM yyyy", Fr)} à {d.StartsAtParis:HH} h {d.StartsAtParis:mm}";

    public static EmailContent Scheduled(TenantRules rules, ConvocationData d) => EmailTemplates.Compose(rules,
        $"Convocation de {d.EmployeeName} : visite {d.VisitLabel.ToLowerInvariant()} {When(d)}",
        [
            "Bonjour,",
            $"Un rendez-vous de visite « {d.VisitLabel} » est fixé pour {d.EmployeeName} ({d.CompanyName}) {When(d)}{(d.Location is null ? "" : $", {d.Location}")}.",
            "La convocation est jointe à ce message : transmettez-la au salarié. Vous la retrouvez aussi dans l'espace adhérent, rubrique Rendez-vous.",
        ],
        after: [$"En cas d'empêchement, l'annulation est possible {Convocations.CancellationText(rules)}."]);

    public static EmailContent Cancelled(TenantRules rules, ConvocationData d, string reason) => EmailTemplates.Compose(rules,
        $"Rendez-vous annulé : {d.EmployeeName}, visite {d.VisitLabel.ToLowerInvariant()} {When(d)}",
        [
            "Bonjour,",
            $"Le rendez-vous de visite « {d.VisitLabel} » de {d.EmployeeName} ({d.CompanyName}) {When(d)}{(d.Location is null ? "" : $", {d.Location}")} est annulé.",
            $"Motif : {reason}",
            "Prévenez le salarié qu'il n'a pas à se présenter. Si une visite reste nécessaire, demandez-la de nouveau depuis l'espace adhérent, rubrique Demandes de visite.",
        ],
        after: [$"Une question ? {Convocations.WhomToCall(rules)}"]);

    public static EmailContent ForEmployee(TenantRules rules, ConvocationData d) => EmailTemplates.Compose(rules,
        $"Votre convocation à une visite médicale {When(d)}",
        [
            "Bonjour,",
            $"Votre employeur {d.CompanyName} vous transmet votre convocation à une visite « {d.VisitLabel} » auprès de {rules.Name}, {When(d)}{(d.Location is null ? "" : $", {d.Location}")}.",
            "La convocation est jointe à ce message : elle indique ce qu'il faut apporter.",
        ],
        after: ["En cas d'empêchement, prévenez votre employeur au plus tôt."]);
}
