using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Host.Tests.Infrastructure;
using Platform.Host.Tests.Workstations;
using Platform.Tenancy;

namespace Platform.Host.Tests.Portal;

/// <summary>The portal's invoices, visit requests and cross-tenant pages, through the real pipeline and forms.</summary>
public sealed class BillingAndVisitPagesTests(PlatformFactory factory) : PlatformTest(factory)
{
    public override async Task InitializeAsync()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private async Task<PortalClient> SignedInAsync(string tenant, string identifier)
    {
        var portal = Factory.PortalFor($"{tenant}.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = identifier, ["Password"] = DemoData.Password });
        return portal;
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ");

    [Fact]
    public async Task The_invoices_page_lists_and_filters_with_the_schedule_and_is_refused_to_a_convocation_only_user()
    {
        var company = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");
        var employer = await SignedInAsync("sst68", "680001");
        var page = Text(await employer.GetHtmlAsync($"/entreprises/{company}/factures"));
        Assert.Contains("2 document(s)", page);
        Assert.Matches(@"FA2026-\d{6} 31/01/2026 \S+ Cotisation 2026 — \d+ salariés [\d  ]+,\d\d € [\d  ]+,\d\d € À payer", page);
        // sst68's three instalments.
        Assert.Equal(3, Regex.Matches(page, @"\(à régler\)").Count);
        var paid = Text(await employer.GetHtmlAsync($"/entreprises/{company}/factures?statut=payees"));
        Assert.Contains("Cotisation 2025", paid);
        Assert.DoesNotContain("Cotisation 2026", paid);
        Assert.Contains("Factures</a>", await employer.GetHtmlAsync($"/entreprises/{company}"));

        await new DemoApi(Factory, "sst68").GrantAccountantAsync(company, CompanyRoles.Convocation);
        var convocation = await SignedInAsync("sst68", "680002");
        var refused = await convocation.GetAsync($"/entreprises/{company}/factures");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Cotisation", await PortalClient.HtmlAsync(refused));
        Assert.DoesNotContain("/factures", await convocation.GetHtmlAsync($"/entreprises/{company}"));
    }

    [Fact]
    public async Task The_invoices_page_filters_credit_notes_and_years_together_and_finds_a_document_by_its_number()
    {
        var company = await new DemoApi(Factory, "sst68").CompanyIdAsync("680001");
        string number2025, creditNote;
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var invoices = await db.Invoices.AsNoTracking().Where(i => i.CompanyId == company).OrderBy(i => i.Sequence).ToListAsync();
            number2025 = invoices.Single(i => i.IssuedOn.Year == 2025).Number;
            var day = Factory.Clock.Today();
            var (note, errors) = await scope.ServiceProvider.GetRequiredService<Platform.Features.Billing.InvoiceService>().IssueAsync(
                new Platform.Features.Billing.InvoiceDraft(company, "Avoir : un salarié en moins", day, 114m, 20m, [day])
                { Kind = Platform.Features.Billing.InvoiceKind.CreditNote, CorrectsInvoiceId = invoices.Single(i => i.IssuedOn.Year == 2026).Id });
            Assert.Empty(errors);
            creditNote = note!.Number;
        }
        var employer = await SignedInAsync("sst68", "680001");
        var page = $"/entreprises/{company}/factures";

        var notes = Text(await employer.GetHtmlAsync($"{page}?statut=avoirs"));
        Assert.Contains("1 document(s)", notes);
        Assert.Contains($"{creditNote} ", notes);
        Assert.DoesNotContain("Cotisation", notes);
        var year2025 = Text(await employer.GetHtmlAsync($"{page}?annee=2025"));
        Assert.Contains("1 document(s)", year2025);
        Assert.Contains("Cotisation 2025", year2025);
        // Both filters at once: nothing left to pay on 2025.
        Assert.Contains("Aucune facture ne correspond à ce filtre.", Text(await employer.GetHtmlAsync($"{page}?statut=a-payer&annee=2025")));
        Assert.Contains("Cotisation 2026", Text(await employer.GetHtmlAsync($"{page}?statut=a-payer&annee=2026")));

        // « Rechercher une pièce par son numéro » (seeds 000, 001): part of it, in any case.
        var part = number2025.ToLowerInvariant()[1..];
        var found = Text(await employer.GetHtmlAsync($"{page}?numero={Uri.EscapeDataString(part)}"));
        Assert.Contains("1 document(s)", found);
        Assert.Contains($"{number2025} ", found);
        Assert.Contains($"value=\"{part}\"", await employer.GetHtmlAsync($"{page}?numero={Uri.EscapeDataString(part)}"));
        Assert.Contains("Aucune facture ne correspond à ce filtre.", Text(await employer.GetHtmlAsync($"{page}?numero=ZZ999")));

        // The same search through the API.
        var api = new DemoApi(Factory, "sst68");
        var listed = (await api.DataAsync(await api.EmployerTokenAsync(), "query($id: ID!, $n: String) { company(id: $id) { invoices(number: $n) { totalCount edges { node { number } } } } }",
            new { id = company, n = creditNote.ToLowerInvariant() })).GetProperty("company").GetProperty("invoices");
        Assert.Equal(1, listed.GetProperty("totalCount").GetInt32());
        Assert.Equal(creditNote, listed.GetProperty("edges")[0].GetProperty("node").GetProperty("number").GetString());
    }

    [Fact]
    public async Task An_employer_requests_a_visit_then_cancels_it_from_the_portal()
    {
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var ws = (await api.MutateAsync(token, "createWorkstation", WorkstationTests.Create, WorkstationTests.Input(company, "Maçon", "621a", []))).GetProperty("workstation").GetProperty("id").GetString();
        var employee = (await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Martin", ws)))
            .GetProperty("employee").GetProperty("id").GetString()!;

        var portal = await SignedInAsync("sstrn", "employer@sstrn.demo");
        var path = $"/entreprises/{company}/visites";
        Assert.Contains("MARTIN Jean — MAÇON", await portal.GetHtmlAsync(path));
        var missing = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(path, [new("EmployeeId", employee)], $"{path}?handler=Demander")));
        Assert.Contains("Choisissez le salarié et le type de visite.", missing);

        var sent = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(path,
            [new("EmployeeId", employee), new("Type", "Periodic"), new("Situations", "PREGNANT"), new("Comment", "Pas le mercredi")], $"{path}?handler=Demander")));
        Assert.Contains("Votre demande de visite « Périodique » est enregistrée", sent);
        Assert.Matches("MARTIN Jean Périodique En attente", sent);
        var again = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(path, [new("EmployeeId", employee), new("Type", "Periodic")], $"{path}?handler=Demander")));
        Assert.Contains("« Périodique » est déjà en attente", again);

        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var request = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().VisitRequests.SingleAsync();
            Assert.Equal(["PREGNANT"], request.Situations);
            var cancelled = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(path, [], $"{path}?handler=Annuler&requestId={request.Id}")));
            Assert.Contains("La demande de visite est annulée.", cancelled);
            Assert.Contains("Annulée par l'entreprise.", cancelled);
        }

        // Asked again, then the employee leaves: the exit form warns, and the exit cancels the request.
        await portal.SubmitAsync(path, [new("EmployeeId", employee), new("Type", "MidCareer")], $"{path}?handler=Demander");
        var employeePath = $"/entreprises/{company}/salaries/{employee}";
        Assert.Contains("la demande de visite en attente de ce salarié sera annulée avec sa sortie", Text(await portal.GetHtmlAsync(employeePath)));
        var exit = Text(await PortalClient.HtmlAsync(await portal.SubmitAsync(employeePath, [new("EndDate", "2026-11-30")], $"{employeePath}?handler=Sortie")));
        Assert.Contains("La sortie au 30/11/2026 est enregistrée. 1 demande(s) de visite en attente ont été annulée(s).", exit);
        Assert.Contains("Mi-carrière Annulée Annulée automatiquement : le salarié est sorti de l'effectif.", Text(await portal.GetHtmlAsync(path)));
    }

    [Fact]
    public async Task The_accountant_s_page_lists_the_clients_of_every_service_with_links_to_their_hosts()
    {
        var portal = await SignedInAsync("sstrn", DemoData.AccountantEmail);
        var html = await portal.GetHtmlAsync("/mes-clients");
        var sst68Client = await new DemoApi(Factory, "sst68").CompanyIdAsync("680002");
        Assert.Contains($"https://sst68.localhost/entreprises/{sst68Client}", html);
        var text = Text(html);
        foreach (var name in new[] { "Client Cabinet Démo Santé au Travail 68", "Client Cabinet Démo SSTRN", "Client Cabinet Démo SIST Ouest Normandie", "Client Cabinet Démo SPSTI BTP BFC" })
            Assert.Contains(name, text);
        Assert.Contains("2026 à faire (avant le 30/11/2026)", text);
        Assert.Contains("À jour", text); // sstrn: nothing owed the year a company joins
        Assert.DoesNotContain("Entreprise Démo", text);
    }
}
