using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Visits;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Billing;

/// <summary>Shared steps of the billing-run tests: declarations, extra members, runs through the API, the invoices a company has.</summary>
public static class BillingSteps
{
    public const string Start = """
        mutation($input: StartBillingRunInput!) { startBillingRun(input: $input) {
          run { kind period issued totalInclTax completedAt attempts } errors { code message field } } }
        """;

    public const string Preview = """
        query($kind: BillingRunKind, $period: String) { billingRunPreview(kind: $kind, period: $period) {
          preview { period periodLabel cycle toIssue alreadyIssued withoutDeclaration totalInclTax lines { memberNumber label totalInclTax instalments alreadyIssued } }
          errors { code message field } } }
        """;

    public static async Task DeclareAsync(PlatformFactory factory, string tenant, string memberNumber, int year, int headcount)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = await db.Companies.SingleAsync(c => c.MemberNumber == memberNumber);
        db.Declarations.Add(new Declaration
        {
            CompanyId = company.Id, Year = year, Headcount = headcount, Status = DeclarationStatus.Submitted, SubmittedAt = factory.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Members <c>{prefix}01</c>… that joined a year ago, each with a filed declaration of <paramref name="year"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> MembersAsync(PlatformFactory factory, string tenant, string prefix, int count, int year, int headcount = 3)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var ids = new List<Guid>();
        for (var n = 1; n <= count; n++)
        {
            var company = new Company
            {
                MemberNumber = $"{prefix}{n:00}", Name = $"Membre {prefix}{n:00}", Siret = "73282932000074",
                CreatedAt = factory.Clock.GetUtcNow().AddYears(-1),
            };
            db.Companies.Add(company);
            db.Declarations.Add(new Declaration { CompanyId = company.Id, Year = year, Headcount = headcount, Status = DeclarationStatus.Submitted });
            ids.Add(company.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public static async Task<List<Invoice>> InvoicesAsync(PlatformFactory factory, string tenant)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.AsNoTracking().OrderBy(i => i.Sequence).ToListAsync();
    }

    public static async Task<List<InvoiceInstalment>> InstalmentsAsync(PlatformFactory factory, string tenant, Guid invoiceId)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().InvoiceInstalments.AsNoTracking()
            .Where(s => s.InvoiceId == invoiceId).OrderBy(s => s.Position).ToListAsync();
    }

    public static void AssertGapless(IReadOnlyList<Invoice> invoices)
    {
        Assert.Equal(Enumerable.Range(1, invoices.Count).Select(n => (long)n), invoices.Select(i => i.Sequence).Order());
        Assert.Equal(invoices.Count, invoices.Select(i => i.Number).Distinct().Count());
    }
}

/// <summary>Billing runs over the real HTTP pipeline: each tenant's cycle, reruns, a crash half-way, concurrent runs, the PDF.</summary>
public sealed class BillingRunTests(PlatformFactory factory) : PlatformTest(factory)
{
    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    private static JsonElement Run(JsonElement payload)
    {
        Assert.Equal(0, payload.GetProperty("errors").GetArrayLength());
        return payload.GetProperty("run");
    }

    [Fact]
    public async Task An_annual_run_bills_each_declared_member_in_three_instalments_and_its_rerun_issues_nothing()
    {
        var api = new DemoApi(Factory, "sst68");
        await BillingSteps.DeclareAsync(Factory, "sst68", "680001", 2026, 9);
        // No declaration for 2026 yet: last year's headcount is billed.
        await BillingSteps.DeclareAsync(Factory, "sst68", "680002", 2025, 4);
        var staff = await api.StaffTokenAsync();
        var before = (await BillingSteps.InvoicesAsync(Factory, "sst68")).Count;

        // Members cannot preview nor start a run.
        var employer = await api.EmployerTokenAsync();
        var refused = await Factory.GraphQLAsync(api.Host, BillingSteps.Start, new { input = new { period = "2026" } }, employer);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var preview = (await api.DataAsync(staff, BillingSteps.Preview, new { period = "2026" })).GetProperty("billingRunPreview").GetProperty("preview");
        Assert.Equal(("2026", "ANNUAL", 2, 0), (preview.GetProperty("period").GetString(), preview.GetProperty("cycle").GetString(),
            preview.GetProperty("toIssue").GetInt32(), preview.GetProperty("alreadyIssued").GetInt32()));
        // sst68 2026: 114,00 € HT per employee, VAT 20 %: (9 + 4) × 136,80 €.
        Assert.Equal(1778.40m, preview.GetProperty("totalInclTax").GetDecimal());
        Assert.All(preview.GetProperty("lines").EnumerateArray(), l => Assert.Equal(3, l.GetProperty("instalments").GetInt32()));

        var run = Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } }));
        Assert.Equal(2, run.GetProperty("issued").GetInt32());
        Assert.Equal(1778.40m, run.GetProperty("totalInclTax").GetDecimal());
        Assert.NotEqual(JsonValueKind.Null, run.GetProperty("completedAt").ValueKind);

        var invoices = await BillingSteps.InvoicesAsync(Factory, "sst68");
        Assert.Equal(before + 2, invoices.Count);
        BillingSteps.AssertGapless(invoices);
        var demo = await api.CompanyIdAsync("680001");
        var issued = invoices.Single(i => i.CompanyId == demo && i.BillingKey == "contribution:2026");
        Assert.Equal(("Cotisation 2026 — 9 salariés", 1026.00m, 205.20m, 1231.20m), (issued.Label, issued.TotalExclTax, issued.Vat, issued.TotalInclTax));
        var instalments = await BillingSteps.InstalmentsAsync(Factory, "sst68", issued.Id);
        Assert.Equal([410.40m, 410.40m, 410.40m], instalments.Select(s => s.Amount));
        Assert.Equal([new DateOnly(2026, 12, 23), new DateOnly(2027, 4, 23), new DateOnly(2027, 8, 23)], instalments.Select(s => s.DueOn));

        // Started again: nothing more, and the preview says everything is billed.
        var again = Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } }));
        Assert.Equal((2, 2), (again.GetProperty("issued").GetInt32(), again.GetProperty("attempts").GetInt32()));
        Assert.Equal(before + 2, (await BillingSteps.InvoicesAsync(Factory, "sst68")).Count);
        var after = (await api.DataAsync(staff, BillingSteps.Preview, new { period = "2026" })).GetProperty("billingRunPreview").GetProperty("preview");
        Assert.Equal((0, 2), (after.GetProperty("toIssue").GetInt32(), after.GetProperty("alreadyIssued").GetInt32()));
    }

    [Fact]
    public async Task A_run_bills_what_the_declaration_estimates_apprentices_and_the_SEPA_discount_included()
    {
        var api = new DemoApi(Factory, "sst68");
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var member = new Company
            {
                MemberNumber = "SEPA01", Name = "Membre SEPA", Siret = "73282932000074", CreatedAt = Factory.Clock.GetUtcNow().AddYears(-1),
                SepaMandateActiveSince = Factory.Clock.GetUtcNow().AddMonths(-2),
            };
            db.Companies.Add(member);
            db.Declarations.Add(new Declaration { CompanyId = member.Id, Year = 2026, Headcount = 2, Apprentices = 1, Status = DeclarationStatus.Submitted });
            await db.SaveChangesAsync();
            company = member.Id;
        }
        var staff = await api.StaffTokenAsync();
        const string Company = """
            query($id: ID!) { company(id: $id) {
              declarations { year status estimate { totalExclTax vat totalInclTax lines { label quantity amount } } }
              invoices(year: 2026) { edges { node { id label totalExclTax vat totalInclTax } } } } }
            """;
        var before = (await api.DataAsync(staff, Company, new { id = company })).GetProperty("company");
        var estimate = before.GetProperty("declarations").EnumerateArray().Single(d => d.GetProperty("year").GetInt32() == 2026).GetProperty("estimate");
        // sst68 2026: 114,00 € per employee, the apprentice at that rate (no apprentice rate): 3 × 114,00 = 342,00 €, less 1.5 % (5,13 €).
        Assert.Equal((336.87m, 67.37m, 404.24m), (estimate.GetProperty("totalExclTax").GetDecimal(), estimate.GetProperty("vat").GetDecimal(), estimate.GetProperty("totalInclTax").GetDecimal()));

        Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } }));

        var after = (await api.DataAsync(staff, Company, new { id = company })).GetProperty("company");
        var invoice = Assert.Single(after.GetProperty("invoices").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal((estimate.GetProperty("totalExclTax").GetDecimal(), estimate.GetProperty("vat").GetDecimal(), estimate.GetProperty("totalInclTax").GetDecimal()),
            (invoice.GetProperty("totalExclTax").GetDecimal(), invoice.GetProperty("vat").GetDecimal(), invoice.GetProperty("totalInclTax").GetDecimal()));
        Assert.Equal("Cotisation 2026 — 2 salariés, 1 apprenti", invoice.GetProperty("label").GetString());
        // The invoice's lines are the estimate's: employees, the apprentice, the discount.
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var id = Guid.Parse(invoice.GetProperty("id").GetString()!);
            var lines = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == id).OrderBy(l => l.Position).ToListAsync();
            Assert.Equal([228.00m, 114.00m, -5.13m], lines.Select(l => l.Amount));
            Assert.StartsWith("Remise prélèvement SEPA (1,5 %)", lines[2].Label);
        }
        // Billed from its figures, the declaration still waits for the staff's confirmation (which then finds the year invoiced).
        Assert.Equal("SUBMITTED", after.GetProperty("declarations").EnumerateArray().Single(d => d.GetProperty("year").GetInt32() == 2026).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_quarterly_run_bills_a_quarter_of_the_annual_rate_and_the_next_quarter_is_another_invoice_across_the_year_end()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        await BillingSteps.DeclareAsync(Factory, "sstbtp-bfc", "250001", 2026, 2);
        var staff = await api.StaffTokenAsync();

        var wrong = await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } });
        Assert.Equal("INVALID_PERIOD", DemoApi.ErrorCodes(wrong).Single());
        Assert.Contains("trimestre", wrong.GetProperty("errors")[0].GetProperty("message").GetString());

        Assert.Equal(1, Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-T4" } })).GetProperty("issued").GetInt32());
        Assert.Equal(1, Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-T4" } })).GetProperty("issued").GetInt32());
        var company = await api.CompanyIdAsync("250001");
        var q4 = (await BillingSteps.InvoicesAsync(Factory, "sstbtp-bfc")).Single(i => i.BillingKey == "contribution:2026-T4");
        // 2 × 138,00 € / 4 = 69,00 € HT, 13,80 € VAT, 82,80 € TTC, due 30 days later.
        Assert.Equal((company, "Cotisation 4e trimestre 2026 — 2 salariés", 69.00m, 13.80m, 82.80m, new DateOnly(2026, 12, 23)),
            (q4.CompanyId, q4.Label, q4.TotalExclTax, q4.Vat, q4.TotalInclTax, q4.DueOn));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, Run(await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period = "2027-T1" } })).GetProperty("issued").GetInt32());
        var all = await BillingSteps.InvoicesAsync(Factory, "sstbtp-bfc");
        Assert.Equal(["contribution:2026-T4", "contribution:2027-T1"], all.Where(i => i.BillingKey != null).Select(i => i.BillingKey));
        BillingSteps.AssertGapless(all);
    }

    [Fact]
    public async Task A_monthly_run_bills_a_twelfth_of_the_annual_rate_per_employee_and_the_job_bills_the_current_month_once()
    {
        var api = new DemoApi(Factory, "sist-on");
        await BillingSteps.DeclareAsync(Factory, "sist-on", "ON0001", 2026, 9);
        var company = await api.CompanyIdAsync("ON0001");

        // The billing job's work, in the tenant's scope as the platform: November 2026.
        for (var n = 0; n < 2; n++)
        {
            await using var scope = Factory.Services.CreateTenantScope("sist-on");
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var runs = await scope.ServiceProvider.GetRequiredService<BillingRuns>().RunDueAsync();
            Assert.Equal(n == 0 ? new[] { "2026-11" } : [], runs.Select(r => r.Period));
        }
        var invoice = (await BillingSteps.InvoicesAsync(Factory, "sist-on")).Single(i => i.BillingKey != null);
        // 110,00 € / 12 = 9,17 € HT per employee and month: 9 × 9,17 = 82,53 € HT, 16,51 € VAT.
        Assert.Equal((company, "contribution:2026-11", "Cotisation novembre 2026 — 9 salariés", 82.53m, 16.51m, 99.04m),
            (invoice.CompanyId, invoice.BillingKey, invoice.Label, invoice.TotalExclTax, invoice.Vat, invoice.TotalInclTax));
        var staff = await api.StaffTokenAsync();
        var rerun = Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026-11" } }));
        Assert.Equal((1, 2), (rerun.GetProperty("issued").GetInt32(), rerun.GetProperty("attempts").GetInt32()));
        Assert.Single(await BillingSteps.InvoicesAsync(Factory, "sist-on"), i => i.BillingKey != null);
    }

    [Fact]
    public async Task Temp_worker_accounts_are_billed_per_visit_held_and_not_per_head_and_a_new_member_pays_its_entry_fee_once()
    {
        var api = new DemoApi(Factory, "sstrn");
        // sstrn's 2026 rates with an entry fee, as its administrator would set them.
        await api.SetRuleAsync("rates", """
            [{ "year": 2025, "perEmployee": 110.00, "tempWorkerVisit": 95.00, "vatPercent": 20 },
             { "year": 2026, "perEmployee": 112.00, "tempWorkerVisit": 97.00, "entryFee": 150.00, "vatPercent": 20 }]
            """);
        Guid temp;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var account = new Company { MemberNumber = "101.1.1", Name = "Intérim Démo — intérimaires", Siret = "73282932000074", CreatedAt = Factory.Clock.GetUtcNow().AddYears(-2) };
            db.Companies.Add(account);
            temp = account.Id;
            var worker = new Employee
            {
                CompanyId = account.Id, Civility = "M.", FirstName = "Paul", BirthName = "Martin", BirthDate = new DateOnly(1990, 5, 1),
                Contract = "Intérim", StartDate = new DateOnly(2026, 1, 1),
            };
            db.Employees.Add(worker);
            VisitRequest Visit(VisitRequestState state, DateTimeOffset? closed, string? placedWith) => new()
            {
                CompanyId = account.Id, EmployeeId = worker.Id, Type = VisitType.Hiring, State = state,
                RequestedAt = new DateTimeOffset(2026, 9, 20, 8, 0, 0, TimeSpan.Zero), ClosedAt = closed, UserCompanyName = placedWith,
            };
            db.VisitRequests.AddRange(
                Visit(VisitRequestState.Accepted, new DateTimeOffset(2026, 10, 2, 9, 0, 0, TimeSpan.Zero), "Chantiers de l'Atlantique"),
                Visit(VisitRequestState.Accepted, new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), null), // 1 November in Paris
                Visit(VisitRequestState.Accepted, new DateTimeOffset(2026, 10, 30, 9, 0, 0, TimeSpan.Zero), null),
                Visit(VisitRequestState.Refused, new DateTimeOffset(2026, 10, 12, 9, 0, 0, TimeSpan.Zero), null),
                Visit(VisitRequestState.Pending, null, null));
            await db.SaveChangesAsync();
        }
        await BillingSteps.DeclareAsync(Factory, "sstrn", "101.1", 2026, 5);
        await BillingSteps.DeclareAsync(Factory, "sstrn", "101.1.1", 2026, 40);
        var staff = await api.StaffTokenAsync();

        var visits = Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { kind = "VISITS", period = "2026-10" } }));
        Assert.Equal(2, visits.GetProperty("issued").GetInt32());
        // Started again: the run's count stays at the two, and no invoice more.
        Assert.Equal(2, Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { kind = "VISITS", period = "2026-10" } })).GetProperty("issued").GetInt32());
        var perVisit = (await BillingSteps.InvoicesAsync(Factory, "sstrn")).Where(i => i.BillingKey?.StartsWith("visit:") == true).ToList();
        Assert.All(perVisit, i => Assert.Equal((temp, 97.00m, 116.40m), (i.CompanyId, i.TotalExclTax, i.TotalInclTax)));
        Assert.Equal(["Visite d'intérimaire du 02/10/2026", "Visite d'intérimaire du 30/10/2026"], perVisit.Select(i => i.Label).Order());

        // The contribution: per head for the agency's own staff, nothing per head for its temp-worker account.
        Assert.Equal(3, Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } })).GetProperty("issued").GetInt32());
        var keyed = (await BillingSteps.InvoicesAsync(Factory, "sstrn")).Where(i => i.BillingKey is not null && !i.BillingKey.StartsWith("visit:")).ToList();
        var demo = await api.CompanyIdAsync("101.1");
        var contribution = keyed.Single(i => i.BillingKey == "contribution:2026");
        Assert.Equal((demo, 560.00m, 672.00m), (contribution.CompanyId, contribution.TotalExclTax, contribution.TotalInclTax));
        // The demo members joined this year: each pays the entry fee, once; the temp-worker account joined earlier.
        Assert.Equal(2, keyed.Count(i => i.BillingKey == "entry-fee"));
        Assert.All(keyed.Where(i => i.BillingKey == "entry-fee"), i => Assert.Equal(("Droit d'entrée", 180.00m), (i.Label, i.TotalInclTax)));
        Assert.DoesNotContain(keyed, i => i.CompanyId == temp);
        Assert.Equal(3, Run(await api.MutateAsync(staff, "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } })).GetProperty("issued").GetInt32());
        Assert.Equal(3, (await BillingSteps.InvoicesAsync(Factory, "sstrn")).Count(i => i.BillingKey is not null && !i.BillingKey.StartsWith("visit:")));
        BillingSteps.AssertGapless(await BillingSteps.InvoicesAsync(Factory, "sstrn"));

        // A tenant that bills no visits refuses the kind.
        var sst68 = new DemoApi(Factory, "sst68");
        var refused = await sst68.MutateAsync(await sst68.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { kind = "VISITS", period = "2026-10" } });
        Assert.Equal("NOT_BILLED_PER_VISIT", DemoApi.ErrorCodes(refused).Single());
    }

    [Fact]
    public async Task A_run_that_dies_half_way_is_resumed_and_issues_each_invoice_once_with_numbers_following_on()
    {
        var members = await BillingSteps.MembersAsync(Factory, "sst68", "6899", 7, 2026);
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var runs = scope.ServiceProvider.GetRequiredService<BillingRuns>();
            runs.BatchSize = 2;
            // The process dies once a first batch of invoices is committed.
            runs.AfterBatch = issued => issued > 0 ? throw new OperationCanceledException("arrêt brutal") : Task.CompletedTask;
            await Assert.ThrowsAsync<OperationCanceledException>(() => runs.StartAsync(BillingRunKind.Contribution, "2026"));
        }
        var half = (await BillingSteps.InvoicesAsync(Factory, "sst68")).Where(i => i.BillingKey == "contribution:2026").ToList();
        Assert.Equal(2, half.Count);
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var run = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().BillingRuns.SingleAsync();
            Assert.Null(run.CompletedAt);
            Assert.Equal(2, run.Issued);
        }

        // Staff start it again: the other five, once each, numbered after the first two.
        var api = new DemoApi(Factory, "sst68");
        var resumed = Run(await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } }));
        Assert.Equal((7, 2), (resumed.GetProperty("issued").GetInt32(), resumed.GetProperty("attempts").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, resumed.GetProperty("completedAt").ValueKind);
        var all = await BillingSteps.InvoicesAsync(Factory, "sst68");
        var billed = all.Where(i => i.BillingKey == "contribution:2026").ToList();
        Assert.Equal(members.Order(), billed.Select(i => i.CompanyId).Order());
        Assert.True(billed.Take(2).Select(i => i.Id).SequenceEqual(half.Select(i => i.Id)));
        BillingSteps.AssertGapless(all);
    }

    [Fact]
    public async Task Concurrent_runs_of_one_tenant_issue_each_invoice_once_with_gapless_numbers()
    {
        var members = await BillingSteps.MembersAsync(Factory, "sist-on", "ON9", 24, 2026, headcount: 2);
        // Three starts of November and one of October at the same moment, in small batches.
        await Task.WhenAll(new[] { "2026-11", "2026-11", "2026-11", "2026-10" }.Select(async period =>
        {
            await using var scope = Factory.Services.CreateTenantScope("sist-on");
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var runs = scope.ServiceProvider.GetRequiredService<BillingRuns>();
            runs.BatchSize = 5;
            var outcome = await runs.StartAsync(BillingRunKind.Contribution, period);
            Assert.Empty(outcome.Errors);
        }));
        var all = await BillingSteps.InvoicesAsync(Factory, "sist-on");
        BillingSteps.AssertGapless(all);
        foreach (var period in new[] { "2026-11", "2026-10" })
            Assert.Equal(members.Order(), all.Where(i => i.BillingKey == $"contribution:{period}").Select(i => i.CompanyId).Order());
        await using var check = Factory.Services.CreateTenantScope("sist-on");
        var recorded = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().BillingRuns.AsNoTracking().ToListAsync();
        Assert.Equal([("2026-10", 24), ("2026-11", 24)], recorded.OrderBy(r => r.Period).Select(r => (r.Period, r.Issued)));
    }

    [Fact]
    public async Task The_pdf_of_an_invoice_holds_its_number_totals_schedule_and_legal_mentions_and_no_other_company_or_tenant_reaches_it()
    {
        var api = new DemoApi(Factory, "sst68");
        await BillingSteps.DeclareAsync(Factory, "sst68", "680001", 2026, 9);
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var company = await db.Companies.SingleAsync(c => c.MemberNumber == "680001");
            company.BillingAddress = new PostalAddress("12 rue du Sauvage", null, "68100", "Mulhouse", "Entreprise Démo SAS");
            await db.SaveChangesAsync();
        }
        Run(await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period = "2026" } }));
        var invoice = (await BillingSteps.InvoicesAsync(Factory, "sst68")).Single(i => i.BillingKey == "contribution:2026");

        var client = Factory.ClientFor(api.Host);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await api.EmployerTokenAsync());
        using var response = await client.GetAsync($"/api/invoices/{invoice.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"facture-{invoice.Number}.pdf", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            foreach (var expected in new[]
                     {
                         "Santé au Travail 68", "03 89 36 30 15", "FACTURE", invoice.Number, "680001", "Mulhouse", "Sauvage",
                         "1 026,00 €", "205,20 €", "1 231,20 €", "410,40 €", "Échéancier", "Débit", "Crédit", "Solde",
                         "23/12/2026", "pénalités", "40,00 €", "recouvrement", "escompte",
                     })
                Assert.Contains(expected, text);
        }
        // Cached: the second download is the same document, stored once.
        using var second = await client.GetAsync($"/api/invoices/{invoice.Id}/pdf");
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().InvoicePdfs.CountAsync(p => p.InvoiceId == invoice.Id));

        // The accountant of another company of the tenant, another tenant's user, a token carried to another host, nobody: no PDF.
        var accountant = await Factory.TokenAsync(api.Host, "680002", DemoData.Password);
        foreach (var (host, token) in new[]
                 {
                     (api.Host, accountant),
                     ("sstrn.localhost", await new DemoApi(Factory, "sstrn").EmployerTokenAsync()),
                     ("sstrn.localhost", await api.EmployerTokenAsync()),
                 })
        {
            var other = Factory.ClientFor(host);
            other.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var refused = await other.GetAsync($"/api/invoices/{invoice.Id}/pdf");
            Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{host}: {refused.StatusCode}");
            Assert.NotEqual("application/pdf", refused.Content.Headers.ContentType?.MediaType);
        }
        using var anonymous = await Factory.ClientFor(api.Host).GetAsync($"/api/invoices/{invoice.Id}/pdf");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Staff_preview_and_start_a_run_from_their_page_and_the_member_filters_its_invoices_by_year_and_downloads_the_pdf()
    {
        var api = new DemoApi(Factory, "sst68");
        await BillingSteps.DeclareAsync(Factory, "sst68", "680001", 2026, 9);
        var staff = await Factory.StaffPortalAsync(api.Host, "staff@sst68.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var page = Text(await staff.GetHtmlAsync("/personnel/facturation?periode=2026"));
        Assert.Contains("Facturation annuelle de la cotisation en 3 échéances", page);
        Assert.Contains("Barème 2026 : 114,00 € HT par salarié, TVA 20 %", page);
        Assert.Contains("1 facture(s) à émettre pour 1 231,20 € TTC", page);
        Assert.Contains("1 adhérent(s) sans déclaration", page);

        var started = await staff.SubmitFormWithButtonAsync("/personnel/facturation?periode=2026", "Lancer la facturation 2026");
        Assert.Contains("Facturation 2026 terminée : 1 facture(s) émise(s) au total pour 1 231,20 € TTC.", Text(await PortalClient.HtmlAsync(started)));
        Assert.Contains("0 facture(s) à émettre", Text(await staff.GetHtmlAsync("/personnel/facturation?periode=2026")));

        // The member: the year filter offers the years it has invoices in; each row downloads its PDF with the portal session.
        var company = await api.CompanyIdAsync("680001");
        var employer = Factory.PortalFor(api.Host);
        await employer.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        var html = await employer.GetHtmlAsync($"/entreprises/{company}/factures?annee=2026&statut=a-payer");
        Assert.Contains("<option value=\"2025\"", html);
        Assert.Contains("<option value=\"2026\" selected", html);
        var number = (await BillingSteps.InvoicesAsync(Factory, "sst68")).Single(i => i.BillingKey == "contribution:2026").Number;
        Assert.Contains(number, Text(html));
        Assert.DoesNotContain("Cotisation 2025", Text(html));
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/api/invoices/[0-9a-f-]+/pdf)\"").Groups[1].Value;
        using var pdf = await employer.GetAsync(link);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        // Staff pages are for staff.
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync("/personnel/facturation")).StatusCode);
    }

    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");
}
