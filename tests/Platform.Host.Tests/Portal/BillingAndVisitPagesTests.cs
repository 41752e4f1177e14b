using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
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
        await DemoData.SeedAsync(Factory.Services);
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
        Assert.Matches(@"FA2026-\d{6} 31/01/2026 \S+ Cotisation 2026 — 9 salariés [\d  ]+,\d\d € [\d  ]+,\d\d € À payer", page);
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
