using System.Text.Json;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Billing;

/// <summary>
/// A tenant's billing cycle changed mid-year (pentest M2): runs of the new cycle bill only the months no invoice of the old one
/// covers, whatever the keys' text, and never bill a month twice.
/// </summary>
public sealed class BillingCycleChangeTests(PlatformFactory factory) : PlatformTest(factory)
{
    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    private async Task<JsonElement> RunAsync(DemoApi api, string period)
    {
        var payload = await api.MutateAsync(await api.StaffTokenAsync(), "startBillingRun", BillingSteps.Start, new { input = new { period } });
        Assert.Empty(DemoApi.ErrorCodes(payload));
        return payload.GetProperty("run");
    }

    private async Task<List<Platform.Features.Billing.Invoice>> ContributionsAsync(Guid company) =>
        (await BillingSteps.InvoicesAsync(Factory, "sstbtp-bfc")).Where(i => i.CompanyId == company && i.BillingKey?.StartsWith("contribution:") == true).ToList();

    [Fact]
    public async Task Quarterly_then_monthly_bills_no_month_of_an_invoiced_quarter_again()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        await BillingSteps.DeclareAsync(Factory, "sstbtp-bfc", "250001", 2026, 2);
        var company = await api.CompanyIdAsync("250001");
        // The fourth quarter billed in October: 2 × 138,00 € / 4 = 69,00 € HT.
        Assert.Equal(1, (await RunAsync(api, "2026-T4")).GetProperty("issued").GetInt32());

        // The administrators move to monthly billing in November.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        await api.SetRuleAsync("billing.cycle", "\"Monthly\"");
        var preview = (await api.DataAsync(await api.StaffTokenAsync(), BillingSteps.Preview, new { period = "2026-11" })).GetProperty("billingRunPreview").GetProperty("preview");
        Assert.Equal(("MONTHLY", 0), (preview.GetProperty("cycle").GetString(), preview.GetProperty("toIssue").GetInt32()));
        Assert.True(preview.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("memberNumber").GetString() == "250001").GetProperty("alreadyIssued").GetBoolean());
        Assert.Equal(0, (await RunAsync(api, "2026-11")).GetProperty("issued").GetInt32());
        Assert.Equal(0, (await RunAsync(api, "2026-12")).GetProperty("issued").GetInt32());
        Assert.Equal(["contribution:2026-T4"], (await ContributionsAsync(company)).Select(i => i.BillingKey));

        // January is a month no invoice covers: billed, a twelfth of the year's rate.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await RunAsync(api, "2027-01");
        Assert.Equal(["contribution:2026-T4", "contribution:2027-01"], (await ContributionsAsync(company)).Select(i => i.BillingKey));
    }

    [Fact]
    public async Task Monthly_then_quarterly_bills_only_the_months_of_the_quarter_left_and_annual_the_rest_of_the_year()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        await BillingSteps.DeclareAsync(Factory, "sstbtp-bfc", "250001", 2026, 2);
        var company = await api.CompanyIdAsync("250001");
        await api.SetRuleAsync("billing.cycle", "\"Monthly\"");
        // October billed monthly: 2 × round(138,00 € / 12) = 2 × 11,50 € = 23,00 € HT.
        await RunAsync(api, "2026-10");

        // Quarterly from November: the fourth quarter's run bills November and December only, 2 × 2/12 × 138,00 € = 46,00 € HT.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        await api.SetRuleAsync("billing.cycle", "\"Quarterly\"");
        Assert.Equal(1, (await RunAsync(api, "2026-T4")).GetProperty("issued").GetInt32());
        var invoices = (await ContributionsAsync(company)).ToDictionary(i => i.BillingKey!);
        Assert.Equal(["contribution:2026-10", "contribution:2026-T4"], invoices.Keys.Order());
        Assert.Equal((23.00m, 46.00m), (invoices["contribution:2026-10"].TotalExclTax, invoices["contribution:2026-T4"].TotalExclTax));
        Assert.Contains("novembre et décembre 2026", invoices["contribution:2026-T4"].Label);
        // The quarter's three months are billed once: 69,00 € HT, what the quarter costs.
        Assert.Equal(69.00m, invoices.Values.Sum(i => i.TotalExclTax));

        // Annual from December: the year's run bills the nine months no invoice covers, never October to December again.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await api.SetRuleAsync("billing.cycle", "\"Annual\"");
        Assert.Equal(1, (await RunAsync(api, "2026")).GetProperty("issued").GetInt32());
        var year = (await ContributionsAsync(company)).Single(i => i.BillingKey == "contribution:2026");
        // 2 × 9/12 × 138,00 € = 207,00 € HT: with the 69,00 € of the fourth quarter, the year's 276,00 €.
        Assert.Equal(207.00m, year.TotalExclTax);
        Assert.Equal(276.00m, (await ContributionsAsync(company)).Sum(i => i.TotalExclTax));
        // And back to monthly: every month of 2026 is billed, nothing more.
        await api.SetRuleAsync("billing.cycle", "\"Monthly\"");
        Assert.Equal(0, (await RunAsync(api, "2026-12")).GetProperty("issued").GetInt32());
        Assert.Equal(3, (await ContributionsAsync(company)).Count);
    }

    [Fact]
    public async Task A_declaration_billed_by_a_run_before_staff_confirm_it_stays_to_confirm_and_its_confirmation_finds_the_year_invoiced()
    {
        // sst68 bills the year at once: the run bills the filed 2026 declaration before staff confirmed it.
        var api = new DemoApi(Factory, "sst68");
        await BillingSteps.DeclareAsync(Factory, "sst68", "680001", 2026, 9);
        var company = await api.CompanyIdAsync("680001");
        await RunAsync(api, "2026");
        const string Declarations = "query($id: ID!) { company(id: $id) { declarations { id year status } } }";
        var declaration = (await api.DataAsync(await api.StaffTokenAsync(), Declarations, new { id = company })).GetProperty("company").GetProperty("declarations")
            .EnumerateArray().Single(d => d.GetProperty("year").GetInt32() == 2026);
        // Billed, but staff have not checked it: still waiting for them, not « Facturée ».
        Assert.Equal("SUBMITTED", declaration.GetProperty("status").GetString());

        var staff = await api.StaffTokenAsync();
        var confirmed = await api.MutateAsync(staff, "confirmDeclaration",
            "mutation($i: IdInput!) { confirmDeclaration(input: $i) { declaration { status } errors { code message } } }", new { i = new { id = declaration.GetProperty("id").GetString() } });
        Assert.Empty(DemoApi.ErrorCodes(confirmed));
        // The run invoiced the whole year: confirming it makes it « Facturée », with no second invoice.
        Assert.Equal("INVOICED", confirmed.GetProperty("declaration").GetProperty("status").GetString());
        Assert.Single((await BillingSteps.InvoicesAsync(Factory, "sst68")).Where(i => i.CompanyId == company && i.BillingKey == "contribution:2026"));
        Assert.Empty((await BillingSteps.InvoicesAsync(Factory, "sst68")).Where(i => i.CompanyId == company && i.BillingKey != null && i.BillingKey != "contribution:2026" && i.BillingKey.StartsWith("contribution:2026")));
    }
}
