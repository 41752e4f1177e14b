using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Documents;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Visits;

/// <summary>
/// Each visit type's own fields (SPEC.md 3.5, seed 001) over the real API: what is missing or does not
/// agree is refused with the field named and nothing stored; attachments (5 at most, the waiver's
/// certificate); the history and the filters of the tracking list.
/// </summary>
public sealed class VisitRequestFormTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    private const string Request = """
        mutation($input: RequestVisitInput!) { requestVisit(input: $input) {
          visitRequest { id type state hiringWaiver absenceNature absenceStart absenceEnd therapeuticPartTime retirementDate exposureRisk exposureEndDate
                         occasionalRequester employerReason reasonComment lastOpinionDeadline situationDetails interpreterLanguage
                         attachments { id nature fileName } history { kind label by detail } }
          errors { code message field } } }
        """;

    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private async Task<(string Token, Guid Company, string Employee)> EmployerAsync()
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var ws = (await Api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = await Api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws));
        return (token, company, employee.GetProperty("employee").GetProperty("id").GetString()!);
    }

    private async Task<JsonElement> RequestAsync(string token, object input) => await Api.MutateAsync(token, "requestVisit", Request, new { input });

    private static IReadOnlyList<(string Code, string Field)> Errors(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("field").GetString()!)).ToList();

    private async Task<int> StoredAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().VisitRequests.CountAsync();
    }

    [Fact]
    public async Task A_return_to_work_needs_the_absence_s_nature_and_dates_that_agree()
    {
        var (token, _, employee) = await EmployerAsync();

        var nothing = await RequestAsync(token, new { employeeId = employee, type = "RETURN_TO_WORK" });
        Assert.Equal([("REQUIRED", "absenceNature"), ("REQUIRED", "absenceStart"), ("REQUIRED", "absenceEnd")], Errors(nothing));
        Assert.Contains("nature de l'arrêt", nothing.GetProperty("errors")[0].GetProperty("message").GetString());

        var reversed = await RequestAsync(token, new { employeeId = employee, type = "RETURN_TO_WORK", absenceNature = "MATERNITY", absenceStart = "2026-10-01", absenceEnd = "2026-09-01" });
        Assert.Equal([("INCONSISTENT_DATES", "absenceEnd")], Errors(reversed));

        // A work accident of 10 days calls for no return-to-work visit (30 days, R4624-31).
        var tooShort = await RequestAsync(token, new { employeeId = employee, type = "RETURN_TO_WORK", absenceNature = "WORK_ACCIDENT", absenceStart = "2026-11-01", absenceEnd = "2026-11-10" });
        Assert.Equal([("ABSENCE_TOO_SHORT", "absenceEnd")], Errors(tooShort));
        Assert.Contains("moins de 30 jours", tooShort.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(0, await StoredAsync());

        var ok = await RequestAsync(token, new
        {
            employeeId = employee, type = "RETURN_TO_WORK", absenceNature = "WORK_ACCIDENT", absenceStart = "2026-10-01", absenceEnd = "2026-10-30",
            therapeuticPartTime = true, situations = new[] { "DISABLED_WORKER" }, interpreterLanguage = "Portugais", comment = "Disponible le matin",
        });
        Assert.Empty(Errors(ok));
        var visit = ok.GetProperty("visitRequest");
        Assert.Equal(("WORK_ACCIDENT", "2026-10-01", "2026-10-30", true),
            (visit.GetProperty("absenceNature").GetString(), visit.GetProperty("absenceStart").GetString(), visit.GetProperty("absenceEnd").GetString(), visit.GetProperty("therapeuticPartTime").GetBoolean()));
    }

    [Fact]
    public async Task End_of_career_and_post_exposure_need_the_risk_and_their_date()
    {
        var (token, _, employee) = await EmployerAsync();

        Assert.Equal([("REQUIRED", "retirementDate"), ("REQUIRED", "exposureRisk")], Errors(await RequestAsync(token, new { employeeId = employee, type = "END_OF_CAREER" })));
        var past = await RequestAsync(token, new { employeeId = employee, type = "END_OF_CAREER", retirementDate = "2026-11-01", exposureRisk = "Amiante" });
        Assert.Equal([("DATE_IN_PAST", "retirementDate")], Errors(past));
        Assert.Equal([("REQUIRED", "exposureRisk"), ("REQUIRED", "exposureEndDate")], Errors(await RequestAsync(token, new { employeeId = employee, type = "POST_EXPOSURE" })));
        // A field of another type is not silently kept.
        var misplaced = await RequestAsync(token, new { employeeId = employee, type = "POST_EXPOSURE", exposureRisk = "Plomb", exposureEndDate = "2026-10-31", retirementDate = "2027-06-30" });
        Assert.Equal([("NOT_FOR_THIS_TYPE", "retirementDate")], Errors(misplaced));
        Assert.Equal(0, await StoredAsync());

        var ok = await RequestAsync(token, new { employeeId = employee, type = "END_OF_CAREER", retirementDate = "2027-06-30", exposureRisk = "Amiante" });
        Assert.Empty(Errors(ok));
        Assert.Equal(("2027-06-30", "Amiante"), (ok.GetProperty("visitRequest").GetProperty("retirementDate").GetString(), ok.GetProperty("visitRequest").GetProperty("exposureRisk").GetString()));
        Assert.Empty(Errors(await RequestAsync(token, new { employeeId = employee, type = "POST_EXPOSURE", exposureRisk = "Plomb", exposureEndDate = "2026-10-31" })));
    }

    [Fact]
    public async Task An_occasional_visit_says_who_asks_with_the_employer_s_reason_and_comment_or_the_doctor_s_deadline()
    {
        var (token, _, employee) = await EmployerAsync();

        Assert.Equal([("REQUIRED", "occasionalRequester")], Errors(await RequestAsync(token, new { employeeId = employee, type = "OCCASIONAL" })));
        var employer = await RequestAsync(token, new { employeeId = employee, type = "OCCASIONAL", occasionalRequester = "EMPLOYER" });
        Assert.Equal([("REQUIRED", "employerReason"), ("REQUIRED", "reasonComment")], Errors(employer));
        Assert.Contains("l'un des trois motifs", employer.GetProperty("errors")[0].GetProperty("message").GetString());
        var doctor = await RequestAsync(token, new { employeeId = employee, type = "OCCASIONAL", occasionalRequester = "DOCTOR", employerReason = "JOB_CHANGE" });
        Assert.Equal([("NOT_FOR_THIS_TYPE", "employerReason"), ("REQUIRED", "lastOpinionDeadline")], Errors(doctor));
        Assert.Equal(0, await StoredAsync());

        var ok = await RequestAsync(token, new { employeeId = employee, type = "OCCASIONAL", occasionalRequester = "EMPLOYER", employerReason = "WORKSTATION_DIFFICULTIES", reasonComment = "Port de charges difficile" });
        Assert.Empty(Errors(ok));
        Assert.Equal(("EMPLOYER", "WORKSTATION_DIFFICULTIES", "Port de charges difficile"),
            (ok.GetProperty("visitRequest").GetProperty("occasionalRequester").GetString(), ok.GetProperty("visitRequest").GetProperty("employerReason").GetString(),
             ok.GetProperty("visitRequest").GetProperty("reasonComment").GetString()));
    }

    [Fact]
    public async Task Situations_come_with_their_details_and_only_on_the_types_that_offer_them()
    {
        var (token, _, employee) = await EmployerAsync();

        Assert.Equal([("REQUIRED", "situationDetails")], Errors(await RequestAsync(token, new { employeeId = employee, type = "PERIODIC", situations = new[] { "OTHER_EXPOSURE" } })));
        Assert.Equal([("NOT_FOR_THIS_TYPE", "situations"), ("REQUIRED", "retirementDate"), ("REQUIRED", "exposureRisk")],
            Errors(await RequestAsync(token, new { employeeId = employee, type = "END_OF_CAREER", situations = new[] { "PREGNANT" } })));
        Assert.Equal([("NOT_FOR_THIS_TYPE", "hiringWaiver")], Errors(await RequestAsync(token, new { employeeId = employee, type = "PERIODIC", hiringWaiver = true })));
        Assert.Equal(0, await StoredAsync());

        var ok = await RequestAsync(token, new { employeeId = employee, type = "PERIODIC", situations = new[] { "OTHER_EXPOSURE" }, situationDetails = "Poussières de bois" });
        Assert.Equal("Poussières de bois", ok.GetProperty("visitRequest").GetProperty("situationDetails").GetString());
    }

    [Fact]
    public async Task A_hiring_waiver_needs_the_last_certificate_attached_and_a_request_takes_five_documents_at_most()
    {
        var (token, company, employee) = await EmployerAsync();
        var planning = await DocumentTests.UploadedIdAsync(Factory, Api.Host, token, company, "PLANNING");

        var withoutCertificate = await RequestAsync(token, new { employeeId = employee, type = "HIRING", hiringWaiver = true, documentIds = new[] { planning } });
        Assert.Equal([("CERTIFICATE_REQUIRED", "documentIds")], Errors(withoutCertificate));
        Assert.Contains("dernière attestation de suivi", withoutCertificate.GetProperty("errors")[0].GetProperty("message").GetString());

        var six = new List<string> { planning };
        for (var i = 0; i < 5; i++) six.Add(await DocumentTests.UploadedIdAsync(Factory, Api.Host, token, company, "FOLLOW_UP_CERTIFICATE"));
        var tooMany = await RequestAsync(token, new { employeeId = employee, type = "HIRING", hiringWaiver = true, documentIds = six });
        Assert.Equal([("TOO_MANY_ATTACHMENTS", "documentIds")], Errors(tooMany));
        Assert.Contains("5 au plus", tooMany.GetProperty("errors")[0].GetProperty("message").GetString());

        // Another company's document cannot be attached (the accountant's client, 102.1, in the same tenant).
        var otherCompany = await Api.CompanyIdAsync("102.1");
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            // The accountant may request visits for its client (Convocation), so it can upload there.
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var accountant0 = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == DemoData.AccountantEmail);
            var membership = await db.Memberships.SingleAsync(m => m.CompanyId == otherCompany && m.UserId == accountant0.Id);
            membership.Roles = [.. membership.Roles, Platform.Features.Access.CompanyRoles.Convocation];
            await db.SaveChangesAsync();
        }
        var accountant = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        var foreign = await DocumentTests.UploadedIdAsync(Factory, Api.Host, accountant, otherCompany, "FOLLOW_UP_CERTIFICATE");
        Assert.Equal([("DOCUMENT_NOT_FOUND", "documentIds")], Errors(await RequestAsync(token, new { employeeId = employee, type = "HIRING", documentIds = new[] { foreign } })));
        Assert.Equal(0, await StoredAsync());

        var ok = await RequestAsync(token, new { employeeId = employee, type = "HIRING", hiringWaiver = true, documentIds = new[] { planning, six[1] } });
        Assert.Empty(Errors(ok));
        var visit = ok.GetProperty("visitRequest");
        Assert.True(visit.GetProperty("hiringWaiver").GetBoolean());
        Assert.Equal(["PLANNING", "FOLLOW_UP_CERTIFICATE"], visit.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("nature").GetString()));
        // Staff acknowledging an attachment shows the request in progress.
        var staff = await Api.StaffTokenAsync();
        await Api.MutateAsync(staff, "acknowledgeDocument", "mutation($input: IdInput!) { acknowledgeDocument(input: $input) { errors { code } } }", new { input = new { id = six[1] } });
        token = await Api.EmployerTokenAsync();
        var tracked = (await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { visitRequests { edges { node { history { kind } } } } } }", new { id = company }))
            .GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0].GetProperty("node").GetProperty("history");
        Assert.Equal(["SENT", "IN_PROGRESS"], tracked.EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
        // A document serves one request.
        Assert.Equal([("DOCUMENT_ALREADY_ATTACHED", "documentIds")],
            Errors(await RequestAsync(token, new { employeeId = employee, type = "PERIODIC", documentIds = new[] { planning } })));
    }

    [Fact]
    public async Task The_tracking_list_filters_by_type_and_state_and_tells_each_request_s_history()
    {
        var (token, company, employee) = await EmployerAsync();
        var periodic = (await RequestAsync(token, new { employeeId = employee, type = "PERIODIC" })).GetProperty("visitRequest").GetProperty("id").GetString();
        await RequestAsync(token, new { employeeId = employee, type = "MID_CAREER" });
        Factory.Clock.Advance(TimeSpan.FromMinutes(2)); // within the access token's 5 minutes
        await Api.MutateAsync(token, "cancelVisitRequest", "mutation($input: IdInput!) { cancelVisitRequest(input: $input) { errors { code } } }", new { input = new { id = periodic } });

        const string List = """
            query($id: ID!, $type: VisitType, $state: VisitRequestState) { company(id: $id) { visitRequests(type: $type, state: $state) {
              totalCount edges { node { type state history { kind label by detail } } } } } }
            """;
        var cancelled = (await Api.DataAsync(token, List, new { id = company, type = "PERIODIC" })).GetProperty("company").GetProperty("visitRequests");
        Assert.Equal(1, cancelled.GetProperty("totalCount").GetInt32());
        var history = cancelled.GetProperty("edges")[0].GetProperty("node").GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("label").GetString(), h.GetProperty("by").GetString())).ToList();
        Assert.Equal([("SENT", "Envoyée", "Émilie Employeur"), ("CANCELLED", "Annulée", "Émilie Employeur")], history);
        Assert.Equal(0, (await Api.DataAsync(token, List, new { id = company, type = "PERIODIC", state = "PENDING" })).GetProperty("company").GetProperty("visitRequests").GetProperty("totalCount").GetInt32());

        // The exit cancels the other one: cancelled by nobody, with the cause.
        await Api.MutateAsync(token, "exitEmployee", "mutation($input: ExitEmployeeInput!) { exitEmployee(input: $input) { errors { code } } }", new { input = new { id = employee, endDate = "2026-11-30" } });
        var exit = (await Api.DataAsync(token, List, new { id = company, type = "MID_CAREER" })).GetProperty("company").GetProperty("visitRequests").GetProperty("edges")[0]
            .GetProperty("node").GetProperty("history")[1];
        Assert.Equal(("CANCELLED", JsonValueKind.Null), (exit.GetProperty("kind").GetString(), exit.GetProperty("by").ValueKind));
        Assert.Contains("sorti de l'effectif", exit.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_portal_form_sends_a_hiring_waiver_with_its_certificate_and_refuses_a_sixth_file_or_a_renamed_text_file()
    {
        var (_, company, employee) = await EmployerAsync();
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var path = $"/entreprises/{company}/visites";
        var form = await portal.GetHtmlAsync(path);
        Assert.Contains("data-for-types=\"ReturnToWork\"", form);
        Assert.Contains("Demande de dispense d'embauche", form);

        async Task<string> SendAsync(params (string Nature, byte[] Content, string Name)[] files)
        {
            var page = await portal.GetHtmlAsync(path);
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(employee), "EmployeeId" },
                { new StringContent("Hiring"), "Type" },
                { new StringContent("true"), "HiringWaiver" },
                // A field of another type, sent because scripts were off: the page keeps only the chosen type's.
                { new StringContent("2027-01-01"), "RetirementDate" },
            };
            for (var i = 0; i < files.Length; i++)
            {
                content.Add(new StringContent(files[i].Nature), $"Nature{i + 1}");
                content.Add(new ByteArrayContent(files[i].Content), $"Piece{i + 1}", files[i].Name);
            }
            var response = await portal.Http.PostAsync($"{path}?handler=Demander", content);
            return System.Text.RegularExpressions.Regex.Replace(await PortalClient.HtmlAsync(response), @"\s+", " ");
        }

        var renamed = await SendAsync(("FollowUpCertificate", TestPdfs.TextFile(), "attestation.pdf"));
        Assert.Contains("« attestation.pdf » : Ce fichier n'est pas un PDF", renamed);
        var six = await SendAsync(Enumerable.Range(1, 6).Select(i => ("FollowUpCertificate", TestPdfs.Valid(), $"attestation-{i}.pdf")).ToArray());
        Assert.Contains("Vous avez joint 6 documents : une demande en accepte 5 au plus.", six);
        var noCertificate = await SendAsync(("Planning", TestPdfs.Valid(), "planning.pdf"));
        Assert.Contains("doit être accompagnée de la dernière attestation de suivi", noCertificate);
        Assert.Equal(0, await StoredAsync());

        var sent = await SendAsync(("FollowUpCertificate", TestPdfs.Valid(), "attestation.pdf"));
        Assert.Contains("Votre demande de visite « Embauche » est enregistrée avec 1 document(s)", sent);
        Assert.Contains("Dispense demandée", sent);
        Assert.Contains("attestation.pdf</a> (Attestation de suivi)", sent);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var request = await db.VisitRequests.SingleAsync();
        Assert.True(request.HiringWaiver);
        Assert.Null(request.RetirementDate);
        Assert.Equal(request.Id, (await db.Documents.SingleAsync()).VisitRequestId);
    }
}
