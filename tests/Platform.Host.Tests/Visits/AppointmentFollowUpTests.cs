using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Appointments;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Host.Tests.Documents;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Visits;

/// <summary>
/// What follows a visit over the real HTTP pipeline and the real SMTP server: the visit certificate staff upload
/// and who may download it, the e-mail a cancellation sends to the company, what an exit cancels, and the
/// request taken in hand by staff.
/// </summary>
public sealed class AppointmentFollowUpTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string Attach = "mutation($input: AttachVisitCertificateInput!) { attachVisitCertificate(input: $input) { appointment { id hasCertificate certificateUrl } errors { code message field } } }";
    private const string Past = "query($id: ID!) { company(id: $id) { appointments(upcomingOnly: false) { edges { node { id hasCertificate certificateUrl } } } } }";
    private const string Cancel = "mutation($input: IdInput!) { cancelAppointment(input: $input) { appointment { id cancelled } errors { code message } } }";
    private const string StaffCancel = "mutation($input: StaffCancelAppointmentInput!) { cancelAppointmentAsStaff(input: $input) { appointment { id cancelled } errors { code } } }";

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    // ---- the visit certificate ----

    [Fact]
    public async Task Staff_attach_the_certificate_and_only_members_with_the_right_download_it()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var now = Factory.Clock.GetUtcNow();
        var (company, held) = await AppointmentAsync("sstrn", now.AddDays(-2));
        var (_, upcoming) = await AppointmentAsync("sstrn", now.AddDays(5));
        var (employer, staff) = (await api.EmployerTokenAsync(), await api.StaffTokenAsync());
        var pdf = TestPdfs.Valid("Attestation de suivi individuel de l'état de santé — Jean MARTIN");

        // Employers do not attach certificates; staff attach one only to a visit that took place, and only a real PDF.
        var byEmployer = await Factory.GraphQLAsync(api.Host, Attach, new { input = new { id = held, content = Convert.ToBase64String(pdf) } }, employer);
        Assert.Equal("FORBIDDEN", byEmployer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(["NOT_HELD_YET"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "attachVisitCertificate", Attach, new { input = new { id = upcoming, content = Convert.ToBase64String(pdf) } })));
        var notPdf = await api.MutateAsync(staff, "attachVisitCertificate", Attach, new { input = new { id = held, content = Convert.ToBase64String("Attestation"u8.ToArray()) } });
        Assert.Equal(["NOT_A_PDF"], DemoApi.ErrorCodes(notPdf));
        Assert.Equal(["FILE_TOO_LARGE"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "attachVisitCertificate", Attach,
            new { input = new { id = held, content = Convert.ToBase64String(TestPdfs.OfSize((int)(1.1 * 1024 * 1024))) } })));
        var path = $"/api/appointments/{held}/certificate.pdf";
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(api.Host, path, employer)).StatusCode);

        var attached = await api.MutateAsync(staff, "attachVisitCertificate", Attach, new { input = new { id = held, content = Convert.ToBase64String(pdf) } });
        Assert.Empty(DemoApi.ErrorCodes(attached));
        Assert.True(attached.GetProperty("appointment").GetProperty("hasCertificate").GetBoolean());

        // The employer (Administrateur) sees the link and downloads the very file, as an attachment nobody caches.
        var node = (await api.DataAsync(employer, Past, new { id = company })).GetProperty("company").GetProperty("appointments").GetProperty("edges")
            .EnumerateArray().Select(e => e.GetProperty("node")).Single(n => n.GetProperty("id").GetString() == held.ToString());
        Assert.Equal(path, node.GetProperty("certificateUrl").GetString());
        var response = await GetAsync(api.Host, path, employer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("attestation-de-suivi-jean-martin-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        // Staff of the tenant read it; an anonymous caller does not.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api.Host, path, staff)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(api.Host, path, null)).StatusCode);

        // Another company of the tenant: the accountant is a member of 102.1 only.
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(api.Host, path, accountant)).StatusCode);
        // Another tenant: its employer on its own host, and the sstrn token carried there.
        var other = new DemoApi(Factory, "sstbtp-bfc");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(other.Host, path, await other.EmployerTokenAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(other.Host, path, employer)).StatusCode);

        // A member who sees the appointments (Lecture) but holds no right to the certificates: no link, 403.
        await api.GrantAccountantAsync(company, CompanyRoles.ReadOnly);
        accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        var asReader = (await api.DataAsync(accountant, Past, new { id = company })).GetProperty("company").GetProperty("appointments").GetProperty("edges")
            .EnumerateArray().Select(e => e.GetProperty("node")).Single(n => n.GetProperty("id").GetString() == held.ToString());
        Assert.True(asReader.GetProperty("hasCertificate").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asReader.GetProperty("certificateUrl").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(api.Host, path, accountant)).StatusCode);

        // Replaced: the new file is served, the old one is gone from the disk.
        var second = TestPdfs.Valid("Attestation de suivi rectifiée");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "attachVisitCertificate", Attach, new { input = new { id = held, content = Convert.ToBase64String(second) } })));
        Assert.Equal(second, await (await GetAsync(api.Host, path, employer)).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Staff_upload_the_certificate_from_their_page_and_the_employer_downloads_it_from_the_appointments_page()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var (company, held) = await AppointmentAsync("sstrn", Factory.Clock.GetUtcNow().AddDays(-1));
        var staff = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = Text(await staff.GetHtmlAsync("/personnel/visites"));
        Assert.Contains("Attestations de suivi des visites passées", page);
        Assert.Contains("MARTIN Jean", page);

        var refused = Text(await PortalClient.HtmlAsync(await staff.UploadAsync("/personnel/visites", $"/personnel/visites?handler=Attestation&appointmentId={held}", "attestation.pdf", "pas un pdf"u8.ToArray())));
        Assert.Contains("Ce fichier n'est pas un PDF", refused);
        var pdf = TestPdfs.Valid("Attestation de suivi — Jean MARTIN");
        var done = Text(await PortalClient.HtmlAsync(await staff.UploadAsync("/personnel/visites", $"/personnel/visites?handler=Attestation&appointmentId={held}", "attestation.pdf", pdf)));
        Assert.Contains("L'attestation de suivi est déposée", done);
        Assert.Contains("Déposée le", done);

        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var list = await portal.GetHtmlAsync($"/entreprises/{company}/rendez-vous?passes=true");
        Assert.Contains("Télécharger l'attestation", list);
        var link = Regex.Match(list, @"/api/appointments/[0-9a-f-]+/certificate\.pdf").Value;
        Assert.Equal($"/api/appointments/{held}/certificate.pdf", link);
        var file = await portal.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
    }

    // ---- a cancellation e-mails the company's convocation contacts ----

    [Fact]
    public async Task Cancelling_by_staff_e_mails_the_convocation_contacts_with_the_reason_as_their_preferences_say()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var (company, appointment) = await AppointmentAsync("sstrn", Factory.Clock.GetUtcNow().AddDays(9));
        // Two contacts: the employer unticked convocations, the accountant (Lecture, who sees appointments) did not.
        await api.GrantAccountantAsync(company, CompanyRoles.ReadOnly);
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var employer = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == "employer@sstrn.demo");
            db.NotificationPreferences.Add(new NotificationPreference { CompanyId = company, UserId = employer.Id, Kind = NotificationKind.Convocations, Enabled = false });
            await db.SaveChangesAsync();
        }

        var cancelled = await api.MutateAsync(await api.StaffTokenAsync(), "cancelAppointmentAsStaff", StaffCancel,
            new { input = new { id = appointment, reason = "Médecin absent ce jour-là" } });
        Assert.Empty(DemoApi.ErrorCodes(cancelled));
        var message = await Factory.Smtp.WaitForMessageAsync(DemoData.AccountantEmail);
        Assert.StartsWith("Rendez-vous annulé : Jean MARTIN", message.Subject);
        Assert.Contains("Motif : Médecin absent ce jour-là", message.TextBody);
        Assert.Contains("02 59 45 10 10", message.TextBody); // sstrn's contact block
        // Queued in the same transaction as the accountant's: delivered by the same run of the outbox.
        await Task.Delay(1500);
        Assert.DoesNotContain(Factory.Smtp.MessagesTo("employer@sstrn.demo"), m => m.Subject?.StartsWith("Rendez-vous annulé") == true);
    }

    [Fact]
    public async Task Staff_cannot_cancel_a_visit_whose_hour_has_passed_nor_one_with_its_certificate()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var now = Factory.Clock.GetUtcNow();
        var (_, past) = await AppointmentAsync("sstrn", now.AddMinutes(-1));
        var (_, soon) = await AppointmentAsync("sstrn", now.AddMinutes(1));
        var staff = await api.StaffTokenAsync();
        const string WithMessage = "mutation($input: StaffCancelAppointmentInput!) { cancelAppointmentAsStaff(input: $input) { appointment { id } errors { code message field } } }";

        // A minute past its hour: refused, in French, with the hour in Paris; a minute before: cancelled.
        var refused = await api.MutateAsync(staff, "cancelAppointmentAsStaff", WithMessage, new { input = new { id = past, reason = "Erreur" } });
        Assert.Equal(["ALREADY_PAST"], DemoApi.ErrorCodes(refused));
        var paris = TimeZoneInfo.ConvertTime(now.AddMinutes(-1), Platform.Features.Regulation.FrenchTime.Paris);
        Assert.Contains($"{paris:dd/MM/yyyy à HH:mm} est passé", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "cancelAppointmentAsStaff", StaffCancel, new { input = new { id = soon } })));

        // With its certificate, the visit is history.
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "attachVisitCertificate", Attach,
            new { input = new { id = past, content = Convert.ToBase64String(TestPdfs.Valid("Attestation de suivi")) } })));
        Assert.Equal(["HAS_CERTIFICATE"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "cancelAppointmentAsStaff", StaffCancel, new { input = new { id = past } })));
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Null((await db.Appointments.SingleAsync(a => a.Id == past)).CancelledAt);
    }

    [Fact]
    public async Task An_employer_s_cancellation_request_e_mails_the_convocation_contacts_once_staff_confirm_it()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstbtp-bfc");
        // sstbtp-bfc asks staff to cancel: the e-mail goes when they confirm, not at the request.
        var monday = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        while (monday.DayOfWeek != DayOfWeek.Monday) monday = monday.AddDays(1);
        var local = monday.ToDateTime(new TimeOnly(10, 0));
        var (_, appointment) = await AppointmentAsync("sstbtp-bfc", new DateTimeOffset(local, Platform.Features.Regulation.FrenchTime.Paris.GetUtcOffset(local)));
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.EmployerTokenAsync(), "cancelAppointment", Cancel, new { input = new { id = appointment } })));
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(await api.StaffTokenAsync(), "cancelAppointmentAsStaff", StaffCancel, new { input = new { id = appointment } })));
        var message = await Factory.Smtp.WaitForMessageAsync("employer@sstbtp-bfc.demo");
        Assert.StartsWith("Rendez-vous annulé : Jean MARTIN", message.Subject);
        Assert.Contains("Motif : Annulé à la demande de l'entreprise.", message.TextBody);
        Assert.Single(Factory.Smtp.MessagesTo("employer@sstbtp-bfc.demo"), m => m.Subject?.StartsWith("Rendez-vous annulé") == true);
    }

    // ---- an exit cancels the future appointments ----

    [Fact]
    public async Task An_exit_cancels_every_future_appointment_but_an_end_of_career_visit_before_the_last_day_and_e_mails_the_company()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var employer = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(employer, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = Guid.Parse((await api.MutateAsync(employer, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString()!);
        var now = Factory.Clock.GetUtcNow();
        var endDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30);
        var past = await AddAppointmentAsync("sstrn", company, employee, VisitType.Periodic, now.AddDays(-3));
        var periodicBeforeEnd = await AddAppointmentAsync("sstrn", company, employee, VisitType.Periodic, now.AddDays(10));
        var endOfCareerBeforeEnd = await AddAppointmentAsync("sstrn", company, employee, VisitType.EndOfCareer, now.AddDays(12));
        var endOfCareerAfterEnd = await AddAppointmentAsync("sstrn", company, employee, VisitType.EndOfCareer, now.AddDays(40));

        var exit = await api.MutateAsync(employer, "exitEmployee",
            "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { cancelledAppointments { id cancelled cancellationReason } errors { code } } }",
            new { input = new { id = employee, endDate = endDate.ToString("yyyy-MM-dd") } });
        Assert.Empty(DemoApi.ErrorCodes(exit));
        var cancelled = exit.GetProperty("cancelledAppointments").EnumerateArray().Select(a => Guid.Parse(a.GetProperty("id").GetString()!)).ToHashSet();
        Assert.Equal(new HashSet<Guid> { periodicBeforeEnd, endOfCareerAfterEnd }, cancelled);
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var states = await db.Appointments.Where(a => a.EmployeeId == employee).ToDictionaryAsync(a => a.Id, a => a.CancelledAt != null);
            Assert.False(states[past]);
            Assert.False(states[endOfCareerBeforeEnd]);
            Assert.True(states[periodicBeforeEnd]);
            Assert.True(states[endOfCareerAfterEnd]);
        }
        // One e-mail per cancelled appointment to the convocation contact.
        await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo", 2);
        var notices = Factory.Smtp.MessagesTo("employer@sstrn.demo").Where(m => m.Subject?.StartsWith("Rendez-vous annulé") == true).ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, m => Assert.Contains("le salarié est sorti de l'effectif", m.TextBody));
    }

    [Fact]
    public async Task The_employee_page_says_which_appointments_the_exit_cancelled()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var employer = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(employer, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = Guid.Parse((await api.MutateAsync(employer, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString()!);
        var day = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(8);
        var local = day.ToDateTime(new TimeOnly(9, 30));
        await AddAppointmentAsync("sstrn", company, employee, VisitType.Periodic, new DateTimeOffset(local, Platform.Features.Regulation.FrenchTime.Paris.GetUtcOffset(local)));

        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var path = $"/entreprises/{company}/salaries/{employee}";
        var end = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        var answer = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(path, new Dictionary<string, string> { ["EndDate"] = end.ToString("yyyy-MM-dd") }, $"{path}?handler=Sortie")));
        Assert.Contains($"Rendez-vous annulé(s) : visite « Périodique » du {day:dd/MM/yyyy} à 09:30", answer);
    }

    // ---- staff take a request in hand: « en cours de traitement » ----

    [Fact]
    public async Task A_request_staff_take_in_hand_shows_in_progress_in_the_employer_s_history()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var api = new DemoApi(Factory, "sstrn");
        var employer = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(employer, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = (await api.MutateAsync(employer, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString();
        var request = (await api.MutateAsync(employer, "requestVisit", "mutation($input: RequestVisitInput!) { requestVisit(input: $input) { visitRequest { id } errors { code } } }",
            new { input = new { employeeId = employee, type = "PERIODIC" } })).GetProperty("visitRequest").GetProperty("id").GetString();
        const string take = "mutation($input: IdInput!) { takeVisitRequestInCharge(input: $input) { visitRequest { id state } errors { code } } }";
        const string history = "query($id: ID!) { company(id: $id) { visitRequests { edges { node { state history { kind detail } } } } } }";

        var byEmployer = await Factory.GraphQLAsync(api.Host, take, new { input = new { id = request } }, employer);
        Assert.Equal("FORBIDDEN", byEmployer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var before = (await api.DataAsync(employer, history, new { id = company })).GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0].GetProperty("node");
        Assert.DoesNotContain(before.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "IN_PROGRESS");

        var staff = await api.StaffTokenAsync();
        var taken = await api.MutateAsync(staff, "takeVisitRequestInCharge", take, new { input = new { id = request } });
        Assert.Empty(DemoApi.ErrorCodes(taken));
        Assert.Equal(["ALREADY_TAKEN"], DemoApi.ErrorCodes(await api.MutateAsync(staff, "takeVisitRequestInCharge", take, new { input = new { id = request } })));
        var after = (await api.DataAsync(employer, history, new { id = company })).GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("PENDING", after.GetProperty("state").GetString());
        var step = Assert.Single(after.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "IN_PROGRESS");
        Assert.Equal("Prise en charge par l'équipe santé travail.", step.GetProperty("detail").GetString());
    }

    // ---- helpers ----

    /// <summary>An employee of the tenant's demo company with a periodic appointment, written as staff's scheduling would.</summary>
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
        await db.SaveChangesAsync();
        return (company, await AddAppointmentAsync(tenant, company, employee.Id, VisitType.Periodic, startsAt));
    }

    private async Task<Guid> AddAppointmentAsync(string tenant, Guid company, Guid employee, VisitType type, DateTimeOffset startsAt)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var appointment = new Appointment
        {
            CompanyId = company, EmployeeId = employee, Type = type, StartsAtUtc = startsAt.UtcDateTime, Location = "Centre médical",
            ScheduledAt = Factory.Clock.GetUtcNow(),
        };
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    private async Task<HttpResponseMessage> GetAsync(string host, string path, string? token)
    {
        var client = Factory.ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }
}
