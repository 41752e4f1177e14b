using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Tests.TenantSettings;

/// <summary>
/// The tenant administrator's rules forms, through the portal as a browser posts them: each page's form is read
/// as rendered, one field changed, and posted back (with its anti-forgery token).
/// </summary>
public sealed partial class RulesFormsTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<PortalClient> AdminAsync(string host = "sstrn.localhost")
    {
        await DemoData.SeedAsync(Factory.Services);
        var slug = host.Split('.')[0];
        return await Factory.StaffPortalAsync(host, $"admin@{slug}.demo", DemoData.Password, DemoData.StaffTotpSecret);
    }

    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    private async Task<TenantRules> RulesAsync(string slug)
    {
        var tenant = Factory.Services.GetRequiredService<TenantCatalog>().FindBySlug(slug)!;
        return (await Factory.Services.GetRequiredService<TenantRulesCache>().GetAsync(tenant)).Rules;
    }

    private async Task<int> StoredCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.TenantRuleOverrides.IgnoreQueryFilters().CountAsync() + await db.TenantRuleChanges.IgnoreQueryFilters().CountAsync();
    }

    // ---- The form as the page renders it ----

    private sealed class Form(string action, List<KeyValuePair<string, string>> fields)
    {
        public string Action { get; } = action;
        public List<KeyValuePair<string, string>> Fields { get; } = fields;

        public Form Set(string name, string value)
        {
            Fields.RemoveAll(f => f.Key == name);
            Fields.Add(new(name, value));
            return this;
        }

        public Form Remove(string name, string? value = null)
        {
            Fields.RemoveAll(f => f.Key == name && (value is null || f.Value == value));
            return this;
        }

        public string? Get(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
    }

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)] private static partial Regex FormPattern();
    [GeneratedRegex("<input ([^>]*)>")] private static partial Regex InputPattern();
    [GeneratedRegex("<select [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)] private static partial Regex SelectPattern();
    [GeneratedRegex("<option value=\"([^\"]*)\"( selected)?", RegexOptions.Singleline)] private static partial Regex OptionPattern();
    [GeneratedRegex("<textarea [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)] private static partial Regex TextAreaPattern();

    private static string? Attribute(string attributes, string name) =>
        Regex.Match(attributes, $"(?:^|\\s){name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The rules form of a page (its first form whose HTML contains <paramref name="containing"/>), with its current values.</summary>
    private static async Task<Form> FormAsync(PortalClient client, string page, string containing = "class=\"rules-form\"")
    {
        var html = await (await client.Http.GetAsync(page)).Content.ReadAsStringAsync();
        var form = FormPattern().Matches(html).First(m => m.Value.Contains(containing));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputPattern().Matches(form.Groups[2].Value))
        {
            var a = input.Groups[1].Value;
            if (Attribute(a, "name") is not { } name || Attribute(a, "type") == "file") continue;
            if (Attribute(a, "type") == "checkbox" && !Regex.IsMatch(a, "\\schecked")) continue;
            fields.Add(new(name, Attribute(a, "value") ?? ""));
        }
        foreach (Match select in SelectPattern().Matches(form.Groups[2].Value))
        {
            var options = OptionPattern().Matches(select.Groups[2].Value);
            var chosen = options.FirstOrDefault(o => o.Groups[2].Success) ?? options.First();
            fields.Add(new(WebUtility.HtmlDecode(select.Groups[1].Value), WebUtility.HtmlDecode(chosen.Groups[1].Value)));
        }
        foreach (Match area in TextAreaPattern().Matches(form.Groups[2].Value))
            fields.Add(new(WebUtility.HtmlDecode(area.Groups[1].Value), WebUtility.HtmlDecode(area.Groups[2].Value)));
        var action = Attribute(form.Groups[1].Value, "action") ?? page;
        return new Form(action, fields);
    }

    private static async Task<string> PostAsync(PortalClient client, Form form)
    {
        var response = await client.Http.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Flat(await PortalClient.HtmlAsync(response));
    }

    /// <summary>The error paragraph beside a field, and the field marked invalid and pointing to it.</summary>
    private static void AssertErrorBeside(string html, string fieldId, string message)
    {
        Assert.Matches($"<p class=\"field-error\" id=\"{fieldId}-erreur\">[^<]*{Regex.Escape(message)}", html);
        var field = Regex.Match(html, $"<(input|select|textarea)[^>]* id=\"{fieldId}\"[^>]*>").Value;
        Assert.Matches($"aria-describedby=\"[^\"]*{fieldId}-erreur\"", field);
        Assert.Contains("aria-invalid=\"true\"", field);
    }

    // ---- Each group saves ----

    [Fact]
    public async Task Identity_and_theme_save_record_readable_history_and_leave_other_tenants_alone()
    {
        var admin = await AdminAsync();
        var form = await FormAsync(admin, "/administration/regles/identite");
        Assert.Equal("#00607A", form.Get("PrimaryColor"));

        var saved = await PostAsync(admin, form.Set("PrimaryColor", "#336699").Set("Phone", "02 40 00 00 00"));

        Assert.Contains("Modifications enregistrées.", saved);
        Assert.Matches("Antoine Administrateur</td> <td>Couleur principale</td> <td>#00607A</td> <td>#336699</td>", saved);
        Assert.Matches("<td>Téléphone</td> <td>02 59 45 10 10</td> <td>02 40 00 00 00</td>", saved);
        Assert.DoesNotContain("&quot;", Regex.Match(saved, "id=\"historique\".*?</section>").Value);
        var visitor = Factory.ClientFor("sstrn.localhost");
        Assert.Contains("--primary: #336699", await PortalClient.ThemeOfAsync(visitor, await visitor.GetStringAsync("/")));
        Assert.Equal("#005CA9", (await RulesAsync("sst68")).Theme.PrimaryColor);
        // The other tenant's administrator sees no change of sstrn's.
        var other = await AdminAsync("sst68.localhost");
        Assert.Contains("Aucune modification de ces règles.", await other.GetHtmlAsync("/administration/regles/identite"));
    }

    [Fact]
    public async Task Saving_a_form_unchanged_records_nothing()
    {
        var admin = await AdminAsync("sst68.localhost");
        foreach (var group in new[] { "identite", "connexion", "utilisateurs", "paiement", "facturation", "visites", "declarations", "salaries" })
        {
            var saved = await PostAsync(admin, await FormAsync(admin, $"/administration/regles/{group}"));
            Assert.Contains("Modifications enregistrées.", saved);
        }
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task An_invalid_value_shows_its_error_beside_its_field_and_nothing_is_stored()
    {
        var admin = await AdminAsync();

        var html = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/identite")).Set("Email", "pas-une-adresse"));

        AssertErrorBeside(html, "f-theme-contact-email", "Adresse e-mail invalide");
        Assert.Contains("Rien n'a été enregistré", html);
        Assert.Contains("<a href=\"#f-theme-contact-email\">E-mail de contact</a>", html);
        Assert.Contains("value=\"pas-une-adresse\"", html);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task Sign_in_rules_save_and_refuse_an_email_code_with_member_numbers()
    {
        var admin = await AdminAsync("sst68.localhost");
        var form = await FormAsync(admin, "/administration/regles/connexion");

        var refused = await PostAsync(admin, form.Set("Proof", "EmailCode"));
        AssertErrorBeside(refused, "f-login-identifier", "l'identifiant doit être l'e-mail");

        form = await FormAsync(admin, "/administration/regles/connexion");
        var saved = await PostAsync(admin, form.Set("LockoutMode", "Temporary").Set("MaxFailures", "5").Set("LockMinutes", "15")
            .Set("ConnectionHistorySize", "10").Set("MinLength", "12"));
        Assert.Contains("Modifications enregistrées.", saved);
        var login = (await RulesAsync("sst68")).Login;
        Assert.Equal(LockoutMode.Temporary, login.Lockout.Mode);
        Assert.Equal(15, login.Lockout.LockMinutes);
        Assert.Equal(10, login.ConnectionHistorySize);
        Assert.Equal(12, login.PasswordRule!.MinLength);
        Assert.Contains("<td>blocage temporaire après 5 échecs, pendant 15 minutes ; message : « Votre espace a été bloqué.", saved);
        Assert.Contains("<td>Historique des connexions</td> <td>0 connexions</td> <td>10 connexions</td>", saved);
    }

    [Fact]
    public async Task Users_rules_save()
    {
        var admin = await AdminAsync("sst68.localhost");
        var saved = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/utilisateurs")).Set("SubUsers", "EmployerInvitation"));
        Assert.Contains("<td>Ajout des utilisateurs</td> <td>créés par le service</td> <td>invités par l'employeur</td>", saved);
        Assert.Equal(SubUserModel.EmployerInvitation, (await RulesAsync("sst68")).Users.SubUsers);
    }

    [Fact]
    public async Task Payment_rules_save_and_a_SEPA_discount_without_SEPA_is_refused_beside_it()
    {
        var admin = await AdminAsync("sst68.localhost");
        var saved = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/paiement"))
            .Set("SepaDiscountPercent", "2,5").Set("SepaPreNotificationDays", "10").Set("Iban", "FR76 1027 8361 0000 0201 2340 194"));
        Assert.Contains("<td>Remise pour prélèvement SEPA</td> <td>1,5 %</td> <td>2,5 %</td>", saved);
        var payment = (await RulesAsync("sst68")).Payment;
        Assert.Equal(2.5m, payment.SepaDiscountPercent);
        Assert.Equal(10, payment.SepaPreNotificationDays);

        var refused = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/paiement")).Remove("Methods", "SepaDebit"));
        AssertErrorBeside(refused, "f-payment-sepaDiscountPercent", "Une remise SEPA suppose le prélèvement SEPA");
        Assert.Equal(2.5m, (await RulesAsync("sst68")).Payment.SepaDiscountPercent);
    }

    [Fact]
    public async Task Billing_rates_outside_the_national_range_need_the_general_assembly_confirmation()
    {
        var admin = await AdminAsync("sst68.localhost");
        var form = await FormAsync(admin, "/administration/regles/facturation");
        Assert.Equal("2026", form.Get("Rates[1].Year"));
        Assert.Equal("114,00", form.Get("Rates[1].PerEmployee"));

        var warned = await PostAsync(admin, form.Set("Rates[1].PerEmployee", "150,00"));
        AssertErrorBeside(warned, "f-rates-1-perEmployee", "hors de la fourchette légale 2026");
        Assert.Contains("je confirme", warned);
        Assert.Equal(114.00m, (await RulesAsync("sst68")).RatesFor(2026)!.PerEmployee);

        var confirmed = await PostAsync(admin, form.Set("Confirm", "true"));
        Assert.Contains("Modifications enregistrées.", confirmed);
        var rate = (await RulesAsync("sst68")).RatesFor(2026)!;
        Assert.Equal(150.00m, rate.PerEmployee);
        Assert.True(rate.ApprovedOutsideNationalRange);
        Assert.Contains("2026 : 150,00 € HT par salarié, TVA 20 % (hors fourchette, approuvé par l'assemblée générale)", confirmed);

        // Saving again keeps the approval of that amount; a new year is added by the blank line.
        var added = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/facturation"))
            .Set("Rates[2].Year", "2027").Set("Rates[2].PerEmployee", "116,00").Set("Instalments", "4"));
        Assert.Contains("Modifications enregistrées.", added);
        var rules = await RulesAsync("sst68");
        Assert.True(rules.RatesFor(2026)!.ApprovedOutsideNationalRange);
        Assert.Equal(116.00m, rules.RatesFor(2027)!.PerEmployee);
        Assert.Equal(4, rules.Billing.Instalments);
    }

    [Fact]
    public async Task Billing_amounts_that_are_not_numbers_are_refused_beside_their_cell()
    {
        var admin = await AdminAsync("sst68.localhost");
        var refused = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/facturation")).Set("Rates[0].VatPercent", "vingt"));
        AssertErrorBeside(refused, "f-rates-0-vatPercent", "Nombre attendu");
        var indemnity = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/facturation")).Set("RecoveryIndemnity", "30"));
        AssertErrorBeside(indemnity, "f-billing-mentions-recoveryIndemnity", "L'indemnité forfaitaire de recouvrement est d'au moins 40 €");
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task Cancellation_notice_switches_to_working_days_and_an_out_of_range_notice_is_refused()
    {
        var admin = await AdminAsync("sst68.localhost");
        var refused = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/visites")).Set("Notice", "800"));
        AssertErrorBeside(refused, "f-cancellation-notice", "Délai entre 1 et 720 heures");

        var saved = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/visites"))
            .Set("NoticeUnit", "workingDays").Set("Notice", "3").Set("HolidayCalendar", "France"));
        Assert.Contains("Modifications enregistrées.", saved);
        var rules = await RulesAsync("sst68");
        Assert.Equal(3, rules.Cancellation.WorkingDays);
        Assert.Null(rules.Cancellation.Hours);
        Assert.Equal(HolidayCalendar.France, rules.HolidayCalendar);
        Assert.Contains("<td>Délai d'annulation en heures</td> <td>48 heures</td> <td>aucune valeur</td>", saved);
        Assert.Contains("<td>Délai d'annulation en jours ouvrés</td> <td>aucune valeur</td> <td>3 jours ouvrés</td>", saved);
    }

    [Fact]
    public async Task Declaration_campaigns_save_and_a_due_date_outside_is_refused_beside_it()
    {
        var admin = await AdminAsync("sst68.localhost");
        var form = (await FormAsync(admin, "/administration/regles/declarations")).Set("Window", "Campaigns")
            .Set("Campaigns[0].Year", "2026").Set("Campaigns[0].OpensOn", "2027-01-05").Set("Campaigns[0].ClosesOn", "2027-02-28")
            .Set("Campaigns[0].DueOn", "2027-03-15");

        var refused = await PostAsync(admin, form);
        AssertErrorBeside(refused, "f-declaration-campaigns-0-dueOn", "L'échéance doit tomber pendant la campagne");

        var saved = await PostAsync(admin, form.Set("Campaigns[0].DueOn", "2027-02-15"));
        Assert.Contains("Modifications enregistrées.", saved);
        var declaration = (await RulesAsync("sst68")).Declaration;
        Assert.Equal(DeclarationWindow.Campaigns, declaration.Window);
        Assert.Null(declaration.OpensMonth);
        Assert.Equal(new DateOnly(2027, 2, 15), Assert.Single(declaration.Campaigns).DueOn);
        Assert.Contains("2026 : du 05/01/2027 au 28/02/2027, échéance le 15/02/2027", saved);
    }

    [Fact]
    public async Task The_january_lock_is_lifted_and_an_empty_message_is_refused()
    {
        var admin = await AdminAsync("sst68.localhost");
        var refused = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/salaries")).Set("LockMessage", " "));
        AssertErrorBeside(refused, "f-employerChanges-employeeSectionLock-message", "Le message affiché aux adhérents est obligatoire");

        var saved = await PostAsync(admin, (await FormAsync(admin, "/administration/regles/salaries")).Remove("Lock").Set("NeedStaffValidation", "NewEmployees"));
        Assert.Contains("Modifications enregistrées.", saved);
        var changes = (await RulesAsync("sst68")).EmployerChanges;
        Assert.Null(changes.EmployeeSectionLock);
        Assert.Equal(StaffValidation.NewEmployees, changes.NeedStaffValidation);
        Assert.Contains("<td>Changements validés par le service</td> <td>tous les changements</td> <td>les nouveaux salariés</td>", saved);
    }

    // ---- Back to the file's value ----

    [Fact]
    public async Task A_rule_goes_back_to_the_file_value_and_the_history_says_so()
    {
        var admin = await AdminAsync();
        await PostAsync(admin, (await FormAsync(admin, "/administration/regles/identite")).Set("PrimaryColor", "#336699"));
        Assert.Equal("#336699", (await RulesAsync("sstrn")).Theme.PrimaryColor);

        var revert = await FormAsync(admin, "/administration/regles/identite", "Revenir à la valeur du fichier");
        Assert.Equal("theme.primaryColor", revert.Get("path"));
        var reverted = await PostAsync(admin, revert);

        Assert.Contains("« Couleur principale » a repris la valeur du fichier du service.", reverted);
        Assert.Equal("#00607A", (await RulesAsync("sstrn")).Theme.PrimaryColor);
        Assert.Contains("Aucune : toutes les règles de cette page sont celles du fichier du service.", reverted);
        Assert.Contains("<td>Couleur principale</td> <td>#336699</td> <td>#00607A</td>", reverted);
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().TenantRuleOverrides.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task The_overview_summarises_every_group_in_french_without_json()
    {
        var admin = await AdminAsync("sst68.localhost");
        var html = Flat(await admin.GetHtmlAsync("/administration/regles"));
        Assert.Contains("Santé au Travail 68", html);
        Assert.DoesNotContain("\\u00E9", html);
        Assert.DoesNotContain("\"primaryColor\"", html);
        Assert.Contains("<dt>Identifiant de connexion</dt> <dd>Le numéro d'adhérent</dd>", html);
        Assert.Contains("<dt>Barèmes annuels</dt> <dd>2025 : 112,00 € HT par salarié, TVA 20 % ; 2026 : 114,00 € HT par salarié, TVA 20 %</dd>", html);
        Assert.Contains("<dt>Calendrier des jours fériés</dt> <dd>Alsace-Moselle", html);
        foreach (var group in new[] { "identite", "connexion", "utilisateurs", "paiement", "facturation", "visites", "declarations", "salaries" })
            Assert.Contains($"href=\"/administration/regles/{group}\"", html);
    }

    // ---- Who may ----

    [Theory]
    [InlineData("identite")]
    [InlineData("facturation")]
    [InlineData("salaries")]
    public async Task Staff_who_are_not_administrators_and_employers_are_refused(string group)
    {
        var admin = await AdminAsync();
        var form = await FormAsync(admin, $"/administration/regles/{group}");
        var staff = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/administration/regles/{group}")).StatusCode);
        var employer = Factory.PortalFor("sstrn.localhost");
        await employer.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/administration/regles/{group}")).StatusCode);

        // A post with a valid token of their own session is refused too (the service checks, not the page).
        foreach (var client in new[] { staff, employer })
        {
            var token = Regex.Match(await client.Http.GetStringAsync("/compte"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var fields = form.Fields.Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
            var response = await client.Http.PostAsync(form.Action, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(0, await StoredCountAsync());
    }

    // ---- The logo ----

    [Fact]
    public async Task An_uploaded_svg_logo_is_sanitised_and_served()
    {
        var admin = await AdminAsync();
        const string svg = """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="220" height="56" onload="alert(1)" xml:base="https://evil.example/">
              <script>alert('logo')</script>
              <style>@import url(https://evil.example/x.css); rect { fill: red }</style>
              <rect width="220" height="56" fill="#123456" onclick="steal()"/>
              <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
              <image href="https://evil.example/track.png" width="1" height="1"/>
              <use xlink:href="https://evil.example/sprite.svg#a"/>
              <use href="#local"/>
              <a href="javascript:alert(2)"><text x="10" y="30">SSTRN</text></a>
              <text x="10" y="50" style="fill: url(https://evil.example/f)">Nord</text>
              <linearGradient id="local"><stop offset="0" stop-color="#fff"/></linearGradient>
              <rect width="5" height="5" fill="url(#local)"/>
            </svg>
            """;

        var response = await admin.UploadAsync("/administration/regles/identite", "/administration/regles/identite?handler=Logo", "logo.svg", Encoding.UTF8.GetBytes(svg));
        Assert.Contains("Nouveau logo enregistré.", await PortalClient.HtmlAsync(response));

        var visitor = Factory.ClientFor("sstrn.localhost");
        var served = await visitor.GetAsync("/tenant/logo.svg");
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        var logo = await served.Content.ReadAsStringAsync();
        Assert.Contains("fill=\"#123456\"", logo);
        Assert.Contains("href=\"#local\"", logo);
        Assert.Contains("fill=\"url(#local)\"", logo);
        Assert.Contains(">Nord</text>", logo);
        foreach (var gone in new[] { "script", "onload", "onclick", "foreignObject", "evil.example", "javascript:", "@import", "<image", "<a " })
            Assert.DoesNotContain(gone, logo, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("upload-", (await RulesAsync("sstrn")).Theme.Logo);
        Assert.Equal("logo du fichier (sstrn.svg)", Platform.Host.Pages.Administration.Regles.RuleText.Describe("theme.logo", "\"sstrn.svg\""));
    }

    // Pentest M1: the logo rule names a file; only the logos' own folder is read, so pointing it at a member's
    // document (stored by id with the tenant's other files) serves nothing.
    [Fact]
    public async Task The_logo_rule_cannot_serve_another_stored_file()
    {
        var admin = await AdminAsync();
        const string svg = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#123456"/></svg>""";
        Assert.Contains("Nouveau logo enregistré.", await PortalClient.HtmlAsync(
            await admin.UploadAsync("/administration/regles/identite", "/administration/regles/identite?handler=Logo", "logo.svg", Encoding.UTF8.GetBytes(svg))));
        var served = await Factory.ClientFor("sstrn.localhost").GetAsync("/tenant/logo.svg");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());

        var document = Guid.CreateVersion7();
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            await scope.ServiceProvider.GetRequiredService<Platform.Features.Documents.StoredFiles>().SaveAsync(document, Encoding.UTF8.GetBytes("%PDF-1.7 secret du salarié"));
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var logo = await db.TenantRuleOverrides.SingleAsync(o => o.Path == "theme.logo");
            logo.ValueJson = $"\"{TenantLogos.NameOf(document, "svg")}\"";
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<TenantRulesCache>().Invalidate("sstrn");
        }
        var pointed = await Factory.ClientFor("sstrn.localhost").GetAsync("/tenant/logo.svg");
        Assert.Equal(HttpStatusCode.NotFound, pointed.StatusCode);
        Assert.DoesNotContain("secret", await pointed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_png_logo_is_accepted_and_other_files_are_refused_beside_the_field()
    {
        var admin = await AdminAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
        var accepted = await PortalClient.HtmlAsync(await admin.UploadAsync("/administration/regles/identite", "/administration/regles/identite?handler=Logo", "logo.png", png));
        Assert.Contains("Nouveau logo enregistré.", accepted);
        var served = await Factory.ClientFor("sstrn.localhost").GetAsync("/tenant/logo.svg");
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("<td>Logo</td> <td>logo du fichier (sstrn.svg)</td> <td>logo téléversé (PNG)</td>", Flat(accepted));
        // The convocations' PDF band draws it (PDFsharp draws PNG, not SVG).
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var convocations = scope.ServiceProvider.GetRequiredService<Platform.Features.Appointments.Convocations>();
            Assert.Equal(png, convocations.LogoPng(await convocations.RulesAsync()));
        }

        var text = Flat(await PortalClient.HtmlAsync(await admin.UploadAsync("/administration/regles/identite", "/administration/regles/identite?handler=Logo", "logo.txt", "bonjour"u8.ToArray())));
        AssertErrorBeside(text, "f-theme-logo", "Le logo doit être un fichier SVG ou PNG.");
        var large = Flat(await PortalClient.HtmlAsync(await admin.UploadAsync("/administration/regles/identite", "/administration/regles/identite?handler=Logo", "grand.svg", new byte[TenantLogos.MaxBytes + 1])));
        AssertErrorBeside(large, "f-theme-logo", "Le logo dépasse 512 Ko");
        Assert.EndsWith(".png", (await RulesAsync("sstrn")).Theme.Logo);
    }
}
