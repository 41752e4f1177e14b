using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Billing;

/// <summary>Invoices over the real HTTP pipeline: who may read them, the list's filters, the schedule, the numbering.</summary>
public sealed class InvoiceTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Invoices = """
        query($id: ID!, $status: InvoiceStatus, $year: Int, $first: Int, $after: String) { company(id: $id) { invoices(status: $status, year: $year, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { number kind issuedOn dueOn label totalExclTax vat totalInclTax balance paid instalments { dueOn amount paid } } } } } }
        """;

    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private static List<JsonElement> Nodes(JsonElement data) =>
        data.GetProperty("company").GetProperty("invoices").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();

    [Fact]
    public async Task A_convocation_only_user_cannot_read_invoices_while_a_billing_user_can()
    {
        var api = new DemoApi(Factory, "sstrn");
        var demo = await api.CompanyIdAsync("101.1");
        var client = await api.CompanyIdAsync("102.1");
        await new DemoApi(Factory, "sstrn").GrantAccountantAsync(demo, CompanyRoles.Convocation);
        var token = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);

        var refused = await Factory.GraphQLAsync(api.Host, Invoices, new { id = demo }, token);
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("Cotisation", refused.GetProperty("errors").ToString());
        var one = await Factory.GraphQLAsync(api.Host, "query($id: ID!) { invoice(id: $id) { number } }", new { id = await FirstInvoiceIdAsync("sstrn", demo) }, token);
        Assert.Equal(JsonValueKind.Null, one.GetProperty("data").GetProperty("invoice").ValueKind);

        // The same user with Facturation on the other company reads its invoices.
        var allowed = Nodes(await api.DataAsync(token, Invoices, new { id = client }));
        Assert.Equal(2, allowed.Count);
        Assert.All(allowed, i => Assert.StartsWith("Cotisation", i.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task The_list_filters_to_pay_paid_and_year_and_each_schedule_sums_to_its_invoice()
    {
        var api = new DemoApi(Factory, "sst68");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("680001");

        var all = Nodes(await api.DataAsync(token, Invoices, new { id = company }));
        Assert.Equal(["Cotisation 2026 — 9 salariés", "Cotisation 2025 — 9 salariés"], all.Select(i => i.GetProperty("label").GetString()));
        var toPay = Nodes(await api.DataAsync(token, Invoices, new { id = company, status = "TO_PAY" })).Single();
        Assert.False(toPay.GetProperty("paid").GetBoolean());
        Assert.Equal("2026-01-31", toPay.GetProperty("issuedOn").GetString());
        // sst68 bills the annual contribution in 3 instalments; they sum to the total to the cent.
        var instalments = toPay.GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal(3, instalments.Count);
        Assert.Equal(toPay.GetProperty("totalInclTax").GetDecimal(), instalments.Sum(i => i.GetProperty("amount").GetDecimal()));
        Assert.Equal(toPay.GetProperty("totalInclTax").GetDecimal(), toPay.GetProperty("balance").GetDecimal());
        Assert.Equal(Money.Round(toPay.GetProperty("totalExclTax").GetDecimal() * 1.2m), toPay.GetProperty("totalInclTax").GetDecimal());
        Assert.Equal(instalments[^1].GetProperty("dueOn").GetString(), toPay.GetProperty("dueOn").GetString());

        var paid = Nodes(await api.DataAsync(token, Invoices, new { id = company, status = "PAID" })).Single();
        Assert.Equal("Cotisation 2025 — 9 salariés", paid.GetProperty("label").GetString());
        Assert.All(paid.GetProperty("instalments").EnumerateArray(), i => Assert.True(i.GetProperty("paid").GetBoolean()));
        Assert.Equal(0m, paid.GetProperty("balance").GetDecimal());
        Assert.Equal(["Cotisation 2025 — 9 salariés"], Nodes(await api.DataAsync(token, Invoices, new { id = company, year = 2025 })).Select(i => i.GetProperty("label").GetString()));
        Assert.Empty(Nodes(await api.DataAsync(token, Invoices, new { id = company, status = "CREDIT_NOTE" })));

        // Pages of one, newest first, by cursor.
        var first = (await api.DataAsync(token, Invoices, new { id = company, first = 1 })).GetProperty("company").GetProperty("invoices");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(2, first.GetProperty("totalCount").GetInt32());
        var next = Nodes(await api.DataAsync(token, Invoices, new { id = company, first = 1, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }));
        Assert.Equal("Cotisation 2025 — 9 salariés", next.Single().GetProperty("label").GetString());
    }

    [Fact]
    public async Task Numbers_follow_each_other_without_gaps_per_tenant_even_when_issued_at_once()
    {
        var company = await new DemoApi(Factory, "sist-on").CompanyIdAsync("ON0001");
        await using (var clear = Factory.Services.CreateTenantScope("sist-on"))
        {
            // A tenant that never invoiced: the first issues also race to create its counter.
            var db = clear.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.InvoiceInstalments.ExecuteDeleteAsync();
            await db.Invoices.ExecuteDeleteAsync();
            await db.InvoiceCounters.ExecuteDeleteAsync();
        }
        // Twelve invoices issued at the same moment from twelve scopes: twelve consecutive numbers.
        await Task.WhenAll(Enumerable.Range(1, 12).Select(async n =>
        {
            await using var scope = Factory.Services.CreateTenantScope("sist-on");
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var (invoice, errors) = await scope.ServiceProvider.GetRequiredService<InvoiceService>()
                .IssueAsync(new InvoiceDraft(company, $"Visite {n}", new DateOnly(2026, 11, 23), 51m, 20m, [new DateOnly(2026, 12, 23)]));
            Assert.Empty(errors);
        }));

        await using var check = Factory.Services.CreateTenantScope("sist-on");
        var sequences = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.OrderBy(i => i.Sequence).Select(i => i.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), sequences);
        var numbers = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.Where(i => i.IssuedOn == new DateOnly(2026, 11, 23)).Select(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"FA2026-{n:D6}").Order(), numbers.Order());

        // Another tenant keeps its own numbering.
        await using var other = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(Enumerable.Range(1, 4).Select(n => (long)n), await other.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.OrderBy(i => i.Sequence).Select(i => i.Sequence).ToListAsync());
    }

    [Fact]
    public async Task A_credit_note_corrects_an_invoice_of_the_same_company_and_never_more_than_it()
    {
        var api = new DemoApi(Factory, "sstbtp-bfc");
        var company = await api.CompanyIdAsync("250001");
        var other = await api.CompanyIdAsync("250002");
        var invoiceId = await FirstInvoiceIdAsync("sstbtp-bfc", company);
        await using (var scope = Factory.Services.CreateTenantScope("sstbtp-bfc"))
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var service = scope.ServiceProvider.GetRequiredService<InvoiceService>();
            var day = new DateOnly(2026, 11, 23);
            var tooMuch = await service.IssueAsync(new InvoiceDraft(company, "Avoir", day, 100_000m, 20m, [day]) { Kind = InvoiceKind.CreditNote, CorrectsInvoiceId = invoiceId });
            Assert.Equal("INVALID_AMOUNT", tooMuch.Errors.Single().Code);
            var wrongCompany = await service.IssueAsync(new InvoiceDraft(other, "Avoir", day, 10m, 20m, [day]) { Kind = InvoiceKind.CreditNote, CorrectsInvoiceId = invoiceId });
            Assert.Equal("NOT_FOUND", wrongCompany.Errors.Single().Code);
            var badDates = await service.IssueAsync(new InvoiceDraft(company, " ", day, 10m, 20m, [day.AddDays(-1)]));
            Assert.Equal(["INVALID_LABEL", "INVALID_DUE_DATE"], badDates.Errors.Select(e => e.Code));
            var (note, errors) = await service.IssueAsync(new InvoiceDraft(company, "Avoir sur cotisation : 1 salarié en moins", day, 138m, 20m, [day]) { Kind = InvoiceKind.CreditNote, CorrectsInvoiceId = invoiceId });
            Assert.Empty(errors);
            Assert.StartsWith("AV2026-", note!.Number);
        }
        var token = await api.EmployerTokenAsync();
        var notes = Nodes(await api.DataAsync(token, Invoices, new { id = company, status = "CREDIT_NOTE" }));
        var credit = Assert.Single(notes);
        Assert.Equal(-165.60m, credit.GetProperty("totalInclTax").GetDecimal());
        Assert.Equal("CREDIT_NOTE", credit.GetProperty("kind").GetString());
        // Nothing half-written by the refused attempts: 4 demo invoices and the credit note.
        await using var check = Factory.Services.CreateTenantScope("sstbtp-bfc");
        Assert.Equal(5, await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.CountAsync());
    }

    private async Task<Guid> FirstInvoiceIdAsync(string tenant, Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Invoices.Where(i => i.CompanyId == company).OrderBy(i => i.Sequence).Select(i => i.Id).FirstAsync();
    }
}
