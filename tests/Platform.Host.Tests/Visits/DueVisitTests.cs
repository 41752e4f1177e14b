using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Features.Workstations;
using Platform.Host.Jobs;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Visits;

/// <summary>
/// Who is due (SPEC.md 4.2, seed 001 « Demandes à planifier », seed 002 periodicity) over the real HTTP
/// pipeline with the fake clock: nextVisitDue, the nightly refresh, « Salariés à convoquer » with its
/// filters, sort and exports, the digest at the real SMTP server, the rerun that sends nothing twice,
/// sist-on's generated requests, and other companies' and tenants' employees never listed.
/// </summary>
public sealed class DueVisitTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private DemoApi Api => new(Factory, "sstrn");
    private static readonly int Y = DateTime.UtcNow.Year + 1;
    private const string Site = "https://sstrn.sante-travail.example";

    private const string DueList = """
        query($id: ID!, $type: VisitType, $sort: DueVisitSort, $first: Int, $after: String) { company(id: $id) {
          dueVisits(type: $type, sort: $sort, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
            edges { node { type dueBy kind label overdue rule ruleSince employee { birthName } } } } } }
        """;
    private const string Next = "query($id: ID!) { company(id: $id) { employees(filter: { activeOnly: false }) { edges { node { birthName nextVisitDue { type dueBy kind overdue } } } } } }";
    private const string RecordPast = "mutation($i: RecordPastVisitInput!) { recordPastVisit(input: $i) { heldVisit { kind heldOn } errors { code message field } } }";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // 15 June of next year, noon in Paris: ahead of the real time, which the scheduled jobs (the outbox) run on.
        Factory.Clock.SetUtcNow(new DateTimeOffset(Y, 6, 15, 10, 0, 0, TimeSpan.Zero));
    }

    private sealed record Setup(string Token, Guid Company, string Hired, string Night, string MidCareer);

    /// <summary>Three employees of the demo company: hired in May (SI), starting nights in July (SIA), 45 this year with a VIP 3 years ago.</summary>
    private async Task<Setup> EmployeesAsync()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var store = await WorkstationAsync(token, company, "Magasinier", "676a", []);
        var night = await WorkstationAsync(token, company, "Agent de sécurité de nuit", "534a", ["NIGHT_WORK"]);
        var hired = await EmployeeAsync(token, EmployeeTests.EmployeeInput(company, "Alice", "EMBAUCHE", store, "Madame", "1990-02-01", startDate: $"{Y}-05-01"));
        var nightly = await EmployeeAsync(token, EmployeeTests.EmployeeInput(company, "Bruno", "NUIT", night, birthDate: "1995-09-09", startDate: $"{Y}-07-01"));
        var mid = await EmployeeAsync(token, EmployeeTests.EmployeeInput(company, "Chloé", "MILIEU", store, "Madame", $"{Y - 45}-03-03", startDate: "2020-01-06"));
        var staff = await Api.StaffTokenAsync();
        var past = await Api.MutateAsync(staff, "recordPastVisit", RecordPast, new { i = new { employeeId = mid, kind = "VIP", heldOn = $"{Y - 3}-05-10" } });
        Assert.Empty(DemoApi.ErrorCodes(past));
        return new(token, company, hired, nightly, mid);
    }

    private async Task<string> WorkstationAsync(string token, Guid company, string label, string csp, string[] risks) =>
        (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, label, csp, risks)))
        .GetProperty("workstation").GetProperty("id").GetString()!;

    private async Task<string> EmployeeAsync(string token, object input)
    {
        var created = await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, input);
        Assert.Empty(DemoApi.ErrorCodes(created));
        return created.GetProperty("employee").GetProperty("id").GetString()!;
    }

    private Task<DueVisitsNight> NightAsync(string tenant = "sstrn") => DueVisitsJob.RunAsync(Factory.Services, tenant, $"https://{tenant}.sante-travail.example");

    private static List<(string Name, string Type, string DueBy)> Rows(JsonElement data) =>
        data.GetProperty("company").GetProperty("dueVisits").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node"))
            .Select(n => (n.GetProperty("employee").GetProperty("birthName").GetString()!, n.GetProperty("type").GetString()!, n.GetProperty("dueBy").GetString()!)).ToList();

    [Fact]
    public async Task Next_visit_due_gives_each_employee_s_next_visit_and_its_deadline()
    {
        var s = await EmployeesAsync();
        var employees = (await Api.DataAsync(s.Token, Next, new { id = s.Company })).GetProperty("company").GetProperty("employees").GetProperty("edges")
            .EnumerateArray().Select(e => e.GetProperty("node")).ToDictionary(n => n.GetProperty("birthName").GetString()!, n => n.GetProperty("nextVisitDue"));
        Assert.Equal(("HIRING", $"{Y}-08-01", "INITIAL_VIP", false), Due(employees["EMBAUCHE"]));
        // Night work: before assignment on 1 July.
        Assert.Equal(("HIRING", $"{Y}-07-01", "INITIAL_VIP", false), Due(employees["NUIT"]));
        // A VIP 3 years ago (SI: the next in 2 years), 45 this year: mid-career by 31 December.
        Assert.Equal(("MID_CAREER", $"{Y}-12-31", "MID_CAREER", false), Due(employees["MILIEU"]));

        // Six weeks later the hiring visit is overdue.
        Factory.Clock.Advance(TimeSpan.FromDays(50));
        var later = (await Api.DataAsync(await Api.EmployerTokenAsync(), Next, new { id = s.Company })).GetProperty("company").GetProperty("employees").GetProperty("edges")
            .EnumerateArray().Select(e => e.GetProperty("node")).Single(n => n.GetProperty("birthName").GetString() == "EMBAUCHE");
        Assert.True(later.GetProperty("nextVisitDue").GetProperty("overdue").GetBoolean());

        static (string, string, string, bool) Due(JsonElement d) =>
            (d.GetProperty("type").GetString()!, d.GetProperty("dueBy").GetString()!, d.GetProperty("kind").GetString()!, d.GetProperty("overdue").GetBoolean());
    }

    private const string UpdateSituation = """
        mutation($input: UpdateEmployeeInput!) { updateEmployee(input: $input) {
          employee { situations retirementDate exposureEndDate nextVisitDue { type dueBy kind rule seenBy } } errors { code message field } } }
        """;

    [Fact]
    public async Task The_situation_the_employer_declares_on_the_employee_changes_the_next_visit_due()
    {
        var s = await EmployeesAsync();
        var store = (await AddWorkstationAsync("sstrn", s.Company)).ToString();
        var employee = await EmployeeAsync(s.Token, EmployeeTests.EmployeeInput(s.Company, "Denis", "ADAPTE", store, birthDate: "1990-02-01", startDate: "2020-01-06"));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(await Api.StaffTokenAsync(), "recordPastVisit", RecordPast,
            new { i = new { employeeId = employee, kind = "VIP", heldOn = $"{Y - 2}-09-01" } })));
        async Task<JsonElement> UpdateAsync(object situation) =>
            await Api.MutateAsync(s.Token, "updateEmployee", UpdateSituation, new { input = new { id = employee, situation } });

        // Nothing declared: simple follow-up, the next VIP 5 years after the last, by any health professional.
        var plain = await UpdateAsync(new { situations = Array.Empty<string>() });
        Assert.Empty(DemoApi.ErrorCodes(plain));
        Assert.Equal(("PERIODIC", $"{Y + 3}-09-01", "HEALTH_PROFESSIONAL"), NextOf(plain));

        // A disabled worker (RQTH): adapted follow-up, 3 years, by the occupational doctor.
        var disabled = await UpdateAsync(new { situations = new[] { "DISABLED_WORKER" } });
        Assert.Empty(DemoApi.ErrorCodes(disabled));
        Assert.Equal(["DISABLED_WORKER"], disabled.GetProperty("employee").GetProperty("situations").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Equal(("PERIODIC", $"{Y + 1}-09-01", "DOCTOR"), NextOf(disabled));
        Assert.Contains("R4624-20", disabled.GetProperty("employee").GetProperty("nextVisitDue").GetProperty("rule").GetString());

        // Under 18 follows from the birth date; a retirement before the start: refused in French, nothing stored.
        var minor = await UpdateAsync(new { situations = new[] { "UNDER_EIGHTEEN" } });
        Assert.Equal([("INVALID_SITUATION", "situations")], Errors(minor));
        var early = await UpdateAsync(new { situations = Array.Empty<string>(), retirementDate = "2019-12-31" });
        Assert.Equal([("INVALID_RETIREMENT_DATE", "retirementDate")], Errors(early));
        Assert.Contains("06/01/2020", early.GetProperty("errors")[0].GetProperty("message").GetString());
        var still = (await Api.DataAsync(s.Token, Next, new { id = s.Company })).GetProperty("company").GetProperty("employees").GetProperty("edges")
            .EnumerateArray().Select(e => e.GetProperty("node")).Single(n => n.GetProperty("birthName").GetString() == "ADAPTE");
        Assert.Equal($"{Y + 1}-09-01", still.GetProperty("nextVisitDue").GetProperty("dueBy").GetString());

        // The end of an exposure entered on the employee (no request needed): the post-exposure visit, within a month.
        var exposed = await UpdateAsync(new { situations = Array.Empty<string>(), exposureEndDate = $"{Y}-06-01" });
        Assert.Empty(DemoApi.ErrorCodes(exposed));
        Assert.Equal($"{Y}-06-01", exposed.GetProperty("employee").GetProperty("exposureEndDate").GetString());
        Assert.Equal(("POST_EXPOSURE", $"{Y}-07-01", "DOCTOR"), NextOf(exposed));

        // The night's refresh sees it too: « Salariés à convoquer » lists the post-exposure visit.
        await NightAsync();
        Assert.Contains(("ADAPTE", "POST_EXPOSURE", $"{Y}-07-01"), Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company })));

        static (string, string, string) NextOf(JsonElement payload)
        {
            var next = payload.GetProperty("employee").GetProperty("nextVisitDue");
            return (next.GetProperty("type").GetString()!, next.GetProperty("dueBy").GetString()!, next.GetProperty("seenBy").GetString()!);
        }
        static List<(string, string)> Errors(JsonElement payload) =>
            payload.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("field").GetString()!)).ToList();
    }

    [Fact]
    public async Task An_sst68_employer_s_situation_waits_for_staff_validation()
    {
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync(DemoData.MemberNumbers["sst68"].Demo);
        var employee = await AddEmployeeAsync("sst68", company, "NUITEUX", null);
        var changed = await api.MutateAsync(token, "updateEmployee", UpdateSituation, new { input = new { id = employee, situation = new { situations = new[] { "NIGHT_WORKER" } } } });
        Assert.Empty(DemoApi.ErrorCodes(changed));
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // Kept for staff: the employee is unchanged, the pending change says what it will do.
        Assert.Equal(Platform.Features.Regulation.EmployeeSituations.None, (await db.Employees.AsNoTracking().SingleAsync(e => e.Id == employee)).Situations);
        var pending = await db.PendingChanges.AsNoTracking().SingleAsync(p => p.SubjectId == employee);
        Assert.Equal("Situation de suivi : Travailleur de nuit", pending.Summary);
    }

    [Fact]
    public async Task The_nightly_refresh_lists_who_is_due_by_deadline_with_filter_sort_and_exports()
    {
        var s = await EmployeesAsync();
        var night = await NightAsync();
        Assert.Equal(3, night.Refresh.Due);

        var all = Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company }));
        Assert.Equal([("NUIT", "HIRING", $"{Y}-07-01"), ("EMBAUCHE", "HIRING", $"{Y}-08-01"), ("MILIEU", "MID_CAREER", $"{Y}-12-31")], all);
        var descending = Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company, sort = "DUE_BY_DESCENDING" }));
        Assert.Equal(all.AsEnumerable().Reverse(), descending);
        Assert.Equal([("MILIEU", "MID_CAREER", $"{Y}-12-31")], Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company, type = "MID_CAREER" })));

        // Pages by deadline: two, then the last one.
        var first = (await Api.DataAsync(s.Token, DueList, new { id = s.Company, first = 2 })).GetProperty("company").GetProperty("dueVisits");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company, first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }));
        Assert.Equal([("MILIEU", "MID_CAREER", $"{Y}-12-31")], rest);

        // The portal page and its exports, with the employer's session.
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync($"/entreprises/{s.Company}/a-convoquer");
        Assert.Contains("Salariés à convoquer", page);
        Assert.Contains("3 visite(s) à organiser", page);
        Assert.True(page.IndexOf("NUIT Bruno", StringComparison.Ordinal) < page.IndexOf("EMBAUCHE Alice", StringComparison.Ordinal));
        var filtered = await portal.GetHtmlAsync($"/entreprises/{s.Company}/a-convoquer?type=MidCareer");
        Assert.Contains("MILIEU Chloé", filtered);
        Assert.DoesNotContain("NUIT Bruno", filtered);

        var csv = await portal.GetAsync($"/entreprises/{s.Company}/a-convoquer?handler=Export&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("Salarié;Visite;Type de visite", text);
        Assert.Contains($"NUIT Bruno;Visite d'information et de prévention initiale;Embauche;;01/07/{Y};Non", text);
        Assert.Contains($"MILIEU Chloé;Visite de mi-carrière;Mi-carrière;01/01/{Y};31/12/{Y};Non", text);

        var xlsx = await portal.GetAsync($"/entreprises/{s.Company}/a-convoquer?handler=Export&format=xlsx&type=Hiring");
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = await new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
        Assert.Contains("EMBAUCHE Alice", sheet);
        Assert.DoesNotContain("MILIEU", sheet);
    }

    [Fact]
    public async Task The_digest_of_the_newly_due_reaches_the_convocation_contacts_once_even_when_the_night_runs_twice()
    {
        var s = await EmployeesAsync();
        var first = await NightAsync();
        Assert.Equal(1, first.EmailsQueued);
        var digest = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.Equal("3 salariés à convoquer — Entreprise Démo SSTRN", digest.Subject);
        Assert.Contains($"NUIT Bruno — Visite d'information et de prévention initiale — avant le 01/07/{Y}", digest.TextBody);
        Assert.Contains($"{Site}/entreprises/{s.Company}/a-convoquer", digest.TextBody);

        // The same night again (a restart): nothing new, nothing sent.
        var again = await NightAsync();
        Assert.Equal((0, 0, 0), (again.Refresh.Added, again.Refresh.Removed, again.EmailsQueued));

        // The next day an absence makes a return-to-work visit due: only that one is sent.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var absence = await Api.MutateAsync(await Api.EmployerTokenAsync(), "recordAbsence",
            "mutation($i: RecordAbsenceInput!) { recordAbsence(input: $i) { absence { nature returnOn } errors { code message field } } }",
            new { i = new { employeeId = s.MidCareer, nature = "WORK_ACCIDENT", firstDay = $"{Y}-05-01", returnOn = $"{Y}-06-16" } });
        Assert.Empty(DemoApi.ErrorCodes(absence));
        var next = await NightAsync();
        Assert.Equal(1, next.EmailsQueued);
        var second = await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo", count: 2);
        Assert.Equal("1 salarié à convoquer — Entreprise Démo SSTRN", second.Subject);
        Assert.Contains($"MILIEU Chloé — Visite de reprise — avant le 24/06/{Y}", second.TextBody);
        Assert.DoesNotContain("NUIT", second.TextBody);
        await Task.Delay(1000); // the delivery loop runs five times a second: a duplicate would be there by now
        Assert.Equal(2, Factory.Smtp.MessagesTo("employer@sstrn.demo").Count);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.CountAsync());
    }

    [Fact]
    public async Task A_member_who_unticked_convocations_gets_no_digest_while_another_keeps_them()
    {
        var s = await EmployeesAsync();
        await Api.GrantAccountantAsync(s.Company, "Convocation");
        var accountant = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        var off = await Api.MutateAsync(accountant, "setNotification",
            "mutation($i: SetNotificationInput!) { setNotification(input: $i) { errors { code } } }",
            new { i = new { companyId = s.Company, kind = "CONVOCATIONS", enabled = false } });
        Assert.Empty(DemoApi.ErrorCodes(off));
        Assert.Equal(1, (await NightAsync()).EmailsQueued);
        await Factory.Smtp.WaitForMessageAsync("employer@sstrn.demo");
        Assert.Empty(Factory.Smtp.MessagesTo(DemoData.AccountantEmail));
    }

    [Fact]
    public async Task A_past_visit_entered_by_staff_settles_the_due_visit_at_once_and_employers_cannot_enter_one()
    {
        var s = await EmployeesAsync();
        await NightAsync();
        var byEmployer = await Factory.GraphQLAsync(Api.Host, RecordPast, new { i = new { employeeId = s.Hired, kind = "VIP", heldOn = $"{Y}-06-01" } }, s.Token);
        Assert.Equal("FORBIDDEN", byEmployer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var staff = await Api.StaffTokenAsync();
        var future = await Api.MutateAsync(staff, "recordPastVisit", RecordPast, new { i = new { employeeId = s.Hired, kind = "VIP", heldOn = $"{Y}-06-16" } });
        Assert.Equal(["FUTURE_DATE"], DemoApi.ErrorCodes(future));
        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(staff, "recordPastVisit", RecordPast, new { i = new { employeeId = s.Hired, kind = "VIP", heldOn = $"{Y}-06-01" } })));
        var rows = Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company }));
        Assert.DoesNotContain(rows, r => r.Name == "EMBAUCHE");
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task A_held_appointment_becomes_the_last_visit_and_settles_what_was_due_once_the_night_has_run()
    {
        var s = await EmployeesAsync();
        await NightAsync();
        Assert.Contains(Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company })), r => r.Name == "EMBAUCHE");

        // The hiring visit is requested, then staff schedule it two days ahead.
        var staff = await Api.StaffTokenAsync();
        var request = (await Api.MutateAsync(s.Token, "requestVisit", "mutation($input: RequestVisitInput!) { requestVisit(input: $input) { visitRequest { id } errors { code } } }",
            new { input = new { employeeId = s.Hired, type = "HIRING" } })).GetProperty("visitRequest").GetProperty("id").GetString();
        var startsAt = new DateTimeOffset(Y, 6, 17, 7, 30, 0, TimeSpan.Zero);
        var scheduled = await Api.MutateAsync(staff, "scheduleVisit",
            "mutation($input: ScheduleVisitInput!) { scheduleVisit(input: $input) { visitRequest { id } errors { code message } } }",
            new { input = new { id = request, startsAt, location = "Centre de Saint-Denis", healthProfessional = "Dr Claire Durand" } });
        Assert.Empty(DemoApi.ErrorCodes(scheduled));

        // Scheduled is not held: the night before the appointment still lists it.
        await NightAsync();
        Assert.Contains(Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company })), r => r.Name == "EMBAUCHE");

        // The night after it, the visit is the employee's last VIP: nothing due for her (SI: next in 5 years), once.
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        await NightAsync();
        await NightAsync();
        var token = await Api.EmployerTokenAsync();
        Assert.DoesNotContain(Rows(await Api.DataAsync(token, DueList, new { id = s.Company })), r => r.Name == "EMBAUCHE");
        var past = (await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { employees { edges { node { birthName pastVisits { kind heldOn } } } } } }", new { id = s.Company }))
            .GetProperty("company").GetProperty("employees").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .Single(n => n.GetProperty("birthName").GetString() == "EMBAUCHE").GetProperty("pastVisits");
        Assert.Equal(("VIP", $"{Y}-06-17"), Assert.Single(past.EnumerateArray().Select(v => (v.GetProperty("kind").GetString(), v.GetProperty("heldOn").GetString()))));
    }

    [Fact]
    public async Task Another_company_s_and_another_tenant_s_employees_are_never_listed()
    {
        var s = await EmployeesAsync();
        var client = await Api.CompanyIdAsync("102.1");
        await AddEmployeeAsync("sstrn", client, "AUTRE", null);
        var sistOn = await SistOnCompanyAsync();
        await AddEmployeeAsync("sist-on", sistOn, "NORMAND", null);
        await NightAsync();
        await NightAsync("sist-on");

        var rows = Rows(await Api.DataAsync(s.Token, DueList, new { id = s.Company }));
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.Name is "AUTRE" or "NORMAND");
        // The other company does not exist for this employer, its page neither; another tenant's id is unknown here.
        Assert.Equal(JsonValueKind.Null, (await Api.DataAsync(s.Token, DueList, new { id = client })).GetProperty("company").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Api.DataAsync(s.Token, DueList, new { id = sistOn })).GetProperty("company").ValueKind);
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await portal.GetAsync($"/entreprises/{client}/a-convoquer")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await portal.GetAsync($"/entreprises/{sistOn}/a-convoquer?handler=Export&format=csv")).StatusCode);
        // Each tenant's refresh stored its own only.
        await using var scope = Factory.Services.CreateTenantScope("sist-on");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal([sistOn], await db.DueVisitEntries.Select(d => d.CompanyId).Distinct().ToListAsync());
    }

    [Fact]
    public async Task On_sist_on_the_hiring_and_periodic_requests_are_created_from_the_periodicity_once()
    {
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var company = await SistOnCompanyAsync();
        var workstation = await AddWorkstationAsync("sist-on", company);
        var hired = await AddEmployeeAsync("sist-on", company, "RECRUE", workstation);
        var withoutPost = await AddEmployeeAsync("sist-on", company, "SANSPOSTE", null);

        var night = await NightAsync("sist-on");
        Assert.Equal(1, night.RequestsCreated);
        Assert.Equal(0, (await NightAsync("sist-on")).RequestsCreated);

        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var request = await db.VisitRequests.SingleAsync();
            Assert.Equal((hired, VisitType.Hiring, VisitRequestState.Pending), (request.EmployeeId, request.Type, request.State));
            Assert.Contains("périodicité réglementaire", request.Comment);
            Assert.Equal(request.Id, (await db.DueVisitEntries.SingleAsync(d => d.EmployeeId == hired)).VisitRequestId);
            Assert.Null((await db.DueVisitEntries.SingleAsync(d => d.EmployeeId == withoutPost)).VisitRequestId);
        }
        // sstrn's rules create none: its employers ask.
        await EmployeesAsync();
        Assert.Equal(0, (await NightAsync()).RequestsCreated);
    }

    private async Task<Guid> SistOnCompanyAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sist-on");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == "ON0001").Select(c => c.Id).SingleAsync();
    }

    private async Task<Guid> AddWorkstationAsync(string tenant, Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var w = new Workstation { CompanyId = company, Label = "Cariste", CspCode = "676a", CreatedAt = Factory.Clock.GetUtcNow() };
        db.Workstations.Add(w);
        await db.SaveChangesAsync();
        return w.Id;
    }

    private async Task<Guid> AddEmployeeAsync(string tenant, Guid company, string name, Guid? workstation)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var e = new Employee
        {
            CompanyId = company, Civility = "Monsieur", FirstName = "Jean", BirthName = name, BirthDate = new DateOnly(1990, 1, 1), Contract = "CDI",
            StartDate = new DateOnly(Y, 6, 1), CurrentWorkstationId = workstation, CreatedAt = Factory.Clock.GetUtcNow(), SortName = name + " JEAN",
        };
        db.Employees.Add(e);
        if (workstation is { } w) db.CareerEntries.Add(new CareerEntry { EmployeeId = e.Id, WorkstationId = w, Contract = "CDI", StartDate = e.StartDate });
        await db.SaveChangesAsync();
        return e.Id;
    }
}
