using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Features.Appointments;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Visits;

/// <summary>
/// Appointments over the real HTTP pipeline, the real SMTP server and the host's clock: scheduling and its
/// e-mail with the convocation, the convocation PDF and who may fetch it, each tenant's cancellation notice
/// checked at the moment of the request, and an exit cancelling an appointment.
/// </summary>
public sealed partial class AppointmentTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Schedule = "mutation($input: ScheduleVisitInput!) { scheduleVisit(input: $input) { visitRequest { id state appointment { id startsAt location healthProfessional cancelled } } errors { code message field } } }";
    private const string Refuse = "mutation($input: RefuseVisitRequestInput!) { refuseVisitRequest(input: $input) { visitRequest { id state refusalReason closingReason } errors { code message field } } }";
    private const string Cancel = "mutation($input: IdInput!) { cancelAppointment(input: $input) { appointment { id cancelled cancellationRequestedAt cancellable } errors { code message field } } }";
    private const string StaffCancel = "mutation($input: StaffCancelAppointmentInput!) { cancelAppointmentAsStaff(input: $input) { appointment { id cancelled cancellationReason } errors { code message } } }";
    private const string List = "query($id: ID!, $upcoming: Boolean) { company(id: $id) { appointments(upcomingOnly: $upcoming) { totalCount edges { node { id startsAt cancellable cancelled location } } } } }";
    private const string RequestVisit = "mutation($input: RequestVisitInput!) { requestVisit(input: $input) { visitRequest { id } errors { code } } }";

    [GeneratedRegex(@"(\d{6})")]
    private static partial Regex SixDigits();

    // ---- sstrn: staff schedule a request; the convocation contacts get it by e-mail with the PDF ----

    private async Task<(DemoApi Api, string Employer, string Staff, Guid Company, string Employee)> SstrnRequestAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = (await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString()!;
        return (api, token, await api.StaffTokenAsync(), company, employee);
    }

    private static async Task<string> RequestAsync(DemoApi api, string token, string employee, string type) =>
        (await api.MutateAsync(token, "requestVisit", RequestVisit, new { input = new { employeeId = employee, type } })).GetProperty("visitRequest").GetProperty("id").GetString()!;

    [Fact]
    public async Task Staff_schedule_a_request_and_the_company_receives_the_convocation_by_email()
    {
        var (api, employer, staff, company, employee) = await SstrnRequestAsync();
        var request = await RequestAsync(api, employer, employee, "PERIODIC");
        var startsAt = new DateTimeOffset(Factory.Clock.GetUtcNow().Date.AddDays(10).AddHours(9).AddMinutes(30), TimeSpan.Zero);

        // Employers do not schedule.
        var refused = await Factory.GraphQLAsync(api.Host, Schedule, new { input = new { id = request, startsAt, location = "Centre de Rezé" } }, employer);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var scheduled = await api.MutateAsync(staff, "scheduleVisit", Schedule,
            new { input = new { id = request, startsAt, location = "Centre de Rezé, 2 rue de la Santé", healthProfessional = "Dr Claire Durand" } });
        Assert.Empty(DemoApi.ErrorCodes(scheduled));
        var visit = scheduled.GetProperty("visitRequest");
        Assert.Equal("ACCEPTED", visit.GetProperty("state").GetString());
        Assert.Equal("Dr Claire Durand", visit.GetProperty("appointment").GetProperty("healthProfessional").GetString());
        Assert.Equal(startsAt, visit.GetProperty("appointment").GetProperty("startsAt").GetDateTimeOffset());

        // The company's convocation contact (the demo employer, administrator) receives it, PDF attached.
        var message = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.StartsWith("Convocation de Jean MARTIN", message.Subject);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        var paris = TimeZoneInfo.ConvertTime(startsAt, Platform.Features.Regulation.FrenchTime.Paris);
        var text = PdfText(Decode(attachment));
        Assert.Contains("Jean MARTIN", text);
        Assert.Contains(paris.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")), text);
        Assert.Contains($"{paris:HH} h {paris:mm}", text);
        Assert.Contains("Centre de Rezé, 2 rue de la Santé", text);
        Assert.Contains("Service de Santé au Travail de la Région Nantaise", text);

        // The employer sees it in the upcoming list; sstrn cancels through the medical secretary only.
        var listed = (await api.DataAsync(employer, List, new { id = company })).GetProperty("company").GetProperty("appointments");
        var node = Assert.Single(listed.GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.False(node.GetProperty("cancellable").GetBoolean());
        var byPhone = await api.MutateAsync(employer, "cancelAppointment", Cancel, new { input = new { id = node.GetProperty("id").GetString() } });
        Assert.Equal(["CANCEL_BY_PHONE"], DemoApi.ErrorCodes(byPhone));
        Assert.Contains("secrétariat médical", byPhone.GetProperty("errors")[0].GetProperty("message").GetString());

        // A second request on the same slot of the same professional is refused until the first is cancelled.
        var second = await RequestAsync(api, employer, employee, "MID_CAREER");
        var taken = await api.MutateAsync(staff, "scheduleVisit", Schedule, new { input = new { id = second, startsAt, healthProfessional = "Dr Claire Durand" } });
        Assert.Equal(["SLOT_TAKEN"], DemoApi.ErrorCodes(taken));
        var cancelled = await api.MutateAsync(staff, "cancelAppointmentAsStaff", StaffCancel, new { input = new { id = node.GetProperty("id").GetString(), reason = "Appel de l'entreprise" } });
        Assert.True(cancelled.GetProperty("appointment").GetProperty("cancelled").GetBoolean());
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "scheduleVisit", Schedule, new { input = new { id = second, startsAt, healthProfessional = "Dr Claire Durand" } })));
    }

    [Fact]
    public async Task Staff_refuse_a_request_with_a_reason_the_employer_reads()
    {
        var (api, employer, staff, company, employee) = await SstrnRequestAsync();
        var request = await RequestAsync(api, employer, employee, "MID_CAREER");
        Assert.Equal(["REQUIRED"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "refuseVisitRequest", Refuse, new { input = new { id = request, reason = "  " } })));
        var refused = await api.MutateAsync(staff, "refuseVisitRequest", Refuse, new { input = new { id = request, reason = "Visite déjà faite le mois dernier." } });
        Assert.Equal(("REFUSED", "Visite déjà faite le mois dernier."), (refused.GetProperty("visitRequest").GetProperty("state").GetString(), refused.GetProperty("visitRequest").GetProperty("refusalReason").GetString()));
        var list = (await api.DataAsync(employer, "query($id: ID!) { company(id: $id) { visitRequests { edges { node { state closingReason appointment { id } } } } } }", new { id = company }))
            .GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("Visite déjà faite le mois dernier.", list.GetProperty("closingReason").GetString());
        var startsAt = Factory.Clock.GetUtcNow().AddDays(3);
        Assert.Equal(["NOT_PENDING"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "scheduleVisit", Schedule, new { input = new { id = request, startsAt } })));
    }

    // ---- the convocation PDF: who may fetch it ----

    [Fact]
    public async Task The_convocation_pdf_is_the_company_s_alone()
    {
        var (api, employer, staff, company, employee) = await SstrnRequestAsync();
        var request = await RequestAsync(api, employer, employee, "PERIODIC");
        var startsAt = new DateTimeOffset(2030, 3, 14, 8, 15, 0, TimeSpan.Zero); // after any day the other tests move the clock to
        var id = (await api.MutateAsync(staff, "scheduleVisit", Schedule, new { input = new { id = request, startsAt, location = "Centre de Saint-Herblain" } }))
            .GetProperty("visitRequest").GetProperty("appointment").GetProperty("id").GetString();
        var path = $"/api/appointments/{id}/convocation.pdf";

        var response = await GetAsync(api.Host, path, employer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("convocation-jean-martin-2030-03-14.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Jean MARTIN", text);
        Assert.Contains("jeudi 14 mars 2030 à 09 h 15", text);
        Assert.Contains("Centre de Saint-Herblain", text);
        Assert.Contains("pièce d'identité", text);

        // Staff of the tenant read it too; nobody else does.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api.Host, path, staff)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api.Host, path, null)).StatusCode);
        // Another company of the same tenant: the accountant is a member of 102.1 only.
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(api.Host, path, accountant)).StatusCode);
        // Another tenant: its employer, with every right on its own company, on its own host.
        var other = new DemoApi(Factory, "sstbtp-bfc");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other.Host, path, await other.EmployerTokenAsync())).StatusCode);
        // …and the sstrn token carried to the other host is nobody there.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(other.Host, path, employer)).StatusCode);
        // A member of the company without the right to see appointments (Facturation) is refused.
        await api.GrantAccountantAsync(company, Platform.Features.Access.CompanyRoles.Billing);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(api.Host, path, await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password))).StatusCode);

        // Forwarded to the employee's address, with the PDF.
        var forward = await api.MutateAsync(employer, "forwardConvocation",
            "mutation($input: ForwardConvocationInput!) { forwardConvocation(input: $input) { sent errors { code } } }", new { input = new { id, email = "jean.martin@exemple.fr" } });
        Assert.True(forward.GetProperty("sent").GetBoolean());
        var mail = await Factory.Smtp.WaitForMessageAsync("jean.martin@exemple.fr");
        Assert.Contains("Jean MARTIN", PdfText(Decode(Assert.Single(mail.Attachments.OfType<MimePart>()))));
        var bad = await api.MutateAsync(employer, "forwardConvocation",
            "mutation($input: ForwardConvocationInput!) { forwardConvocation(input: $input) { sent errors { code } } }", new { input = new { id, email = "pas-une-adresse" } });
        Assert.Equal(["INVALID_EMAIL"], DemoApi.ErrorCodes(bad));

        // Not a way to mail anyone at will: three forwards of one convocation an hour.
        const string forwardMutation = "mutation($input: ForwardConvocationInput!) { forwardConvocation(input: $input) { sent errors { code } } }";
        for (var i = 0; i < 2; i++)
            Assert.True((await api.MutateAsync(employer, "forwardConvocation", forwardMutation, new { input = new { id, email = $"autre{i}@exemple.fr" } })).GetProperty("sent").GetBoolean());
        Assert.Equal(["TOO_MANY_FORWARDS"], DemoApi.ErrorCodes(await api.MutateAsync(employer, "forwardConvocation", forwardMutation, new { input = new { id, email = "encore@exemple.fr" } })));
    }

    // ---- the notice of each tenant, on the host's clock ----
    // The clock only moves forward in this class (the host's jobs do not expect it to go back): each test
    // picks its days after the clock's current day, whatever ran before it.

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), Platform.Features.Regulation.FrenchTime.Paris).DateTime);

    private static DateTimeOffset Paris(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Platform.Features.Regulation.FrenchTime.Paris.GetUtcOffset(local));
    }

    private static bool NoHoliday(DateOnly from, DateOnly to) =>
        !Platform.Features.Regulation.Holidays.Of(from.Year, Platform.Tenancy.Rules.HolidayCalendar.France)
            .Concat(Platform.Features.Regulation.Holidays.Of(to.Year, Platform.Tenancy.Rules.HolidayCalendar.France))
            .Any(h => h.Date >= from && h.Date <= to);

    [Fact]
    public async Task Sist_on_cancels_online_until_48_hours_before_to_the_minute()
    {
        var startsAt = Paris(Today.AddDays(10), 9);
        Factory.Clock.SetUtcNow(startsAt.AddHours(-48).AddMinutes(1));
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var late = await AppointmentAsync("sist-on", startsAt);
        var inTime = await AppointmentAsync("sist-on", startsAt.AddMinutes(2));
        var api = new DemoApi(Factory, "sist-on");
        var token = await EmailCodeTokenAsync(api.Host, "employer@sist-on.demo");

        var list = (await api.DataAsync(token, List, new { id = late.Company })).GetProperty("company").GetProperty("appointments").GetProperty("edges").EnumerateArray()
            .ToDictionary(e => e.GetProperty("node").GetProperty("id").GetString()!, e => e.GetProperty("node").GetProperty("cancellable").GetBoolean());
        Assert.False(list[late.Appointment.ToString()]);
        Assert.True(list[inTime.Appointment.ToString()]);

        // 47 h 59 before: refused, and the answer says whom to call.
        var refused = await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = late.Appointment } });
        Assert.Equal(["NOTICE_PASSED"], DemoApi.ErrorCodes(refused));
        var message = refused.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains("jusqu'à 48 heures avant", message);
        Assert.Contains("02 33 57 00 00", message);
        // 48 h 01 before: cancelled at once.
        var accepted = await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = inTime.Appointment } });
        Assert.Empty(DemoApi.ErrorCodes(accepted));
        Assert.True(accepted.GetProperty("appointment").GetProperty("cancelled").GetBoolean());
        Assert.False(accepted.GetProperty("appointment").GetProperty("cancellable").GetBoolean());
        // The company's convocation contact is told, with the reason.
        var notice = await Factory.Smtp.WaitForMessageAsync("employer@sist-on.demo", m => m.Subject?.StartsWith("Rendez-vous annulé : Jean MARTIN") == true);
        Assert.Contains("Motif : Annulé par l'entreprise.", notice.TextBody);
        await using var scope = Factory.Services.CreateTenantScope("sist-on");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(0, await db.Appointments.Held(startsAt.AddDays(1)).CountAsync(a => a.Id == inTime.Appointment));
    }

    [Fact]
    public async Task Sstbtp_bfc_takes_cancellation_requests_until_3_working_days_before_across_a_weekend()
    {
        // A Wednesday (e.g. 10 March 2027): the last day is the Friday before (Tuesday, Monday, then the weekend is skipped).
        var wednesday = Today.AddDays(10);
        while (wednesday.DayOfWeek != DayOfWeek.Wednesday || !NoHoliday(wednesday.AddDays(-5), wednesday)) wednesday = wednesday.AddDays(1);
        var startsAt = Paris(wednesday, 10);
        Factory.Clock.SetUtcNow(Paris(wednesday.AddDays(-5), 18));
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var first = await AppointmentAsync("sstbtp-bfc", startsAt);
        var second = await AppointmentAsync("sstbtp-bfc", startsAt.AddHours(1));
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var token = await api.EmployerTokenAsync();

        var requested = await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = first.Appointment } });
        Assert.Empty(DemoApi.ErrorCodes(requested));
        // A request: staff confirm it; until then the appointment stands.
        Assert.False(requested.GetProperty("appointment").GetProperty("cancelled").GetBoolean());
        Assert.Equal(JsonValueKind.String, requested.GetProperty("appointment").GetProperty("cancellationRequestedAt").ValueKind);
        Assert.Equal(["CANCELLATION_ALREADY_REQUESTED"], DemoApi.ErrorCodes(await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = first.Appointment } })));

        // Saturday morning: Monday and Tuesday are left, not 3 working days.
        Factory.Clock.SetUtcNow(Paris(wednesday.AddDays(-4), 9));
        token = await api.EmployerTokenAsync(); // tokens live on the host's clock too
        var late = await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = second.Appointment } });
        Assert.Equal(["NOTICE_PASSED"], DemoApi.ErrorCodes(late));
        Assert.Contains("3 jours ouvrés", late.GetProperty("errors")[0].GetProperty("message").GetString());

        var staff = await api.StaffTokenAsync();
        var toConfirm = (await api.DataAsync(staff, "{ appointmentCancellationRequests { id } }")).GetProperty("appointmentCancellationRequests");
        Assert.Equal(first.Appointment.ToString(), Assert.Single(toConfirm.EnumerateArray()).GetProperty("id").GetString());
        var confirmed = await api.MutateAsync(staff, "cancelAppointmentAsStaff", StaffCancel, new { input = new { id = first.Appointment } });
        Assert.True(confirmed.GetProperty("appointment").GetProperty("cancelled").GetBoolean());
        Assert.Equal("Annulé à la demande de l'entreprise.", confirmed.GetProperty("appointment").GetProperty("cancellationReason").GetString());
    }

    [Fact]
    public async Task Sstbtp_bfc_counts_working_days_across_Ascension()
    {
        // The Friday after Ascension (in 2027: Friday 7 May, Ascension Thursday 6): Wednesday 5, Tuesday 4, Monday 3.
        var year = Today.Year;
        if (Platform.Features.Regulation.Holidays.Easter(year).AddDays(39 - 3) <= Today) year++;
        var ascension = Platform.Features.Regulation.Holidays.Easter(year).AddDays(39);
        Assert.Equal(DayOfWeek.Thursday, ascension.DayOfWeek);
        var startsAt = Paris(ascension.AddDays(1), 10);
        Factory.Clock.SetUtcNow(Paris(ascension.AddDays(-3), 20));
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var first = await AppointmentAsync("sstbtp-bfc", startsAt);
        var second = await AppointmentAsync("sstbtp-bfc", startsAt.AddHours(1));
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var token = await api.EmployerTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = first.Appointment } })));

        // Tuesday 4 May: without the holiday Thursday, Wednesday and Tuesday would still be 3 working days.
        Factory.Clock.SetUtcNow(Paris(ascension.AddDays(-2), 9));
        token = await api.EmployerTokenAsync(); // tokens live on the host's clock too
        Assert.Equal(["NOTICE_PASSED"], DemoApi.ErrorCodes(await api.MutateAsync(token, "cancelAppointment", Cancel, new { input = new { id = second.Appointment } })));
    }

    // ---- an exit cancels the appointments after it ----

    [Fact]
    public async Task An_exit_cancels_the_appointments_after_it_and_says_which()
    {
        var (api, employer, staff, company, employee) = await SstrnRequestAsync();
        var request = await RequestAsync(api, employer, employee, "PERIODIC");
        var startsAt = Factory.Clock.GetUtcNow().AddDays(20);
        var id = (await api.MutateAsync(staff, "scheduleVisit", Schedule, new { input = new { id = request, startsAt } }))
            .GetProperty("visitRequest").GetProperty("appointment").GetProperty("id").GetString();
        var pending = await RequestAsync(api, employer, employee, "MID_CAREER");

        var exit = await api.MutateAsync(employer, "exitEmployee",
            "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { cancelledVisitRequests { id state } cancelledAppointments { id cancelled } errors { code } } }",
            new { input = new { id = employee, endDate = Factory.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd") } });
        Assert.Empty(DemoApi.ErrorCodes(exit));
        Assert.Equal(pending, Assert.Single(exit.GetProperty("cancelledVisitRequests").EnumerateArray()).GetProperty("id").GetString());
        var cancelled = Assert.Single(exit.GetProperty("cancelledAppointments").EnumerateArray());
        Assert.Equal((id, true), (cancelled.GetProperty("id").GetString(), cancelled.GetProperty("cancelled").GetBoolean()));

        var listed = Assert.Single((await api.DataAsync(employer, List, new { id = company })).GetProperty("company").GetProperty("appointments").GetProperty("edges").EnumerateArray());
        Assert.True(listed.GetProperty("node").GetProperty("cancelled").GetBoolean());
    }

    // ---- the portal: staff schedule from their page, the employer sees, downloads and cancels ----

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    [Fact]
    public async Task Staff_schedule_from_the_portal_and_the_employer_downloads_the_convocation()
    {
        var (api, employer, _, company, employee) = await SstrnRequestAsync();
        var request = await RequestAsync(api, employer, employee, "PERIODIC");
        var staff = await Factory.StaffPortalAsync(api.Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.Contains("MARTIN Jean", Text(await staff.GetHtmlAsync("/personnel/visites")));
        var day = Today.AddDays(12);
        var planned = await staff.SubmitAsync("/personnel/visites", new Dictionary<string, string>
        {
            ["date"] = day.ToString("yyyy-MM-dd"), ["time"] = "14:30", ["location"] = "Centre de Rezé", ["healthProfessional"] = "Dr Claire Durand",
        }, $"/personnel/visites?handler=Planifier&requestId={request}");
        var page = Text(await PortalClient.HtmlAsync(planned));
        Assert.Contains($"Le rendez-vous du {day:dd/MM/yyyy} à 14:30 est fixé", page);
        Assert.Contains("Aucune demande en attente.", page);

        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var list = await portal.GetHtmlAsync($"/entreprises/{company}/rendez-vous");
        Assert.Contains($"{day:dd/MM/yyyy} à 14:30", Text(list));
        Assert.Contains("MARTIN", Text(list));
        Assert.Contains("contactez le secrétariat médical au", Text(list));
        Assert.DoesNotContain("Annuler le rendez-vous", list);
        var link = Regex.Match(list, @"/api/appointments/[0-9a-f-]+/convocation\.pdf").Value;
        var pdf = await portal.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = PdfText(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Jean MARTIN", text);
        Assert.Contains("14 h 30", text);
        Assert.Contains("Centre de Rezé", text);
    }

    [Fact]
    public async Task An_sstbtp_bfc_employer_asks_to_cancel_from_the_portal()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var monday = Today.AddDays(14);
        while (monday.DayOfWeek != DayOfWeek.Monday) monday = monday.AddDays(1);
        var (company, _) = await AppointmentAsync("sstbtp-bfc", Paris(monday, 10));
        var portal = Factory.PortalFor("sstbtp-bfc.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "250001", ["Password"] = DemoData.Password });
        var page = $"/entreprises/{company}/rendez-vous";
        Assert.Contains("Vous pouvez demander l'annulation d'un rendez-vous jusqu'à 3 jours ouvrés avant le rendez-vous", Text(await portal.GetHtmlAsync(page)));
        var answer = Text(await PortalClient.HtmlAsync(await portal.SubmitFormWithButtonAsync(page, "Demander l'annulation")));
        Assert.Contains("Votre demande d'annulation est envoyée : le service la confirmera.", answer);
        Assert.Contains("Annulation demandée", answer);
        Assert.DoesNotContain("Demander l'annulation</button>", answer);
    }

    // ---- helpers ----

    /// <summary>An employee of the tenant's demo company with an appointment, written as staff's scheduling would.</summary>
    private async Task<(Guid Company, Guid Appointment)> AppointmentAsync(string tenant, DateTimeOffset startsAt)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = await db.Companies.Where(c => c.MemberNumber == DemoData.MemberNumbers[tenant].Demo).Select(c => c.Id).SingleAsync();
        var employee = new Employee
        {
            CompanyId = company, Civility = "Monsieur", FirstName = "Jean", BirthName = "MARTIN", BirthDate = new(1985, 5, 12),
            Contract = "CDI", StartDate = new(2020, 3, 1), SortName = "MARTIN JEAN", CreatedAt = Factory.Clock.GetUtcNow(),
        };
        db.Employees.Add(employee);
        var appointment = new Appointment
        {
            CompanyId = company, EmployeeId = employee.Id, Type = VisitType.Periodic, StartsAtUtc = startsAt.UtcDateTime,
            Location = "Centre médical", ScheduledAt = Factory.Clock.GetUtcNow(),
        };
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return (company, appointment.Id);
    }

    private async Task<string> EmailCodeTokenAsync(string host, string email)
    {
        var before = Factory.Smtp.MessagesTo(email).Select(m => m.MessageId).ToHashSet();
        var sent = await Factory.GraphQLAsync(host, "mutation($e: String!) { requestLoginCode(input: { email: $e }) { sent errors { code message } } }", new { e = email });
        Assert.True(sent.GetProperty("data").GetProperty("requestLoginCode").GetProperty("sent").GetBoolean(), sent.ToString());
        // The new code's e-mail, whatever else reaches the same address meanwhile (convocations, cancellations).
        var mail = await Factory.Smtp.WaitForMessageAsync(email, m => !before.Contains(m.MessageId) && SixDigits().IsMatch(m.Subject ?? "") && m.Subject!.StartsWith("Votre code de connexion"));
        var code = SixDigits().Match(mail.Subject!).Groups[1].Value;
        var response = await Factory.ClientFor(host).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "urn:platform:grant-type:email-code", ["email"] = email, ["code"] = code,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAsync(string host, string path, string? token)
    {
        var client = Factory.ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }

    private static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The words of every page, separated by single spaces.</summary>
    internal static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }
}
