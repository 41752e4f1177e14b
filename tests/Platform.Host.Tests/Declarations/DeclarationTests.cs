using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Host.Tests.Billing;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Declarations;

/// <summary>
/// The annual declaration over the real pipeline with the fake clock (SPEC.md 3.7, rule matrix): each
/// tenant's window, past years, sstrn's 7-day edit, the no-staff path, resuming a wizard, the
/// confirmation e-mail at the SMTP test server, and the staff's confirmation that invoices it.
/// </summary>
public sealed class DeclarationTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const string List = """
        query($id: ID!) { company(id: $id) { declarations { id year status headcount apprentices submittedAt editableUntil resumeStep editable paymentMethod
          estimate { totalExclTax vat totalInclTax lines { label quantity unitPrice amount } } } } }
        """;
    private const string Submit = """
        mutation($i: SubmitDeclarationInput!) { submitDeclaration(input: $i) { declaration { id year status headcount apprentices editableUntil submittedAt estimate { totalInclTax } }
          errors { code message field } } }
        """;

    private const string Step = """
        mutation($i: SaveDeclarationStepInput!) { saveDeclarationStep(input: $i) { declaration { id year status resumeStep headcount apprentices editableUntil submittedAt estimate { totalInclTax } }
          errors { code message field } } }
        """;

    /// <summary>
    /// What an API client does to file a declaration: each step the tenant's file enables, in order, then the
    /// signature. Returns the first payload with errors, or the submission's.
    /// </summary>
    private async Task<JsonElement> FileAsync(DemoApi api, string token, Guid company, int year, string? payment = null, string email = "signataire@exemple.fr")
    {
        var tenant = api.Host.Split('.')[0];
        var steps = Factory.Services.GetRequiredService<TenantCatalog>().All.Single(t => t.Slug == tenant).FileRules.Declaration.Steps;
        foreach (var step in steps.Where(s => s != Platform.Tenancy.Rules.DeclarationStep.Signature))
        {
            var saved = await api.MutateAsync(token, "saveDeclarationStep", Step,
                new { i = new { companyId = company, year, step = StepName(step), paymentMethod = payment } });
            if (DemoApi.ErrorCodes(saved).Any()) return saved;
        }
        return await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, year, payment, email));
    }

    private static string StepName(Platform.Tenancy.Rules.DeclarationStep step) => step switch
    {
        Platform.Tenancy.Rules.DeclarationStep.Staff => "STAFF",
        Platform.Tenancy.Rules.DeclarationStep.Administrative => "ADMINISTRATIVE",
        Platform.Tenancy.Rules.DeclarationStep.Determinants => "DETERMINANTS",
        Platform.Tenancy.Rules.DeclarationStep.Employees => "EMPLOYEES",
        Platform.Tenancy.Rules.DeclarationStep.Estimate => "ESTIMATE",
        _ => "SIGNATURE",
    };

    public override async Task InitializeAsync()
    {
        // The demo companies join in June 2025: sstrn owes its first declaration for 2026.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private void At(int year, int month, int day) => Factory.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    private async Task<Guid> DemoCompanyAsync(string tenant) => await new DemoApi(Factory, tenant).CompanyIdAsync(DemoData.MemberNumbers[tenant].Demo);

    private async Task AddEmployeesAsync(string tenant, Guid company, params (string Start, string? End, string Contract)[] contracts)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var n = await db.Employees.CountAsync(e => e.CompanyId == company);
        foreach (var (start, end, contract) in contracts)
        {
            n++;
            db.Employees.Add(new Employee
            {
                CompanyId = company, Civility = "Madame", FirstName = $"Salariée{n}", BirthName = $"DUPONT{n}", BirthDate = new DateOnly(1990, 1, n),
                Contract = contract, StartDate = DateOnly.Parse(start), EndDate = end is null ? null : DateOnly.Parse(end), SortName = $"DUPONT{n} SALARIEE{n}",
                CreatedAt = Factory.Clock.GetUtcNow(), ValidatedAt = Factory.Clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task<Dictionary<int, JsonElement>> DeclarationsAsync(DemoApi api, string token, Guid company) =>
        (await api.DataAsync(token, List, new { id = company })).GetProperty("company").GetProperty("declarations").EnumerateArray()
            .ToDictionary(d => d.GetProperty("year").GetInt32());

    private static string Status(Dictionary<int, JsonElement> list, int year) => list[year].GetProperty("status").GetString()!;

    private static object Signed(Guid company, int year, string? payment = null, string email = "signataire@exemple.fr") =>
        new { i = new { companyId = company, year, paymentMethod = payment, signatoryName = "Émilie Employeur", signatoryEmail = email, certifyAccuracy = true, acceptTerms = true } };

    [Fact]
    public async Task Each_tenant_opens_its_declaration_in_its_own_window_and_past_years_stay_declarable()
    {
        // sst68: in January only.
        var sst68 = new DemoApi(Factory, "sst68");
        var c68 = await DemoCompanyAsync("sst68");
        await AddEmployeesAsync("sst68", c68, ("2020-01-01", null, "CDI"));
        At(2026, 1, 15);
        var list = await DeclarationsAsync(sst68, await sst68.EmployerTokenAsync(), c68);
        Assert.Equal("TO_FILL", Status(list, 2026));
        At(2026, 2, 2);
        var token68 = await sst68.EmployerTokenAsync();
        list = await DeclarationsAsync(sst68, token68, c68);
        Assert.Equal("NOT_OPEN", Status(list, 2026));
        Assert.Equal("TO_FILL", Status(list, 2025)); // a past year not declared
        var closed = await sst68.MutateAsync(token68, "submitDeclaration", Submit, Signed(c68, 2026));
        Assert.Equal("NOT_OPEN", DemoApi.ErrorCodes(closed).Single());
        Assert.Contains("du 01/01/2026 au 31/01/2026", closed.GetProperty("errors")[0].GetProperty("message").GetString());
        var late = await FileAsync(sst68, token68, c68, 2025);
        Assert.Empty(DemoApi.ErrorCodes(late));
        Assert.Equal("SUBMITTED", late.GetProperty("declaration").GetProperty("status").GetString());

        // sstrn: 1 January to the end of February, not due the year of joining (2025).
        var sstrn = new DemoApi(Factory, "sstrn");
        var crn = await DemoCompanyAsync("sstrn");
        At(2026, 2, 27);
        var tokenRn = await sstrn.EmployerTokenAsync();
        list = await DeclarationsAsync(sstrn, tokenRn, crn);
        Assert.Equal("TO_FILL", Status(list, 2026));
        Assert.False(list.ContainsKey(2025));
        Assert.Equal("NOT_DUE", DemoApi.ErrorCodes(await sstrn.MutateAsync(tokenRn, "submitDeclaration", Submit, Signed(crn, 2025))).Single());
        At(2026, 3, 2);
        Assert.Equal("NOT_OPEN", Status(await DeclarationsAsync(sstrn, await sstrn.EmployerTokenAsync(), crn), 2026));

        // sist-on: any time of the year.
        var siston = new DemoApi(Factory, "sist-on");
        var con = await DemoCompanyAsync("sist-on");
        At(2026, 7, 14);
        // sist-on's members sign in with e-mailed codes: read it as the service's staff.
        var tokenOn = await siston.StaffTokenAsync();
        Assert.Equal("TO_FILL", Status(await DeclarationsAsync(siston, tokenOn, con), 2026));

        // sstbtp-bfc: by campaign (2026: 03/11/2026 to 07/01/2027).
        var btp = new DemoApi(Factory, "sstbtp-bfc");
        var cbtp = await DemoCompanyAsync("sstbtp-bfc");
        At(2026, 10, 1);
        list = await DeclarationsAsync(btp, await btp.EmployerTokenAsync(), cbtp);
        Assert.Equal("NOT_OPEN", Status(list, 2025));
        Assert.False(list.ContainsKey(2026));
        At(2026, 11, 10);
        list = await DeclarationsAsync(btp, await btp.EmployerTokenAsync(), cbtp);
        Assert.Equal("TO_FILL", Status(list, 2026));
        Assert.Equal("TO_FILL", Status(list, 2025));
    }

    [Fact]
    public async Task Sstrn_declaration_stays_editable_seven_days_after_validation_and_sst68s_does_not()
    {
        var api = new DemoApi(Factory, "sstrn");
        var company = await DemoCompanyAsync("sstrn");
        await AddEmployeesAsync("sstrn", company, ("2019-04-01", null, "CDI"), ("2025-03-01", "2025-12-31", "CDD"), ("2025-03-01", "2025-12-30", "CDD"));
        At(2026, 1, 10);
        var token = await api.EmployerTokenAsync();
        var first = (await FileAsync(api, token, company, 2026)).GetProperty("declaration");
        Assert.Equal(2, first.GetProperty("headcount").GetInt32()); // the contract ending 31/12 counts, 30/12 does not
        var deadline = first.GetProperty("editableUntil").GetDateTimeOffset();
        Assert.Equal(first.GetProperty("submittedAt").GetDateTimeOffset().AddDays(7), deadline);

        // Six days later the employer adds someone forgotten and submits again: amended, same deadline.
        await AddEmployeesAsync("sstrn", company, ("2024-09-01", null, "CDI"));
        At(2026, 1, 16);
        token = await api.EmployerTokenAsync();
        var amended = await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, 2026));
        Assert.Empty(DemoApi.ErrorCodes(amended));
        Assert.Equal(3, amended.GetProperty("declaration").GetProperty("headcount").GetInt32());
        // (To the millisecond: PostgreSQL keeps microseconds, the first answer came from memory with ticks.)
        Assert.Equal(deadline, amended.GetProperty("declaration").GetProperty("editableUntil").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.True((await DeclarationsAsync(api, token, company))[2026].GetProperty("editable").GetBoolean());

        // Eight days after the validation: no more changes.
        At(2026, 1, 18);
        token = await api.EmployerTokenAsync();
        var late = await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, 2026));
        Assert.Equal("NOT_EDITABLE", DemoApi.ErrorCodes(late).Single());
        var now = (await DeclarationsAsync(api, token, company))[2026];
        Assert.Equal(3, now.GetProperty("headcount").GetInt32());
        Assert.False(now.GetProperty("editable").GetBoolean());

        // sst68 has no edit window: a filed declaration is final at once.
        var sst68 = new DemoApi(Factory, "sst68");
        var c68 = await DemoCompanyAsync("sst68");
        await AddEmployeesAsync("sst68", c68, ("2020-01-01", null, "CDI"));
        var token68 = await sst68.EmployerTokenAsync();
        var filed = await FileAsync(sst68, token68, c68, 2026);
        Assert.Equal(JsonValueKind.Null, filed.GetProperty("declaration").GetProperty("editableUntil").ValueKind);
        Assert.Equal("NOT_EDITABLE", DemoApi.ErrorCodes(await sst68.MutateAsync(token68, "submitDeclaration", Submit, Signed(c68, 2026))).Single());
    }

    [Fact]
    public async Task Without_staff_on_31_December_the_declaration_goes_with_a_suspension_request_and_a_bad_request_writes_nothing()
    {
        var api = new DemoApi(Factory, "sstrn");
        var company = await DemoCompanyAsync("sstrn");
        At(2026, 1, 20);
        var token = await api.EmployerTokenAsync();
        const string NoStaff = """
            mutation($i: DeclareNoStaffInput!) { declareNoStaff(input: $i) { declaration { year status headcount estimate { totalInclTax } } errors { code message field } } }
            """;
        var missing = await api.MutateAsync(token, "declareNoStaff", NoStaff, new { i = new { companyId = company, year = 2026, kind = "SUSPENSION", reason = " ", effectiveDate = "2026-01-01" } });
        Assert.Equal("reason", missing.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("TO_FILL", Status(await DeclarationsAsync(api, token, company), 2026));

        // No one on the list: a "yes" stops at the list check.
        var empty = await FileAsync(api, token, company, 2026);
        Assert.Equal("NO_EMPLOYEES", DemoApi.ErrorCodes(empty).Single());
        Assert.Contains("31/12/2025", empty.GetProperty("errors")[0].GetProperty("message").GetString());

        var done = await api.MutateAsync(token, "declareNoStaff", NoStaff, new { i = new { companyId = company, year = 2026, kind = "SUSPENSION", reason = "Plus de salarié depuis l'automne", effectiveDate = "2026-01-01" } });
        Assert.Empty(DemoApi.ErrorCodes(done));
        Assert.Equal("SUBMITTED", done.GetProperty("declaration").GetProperty("status").GetString());
        Assert.Equal(0, done.GetProperty("declaration").GetProperty("headcount").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("declaration").GetProperty("estimate").ValueKind);
        var requests = (await api.DataAsync(token, "query($id: ID!) { company(id: $id) { situationRequests { kind reason effectiveDate state } } }", new { id = company }))
            .GetProperty("company").GetProperty("situationRequests");
        var request = Assert.Single(requests.EnumerateArray());
        Assert.Equal("SUSPENSION", request.GetProperty("kind").GetString());
        Assert.Equal("PENDING", request.GetProperty("state").GetString());
        Assert.Equal("2026-01-01", request.GetProperty("effectiveDate").GetString());
    }

    [Fact]
    public async Task Staff_confirmation_issues_the_contribution_invoice_once()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"));
        At(2026, 11, 10);
        var employer = await api.EmployerTokenAsync();
        var missingPayment = await FileAsync(api, employer, company, 2026);
        Assert.Equal("paymentMethod", missingPayment.GetProperty("errors")[0].GetProperty("field").GetString());
        var filed = await FileAsync(api, employer, company, 2026, "TRANSFER");
        var id = filed.GetProperty("declaration").GetProperty("id").GetString();
        Assert.Equal(331.20m, filed.GetProperty("declaration").GetProperty("estimate").GetProperty("totalInclTax").GetDecimal());

        const string Confirm = "mutation($i: IdInput!) { confirmDeclaration(input: $i) { declaration { status } errors { code message } } }";
        var refused = await Factory.GraphQLAsync(api.Host, Confirm, new { i = new { id } }, employer);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var staff = await api.StaffTokenAsync();
        var confirmed = await api.MutateAsync(staff, "confirmDeclaration", Confirm, new { i = new { id } });
        Assert.Empty(DemoApi.ErrorCodes(confirmed));
        Assert.Equal("INVOICED", confirmed.GetProperty("declaration").GetProperty("status").GetString());
        Assert.Equal("NOT_SUBMITTED", DemoApi.ErrorCodes(await api.MutateAsync(staff, "confirmDeclaration", Confirm, new { i = new { id } })).Single());

        employer = await api.EmployerTokenAsync();
        var invoices = (await api.DataAsync(employer, "query($id: ID!) { company(id: $id) { invoices(year: 2026) { edges { node { label totalExclTax vat totalInclTax issuedOn instalments { amount } } } } } }", new { id = company }))
            .GetProperty("company").GetProperty("invoices").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .Where(n => n.GetProperty("issuedOn").GetString() == "2026-11-10").ToList();
        var invoice = Assert.Single(invoices);
        Assert.Equal("Cotisation 2026 — 2 salariés", invoice.GetProperty("label").GetString());
        Assert.Equal(276.00m, invoice.GetProperty("totalExclTax").GetDecimal());
        Assert.Equal(55.20m, invoice.GetProperty("vat").GetDecimal());
        Assert.Equal(331.20m, invoice.GetProperty("totalInclTax").GetDecimal());
        // sstbtp-bfc bills quarterly: four instalments summing to the total.
        Assert.Equal(4, invoice.GetProperty("instalments").GetArrayLength());
        Assert.Equal(331.20m, invoice.GetProperty("instalments").EnumerateArray().Sum(i => i.GetProperty("amount").GetDecimal()));
        Assert.Equal("INVOICED", Status(await DeclarationsAsync(api, employer, company), 2026));
    }

    private const string ConfirmDeclaration = "mutation($i: IdInput!) { confirmDeclaration(input: $i) { declaration { status } errors { code message } } }";

    private async Task<List<Platform.Features.Billing.Invoice>> ContributionInvoicesAsync(string tenant, Guid company) =>
        (await BillingSteps.InvoicesAsync(Factory, tenant)).Where(i => i.CompanyId == company && i.BillingKey?.StartsWith("contribution:") == true).ToList();

    [Fact]
    public async Task Confirmed_first_the_year_is_invoiced_once_and_the_quarterly_run_skips_it()
    {
        // sstbtp-bfc bills by quarter and its staff confirm declarations.
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"));
        At(2026, 11, 10);
        var id = (await FileAsync(api, await api.EmployerTokenAsync(), company, 2026, "TRANSFER")).GetProperty("declaration").GetProperty("id").GetString();
        var staff = await api.StaffTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "confirmDeclaration", ConfirmDeclaration, new { i = new { id } })));

        var preview = (await api.DataAsync(staff, BillingSteps.Preview, new { period = "2026-T4" })).GetProperty("billingRunPreview").GetProperty("preview");
        Assert.True(preview.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("memberNumber").GetString() == "250001").GetProperty("alreadyIssued").GetBoolean());
        var run = await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-T4" } });
        Assert.Empty(DemoApi.ErrorCodes(run));

        // One invoice for the fourth quarter: the year's, 2 × 138,00 € HT + VAT.
        var invoice = Assert.Single(await ContributionInvoicesAsync("sstbtp-bfc", company));
        Assert.Equal(("contribution:2026", 331.20m), (invoice.BillingKey, invoice.TotalInclTax));
    }

    [Fact]
    public async Task Billed_first_by_the_quarterly_run_a_quarter_is_left_out_of_the_confirmation_invoice()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"));
        // The fourth quarter billed before the 2026 declaration, from the 2025 one: 2 × 138,00 € / 4 = 69,00 € HT.
        await BillingSteps.DeclareAsync(Factory, "sstbtp-bfc", "250001", 2025, 2);
        At(2026, 11, 5);
        var staff = await api.StaffTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-T4" } })));
        Assert.Equal(["contribution:2026-T4"], (await ContributionInvoicesAsync("sstbtp-bfc", company)).Select(i => i.BillingKey));

        At(2026, 11, 10);
        var id = (await FileAsync(api, await api.EmployerTokenAsync(), company, 2026, "TRANSFER")).GetProperty("declaration").GetProperty("id").GetString();
        staff = await api.StaffTokenAsync();
        var confirmed = await api.MutateAsync(staff, "confirmDeclaration", ConfirmDeclaration, new { i = new { id } });
        Assert.Empty(DemoApi.ErrorCodes(confirmed));
        Assert.Equal("INVOICED", confirmed.GetProperty("declaration").GetProperty("status").GetString());
        // Run again: nothing more for the company.
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-T4" } })));

        var invoices = (await ContributionInvoicesAsync("sstbtp-bfc", company)).ToDictionary(i => i.BillingKey!);
        Assert.Equal(["contribution:2026", "contribution:2026-T4"], invoices.Keys.Order());
        // The confirmation bills the three quarters left: 3 × 69,00 € = 207,00 € HT, 41,40 € VAT, in three instalments; with the
        // run's quarter, the year's 331,20 € TTC, never more.
        var year = invoices["contribution:2026"];
        Assert.Equal((207.00m, 41.40m, 248.40m), (year.TotalExclTax, year.Vat, year.TotalInclTax));
        Assert.Contains("3 périodes du 01/01/2026 au 30/09/2026", year.Label);
        Assert.Equal(3, (await BillingSteps.InstalmentsAsync(Factory, "sstbtp-bfc", year.Id)).Count);
        Assert.Equal(331.20m, invoices.Values.Sum(i => i.TotalInclTax));
    }

    [Fact]
    public async Task Sst68_estimate_takes_the_SEPA_discount_only_once_a_mandate_is_active()
    {
        var api = new DemoApi(Factory, "sst68");
        var company = await DemoCompanyAsync("sst68");
        await AddEmployeesAsync("sst68", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"));
        At(2026, 1, 12);
        var token = await api.EmployerTokenAsync();
        var filed = await FileAsync(api, token, company, 2026);
        Assert.Empty(DemoApi.ErrorCodes(filed));
        var estimate = (await DeclarationsAsync(api, token, company))[2026].GetProperty("estimate");
        Assert.Equal(228.00m, estimate.GetProperty("totalExclTax").GetDecimal());
        Assert.Equal(273.60m, estimate.GetProperty("totalInclTax").GetDecimal());

        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await db.Companies.SingleAsync(c => c.Id == company)).SepaMandateActiveSince = Factory.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        }
        estimate = (await DeclarationsAsync(api, token, company))[2026].GetProperty("estimate");
        var discount = estimate.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("amount").GetDecimal() < 0);
        Assert.Equal(-3.42m, discount.GetProperty("amount").GetDecimal());
        Assert.Equal(224.58m, estimate.GetProperty("totalExclTax").GetDecimal());
        Assert.Equal(44.92m, estimate.GetProperty("vat").GetDecimal());
        Assert.Equal(269.50m, estimate.GetProperty("totalInclTax").GetDecimal());
    }

    // The portal wizard.

    private async Task<PortalClient> SignedInAsync(string tenant, string identifier)
    {
        var portal = Factory.PortalFor($"{tenant}.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = identifier, ["Password"] = DemoData.Password });
        return portal;
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    private static async Task<HttpResponseMessage> PostAsync(PortalClient portal, string page, string handler, params (string Key, string Value)[] fields) =>
        await portal.SubmitAsync(page, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), $"{page}?handler={handler}");

    [Fact]
    public async Task A_wizard_left_half_way_is_kept_in_progress_and_resumes_where_it_stopped()
    {
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"));
        At(2026, 11, 10);
        var page = $"/entreprises/{company}/declarations/2026";
        var portal = await SignedInAsync("sstbtp-bfc", "250001");
        Assert.Contains("Saisir ma déclaration", await portal.GetHtmlAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(portal, page, "Start")).StatusCode);
        await PostAsync(portal, page, "Staff", ("HadStaff", "oui"));
        await PostAsync(portal, page, "Next&step=Administrative");

        // Another session, later: the declaration is « En cours » and opens at the determinants.
        var again = await SignedInAsync("sstbtp-bfc", "250001");
        var html = await again.GetHtmlAsync(page);
        Assert.Contains("<h2 id=\"step-title\">Déterminants de suivi</h2>", html);
        Assert.Contains("aria-current=step class=\"current\">Déterminants de suivi", html);
        Assert.Contains("En cours", Text(html));
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var declaration = (await DeclarationsAsync(api, await api.EmployerTokenAsync(), company))[2026];
        Assert.Equal("IN_PROGRESS", declaration.GetProperty("status").GetString());
        Assert.Equal("DETERMINANTS", declaration.GetProperty("resumeStep").GetString());
        // The company's list shows it « En cours » with a way back in.
        Assert.Contains("2026 En cours", Text(await again.GetHtmlAsync($"/entreprises/{company}")));
    }

    [Fact]
    public async Task The_sstbtp_bfc_wizard_runs_to_the_signature_and_the_confirmation_email_arrives()
    {
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"), ("2024-09-01", "2025-12-30", "CDD"));
        At(2026, 11, 10);
        var page = $"/entreprises/{company}/declarations/2026";
        var portal = await SignedInAsync("sstbtp-bfc", "250001");
        await PostAsync(portal, page, "Start");

        var unanswered = await PostAsync(portal, page, "Staff");
        Assert.Contains("id=\"err-hadStaff\"", await PortalClient.HtmlAsync(unanswered));
        await PostAsync(portal, page, "Staff", ("HadStaff", "oui"));
        Assert.Contains("Informations administratives</h2>", await portal.GetHtmlAsync(page));
        await PostAsync(portal, page, "Next&step=Administrative");
        await PostAsync(portal, page, "Next&step=Determinants", ("Chosen", "Travailleur de nuit"), ("Chosen", "Salarié exposé au plomb"), ("Own", "Travail en cuve"));
        var list = Text(await portal.GetHtmlAsync(page));
        Assert.Contains("Effectif : 2 salarié(s)", list); // the contract ending 30/12 is not counted
        await PostAsync(portal, page, "Next&step=Employees");
        var estimate = Text(await portal.GetHtmlAsync(page));
        Assert.Contains("Cotisation annuelle 2 138,00 € 276,00 €", estimate);
        Assert.Contains("Visites apprentis 0 51,00 € 0,00 €", estimate);
        Assert.Contains("Total T.T.C. 331,20 €", estimate);

        var noPayment = await PostAsync(portal, page, "Next&step=Estimate");
        Assert.Matches("id=\"err-paymentMethod\" role=\"alert\">Indiquez le mode de règlement", await PortalClient.HtmlAsync(noPayment));
        await PostAsync(portal, page, "Next&step=Estimate", ("Payment", "Transfer"));
        var recap = Text(await portal.GetHtmlAsync(page));
        Assert.Contains("Vous avez déclaré un total de 2 salarié(s)", recap);
        Assert.Contains("Vous avez choisi le règlement par virement", recap);

        var unsigned = await PostAsync(portal, page, "Submit", ("SignatoryName", "Émilie Employeur"), ("SignatoryEmail", "emilie@exemple.fr"));
        var unsignedHtml = await PortalClient.HtmlAsync(unsigned);
        Assert.Contains("id=\"err-certifyAccuracy\"", unsignedHtml);
        Assert.Contains("id=\"err-acceptTerms\"", unsignedHtml);
        var signed = await PostAsync(portal, page, "Submit", ("Certify", "true"), ("Terms", "true"), ("SignatoryName", "Émilie Employeur"), ("SignatoryEmail", "emilie@exemple.fr"));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var done = Text(await portal.GetHtmlAsync(page));
        Assert.Contains("Un e-mail de confirmation a été envoyé à emilie@exemple.fr", done);
        Assert.Contains("État : Transmise", done);

        var mail = await Factory.Smtp.WaitForMessageAsync("emilie@exemple.fr");
        Assert.Contains("déclaration d'effectif 2026", mail.Subject);
        var body = mail.TextBody;
        Assert.Contains("Vous avez déclaré 2 salariés présents au 31/12/2025.", body);
        Assert.Contains("331,20 € TTC", body);
        Assert.Contains("virement", body);

        await using var scope = Factory.Services.CreateTenantScope("sstbtp-bfc");
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Declarations.SingleAsync(d => d.CompanyId == company && d.Year == 2026);
        Assert.Equal(["Salarié exposé au plomb", "Travailleur de nuit"], stored.Determinants);
        Assert.Equal(["Travail en cuve"], stored.OwnDeterminants);
    }

    [Fact]
    public async Task Staff_confirm_a_declaration_from_their_page_and_the_member_sees_it_invoiced()
    {
        var api = new DemoApi(Factory, "sstrn");
        var company = await DemoCompanyAsync("sstrn");
        await AddEmployeesAsync("sstrn", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "Apprentissage"));
        At(2026, 1, 12);
        var filed = await FileAsync(api, await api.EmployerTokenAsync(), company, 2026);
        var id = filed.GetProperty("declaration").GetProperty("id").GetString();

        var staff = await Factory.StaffPortalAsync(api.Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var queue = Text(await staff.GetHtmlAsync("/personnel/declarations"));
        Assert.Contains("Entreprise Démo", queue);
        // sstrn has no apprentice rate: the apprentice is billed at the per-employee rate (2 × 112,00 € + 20 % VAT).
        Assert.Contains("268,80 €", queue);
        var confirmed = await staff.SubmitAsync("/personnel/declarations", new Dictionary<string, string>(), $"/personnel/declarations?handler=Confirmer&declarationId={id}");
        Assert.Contains("la facture de cotisation est émise", Text(await PortalClient.HtmlAsync(confirmed)));
        Assert.Contains("Aucune déclaration en attente", Text(await staff.GetHtmlAsync("/personnel/declarations")));

        var employer = await SignedInAsync("sstrn", "employer@sstrn.demo");
        Assert.Contains("2026 Facturée 1", Text(await employer.GetHtmlAsync($"/entreprises/{company}")));
        Assert.Contains("Cotisation 2026 — 1 salarié, 1 apprenti", Text(await employer.GetHtmlAsync($"/entreprises/{company}/factures")));
    }

    [Fact]
    public async Task Within_sstrns_edit_days_the_portal_walks_the_steps_again_from_the_recap()
    {
        var api = new DemoApi(Factory, "sstrn");
        var company = await DemoCompanyAsync("sstrn");
        await AddEmployeesAsync("sstrn", company, ("2018-01-01", null, "CDI"));
        At(2026, 1, 12);
        Assert.Empty(DemoApi.ErrorCodes(await FileAsync(api, await api.EmployerTokenAsync(), company, 2026)));

        var page = $"/entreprises/{company}/declarations/2026";
        var portal = await SignedInAsync("sstrn", "employer@sstrn.demo");
        var recap = Text(await portal.GetHtmlAsync(page));
        Assert.Contains("Vous pouvez la modifier jusqu'au 19/01/2026", recap);
        Assert.Contains("Modifier ma déclaration", recap);
        var staff = await portal.SubmitAsync($"{page}?etape=Staff", new Dictionary<string, string> { ["HadStaff"] = "oui" }, $"{page}?handler=Staff");
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.EndsWith("etape=Employees", staff.Headers.Location!.ToString());
        Assert.Contains("Contrôle de la liste</h2>", await portal.GetHtmlAsync(staff.Headers.Location.ToString()));
        // Eight days later the recap no longer offers it.
        At(2026, 1, 20);
        portal = await SignedInAsync("sstrn", "employer@sstrn.demo");
        Assert.DoesNotContain("Modifier ma déclaration", await portal.GetHtmlAsync(page));
    }

    [Fact]
    public async Task An_API_client_cannot_skip_the_steps_the_tenant_enables()
    {
        // Pentest F6: submitDeclaration straight away filed a declaration without its steps (sstbtp-bfc: determinants, list check, payment method).
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await DemoCompanyAsync("sstbtp-bfc");
        await AddEmployeesAsync("sstbtp-bfc", company, ("2018-01-01", null, "CDI"), ("2022-05-01", null, "CDI"));
        At(2026, 11, 10);
        var token = await api.EmployerTokenAsync();

        var straight = await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, 2026, "TRANSFER"));
        Assert.Equal("STEP_REQUIRED", DemoApi.ErrorCodes(straight).Single());
        Assert.Contains("« Effectif au 31/12 »", straight.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, straight.GetProperty("declaration").ValueKind);
        Assert.Equal("TO_FILL", Status(await DeclarationsAsync(api, token, company), 2026)); // nothing stored

        var staff = StepInput(company, "STAFF");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "saveDeclarationStep", Step, staff)));
        // Jumping from the administrative information to the estimate is refused, naming the step to do.
        var estimate = StepInput(company, "ESTIMATE", "TRANSFER");
        var jump = await api.MutateAsync(token, "saveDeclarationStep", Step, estimate);
        Assert.Equal("STEP_REQUIRED", DemoApi.ErrorCodes(jump).Single());
        Assert.Contains("« Informations administratives »", jump.GetProperty("errors")[0].GetProperty("message").GetString());
        var administrative = StepInput(company, "ADMINISTRATIVE");
        var determinants = StepInput(company, "DETERMINANTS");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "saveDeclarationStep", Step, administrative)));
        var atList = await api.MutateAsync(token, "saveDeclarationStep", Step, determinants);
        Assert.Equal("EMPLOYEES", atList.GetProperty("declaration").GetProperty("resumeStep").GetString());
        // Signing before the list check and the estimate: refused, the declaration stays where it was.
        var early = await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, 2026, "TRANSFER"));
        Assert.Equal("STEP_REQUIRED", DemoApi.ErrorCodes(early).Single());
        Assert.Contains("« Contrôle de la liste »", early.GetProperty("errors")[0].GetProperty("message").GetString());
        var list = await DeclarationsAsync(api, token, company);
        Assert.Equal("IN_PROGRESS", Status(list, 2026));
        Assert.Equal("EMPLOYEES", list[2026].GetProperty("resumeStep").GetString());

        // In order, it files.
        var employees = StepInput(company, "EMPLOYEES");
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "saveDeclarationStep", Step, employees)));
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "saveDeclarationStep", Step, estimate)));
        var filed = await api.MutateAsync(token, "submitDeclaration", Submit, Signed(company, 2026, "TRANSFER"));
        Assert.Empty(DemoApi.ErrorCodes(filed));
        Assert.Equal("SUBMITTED", filed.GetProperty("declaration").GetProperty("status").GetString());
        Assert.Equal(2, filed.GetProperty("declaration").GetProperty("headcount").GetInt32());
    }

    private static object StepInput(Guid company, string step, string? payment = null) =>
        new { i = new { companyId = company, year = 2026, step, paymentMethod = payment } };

    [Fact]
    public async Task The_accountant_sees_a_past_year_not_declared_as_due()
    {
        // The demo companies joined in June 2025; sist-on asks for the declaration any time of the year.
        var client = await new DemoApi(Factory, "sist-on").CompanyIdAsync(DemoData.MemberNumbers["sist-on"].Client);
        At(2026, 7, 14);
        const string Clients = "{ clientsAcrossTenants { tenant { slug } company { id } declarationDue declarationYear } }";
        async Task<JsonElement> SistOnClientAsync()
        {
            var token = await Factory.TokenAsync("sstrn.localhost", DemoData.AccountantEmail, DemoData.Password);
            var result = await Factory.GraphQLAsync("sstrn.localhost", Clients, token: token);
            return result.GetProperty("data").GetProperty("clientsAcrossTenants").EnumerateArray()
                .Single(c => c.GetProperty("tenant").GetProperty("slug").GetString() == "sist-on");
        }
        async Task FileAsync(int year)
        {
            await using var scope = Factory.Services.CreateTenantScope("sist-on");
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Declarations.Add(new Platform.Features.Declarations.Declaration
            {
                CompanyId = client, Year = year, Headcount = 4, Status = Platform.Features.Declarations.DeclarationStatus.Submitted, SubmittedAt = Factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var due = await SistOnClientAsync();
        Assert.True(due.GetProperty("declarationDue").GetBoolean());
        Assert.Equal(2025, due.GetProperty("declarationYear").GetInt32()); // the oldest owed comes first
        // This year's filed: 2025, never declared, is still due (it was not, before).
        await FileAsync(2026);
        due = await SistOnClientAsync();
        Assert.True(due.GetProperty("declarationDue").GetBoolean());
        Assert.Equal(2025, due.GetProperty("declarationYear").GetInt32());
        await FileAsync(2025);
        Assert.False((await SistOnClientAsync()).GetProperty("declarationDue").GetBoolean());
    }
}
