using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Portal;

/// <summary>
/// Issue 10's conventions of the portal's pages, as the HTML says them: errors beside their fields (with
/// aria-invalid and aria-describedby), empty lists that say what to do first, no preselected consequential
/// choice, a skip link, tables that scroll inside their panel.
/// </summary>
public sealed class FormConventionTests(PlatformFactory factory) : PlatformTest(factory)
{
    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    /// <summary>The demo employer of sstrn with a company of their own just joined: nothing declared yet, whatever the demo data holds.</summary>
    private async Task<(PortalClient Portal, Guid Company)> EmployerAsync()
    {
        await DemoData.SeedAsync(Factory.Services);
        Guid company;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var employer = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == "employer@sstrn.demo");
            var created = new Company
            {
                MemberNumber = "109.1", Name = "Entreprise Neuve", Siret = Identifiers.WithLuhnKey(Identifiers.WithLuhnKey("91234567") + "0001"),
                LegalForm = "SAS", NafCode = "4332B", CreatedAt = Factory.Clock.GetUtcNow(),
            };
            db.Companies.Add(created);
            db.Memberships.Add(new Membership { UserId = employer.Id, CompanyId = created.Id, Roles = [CompanyRoles.Administrator], CreatedAt = Factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
            company = created.Id;
        }
        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        return (portal, company);
    }

    [Fact]
    public async Task A_refused_contact_marks_its_fields_and_puts_each_message_beside_its_field()
    {
        var (portal, company) = await EmployerAsync();
        var page = $"/entreprises/{company}/fiche";
        var html = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            new Dictionary<string, string> { ["Function"] = "", ["ContactName"] = "", ["Phone"] = "", ["Email"] = "" }, page + "?handler=Contact")));

        Assert.Matches("<select id=\"fonction\" name=\"Function\"[^>]* aria-describedby=\"fonction-error\" aria-invalid=\"true\">", html);
        Assert.Contains("<span class=\"field-error\" id=\"fonction-error\">Choisissez la fonction du contact", html);
        Assert.Matches("<input id=\"contact-nom\" name=\"ContactName\"[^>]* aria-describedby=\"contact-nom-error\" aria-invalid=\"true\"><span class=\"field-error\" id=\"contact-nom-error\">", html);
        Assert.Matches("id=\"contact-tel\"[^>]* aria-invalid=\"true\"><span class=\"field-error\" id=\"contact-tel-error\">Indiquez au moins un téléphone ou une adresse e-mail", html);
        // Not again in a panel far above the form, and not on the company details form's own « name ».
        Assert.DoesNotContain("<p class=\"error\" role=\"alert\">Choisissez la fonction du contact", html);
        Assert.DoesNotMatch("<input id=\"raison\"[^>]*aria-invalid", html);
        // The page brings the script that moves focus to the first field in error (no inline script: CSP).
        Assert.Matches("<script src=\"/js/field-errors\\.js\\?v=[^\"]+\" defer>", html);
    }

    [Fact]
    public async Task An_error_of_no_field_on_the_page_stays_in_the_panel()
    {
        var (portal, company) = await EmployerAsync();
        var page = $"/entreprises/{company}/fiche";
        var fields = new Dictionary<string, string> { ["Kind"] = "Suspension", ["Reason"] = "Travaux", ["EffectiveDate"] = "2026-12-31" };
        await portal.SubmitAsync(page, fields, page + "?handler=Situation");
        var again = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page, fields, page + "?handler=Situation")));
        Assert.Contains("<p class=\"error\" role=\"alert\">Une demande de changement de situation est déjà en cours de traitement.</p>", again);
    }

    [Fact]
    public async Task The_change_of_situation_preselects_no_kind_and_asks_for_one()
    {
        var (portal, company) = await EmployerAsync();
        var page = $"/entreprises/{company}/fiche";
        var form = Flat(await portal.GetHtmlAsync(page));
        var select = Regex.Match(form, "<select id=\"nature\".*?</select>").Value;
        Assert.StartsWith("<select id=\"nature\" name=\"Kind\" required><option value=\"\">Choisir…</option>", select);
        Assert.DoesNotContain("selected", select);

        var refused = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            new Dictionary<string, string> { ["Kind"] = "", ["Reason"] = "Départ en retraite", ["EffectiveDate"] = "2026-12-31" }, page + "?handler=Situation")));
        Assert.Matches("<select id=\"nature\" name=\"Kind\" required aria-describedby=\"nature-error\" aria-invalid=\"true\">", refused);
        Assert.Contains("id=\"nature-error\">Choisissez la nature du changement de situation.</span>", refused);
        Assert.DoesNotContain("en cours de traitement", refused);
    }

    [Fact]
    public async Task Empty_lists_say_what_to_do_first_with_the_button_to_do_it()
    {
        var (portal, company) = await EmployerAsync();

        var workstations = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/postes"));
        Assert.Contains("Aucun poste de travail n'est encore déclaré.", workstations);
        Assert.Contains("<a class=\"button\" href=\"#formulaire\">Déclarer un poste de travail</a>", workstations);
        Assert.DoesNotContain("id=\"postes\"", workstations);

        var employees = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/salaries"));
        Assert.Contains("Aucun salarié n'est encore déclaré. Commencez par déclarer vos postes de travail", employees);
        Assert.Contains($"<a class=\"button\" href=\"/entreprises/{company}/postes#formulaire\">Déclarer un poste de travail</a>", employees);
        Assert.DoesNotContain("id=\"salaries\"", employees);

        var contacts = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/fiche"));
        Assert.Contains("Aucun contact n'est encore déclaré.", contacts);
        Assert.Contains("<a class=\"button\" href=\"#fonction\">Créer un contact</a>", contacts);
    }

    [Fact]
    public async Task Every_page_starts_with_a_skip_link_and_its_tables_scroll_inside_their_panel()
    {
        var (portal, _) = await EmployerAsync();
        var demo = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1"); // the demo's invoices
        var invoices = Flat(await portal.GetHtmlAsync($"/entreprises/{demo}/factures"));
        Assert.Matches("<body> <a class=\"skip-link\" href=\"#contenu\">Aller au contenu</a>", invoices);
        Assert.Contains("<main class=\"container\" id=\"contenu\" tabindex=\"-1\">", invoices);
        Assert.Matches("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"[^\"]+\"><table class=\"table\" id=\"factures\">", invoices);
    }
}
