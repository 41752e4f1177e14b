using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Employees;
using Platform.Features.Workstations;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Portal;

/// <summary>The employer's workstation and employee pages and the staff's validation page, through their forms.</summary>
public sealed class EmployeePagesTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Host = "sstrn.localhost";

    private async Task<(PortalClient Portal, Guid Company)> EmployerAsync()
    {
        // The employer's first employees and imports: the demo company without its workforce.
        await DemoData.SeedAsync(Factory.Services, workforce: false);
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        return (portal, await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1"));
    }

    private static string Flat(string html) => Regex.Replace(html, @"\s+", " ");

    [Fact]
    public async Task A_workstation_declared_with_its_risks_shows_its_badge_and_a_duplicate_asks_to_continue()
    {
        var (portal, company) = await EmployerAsync();
        var page = $"/entreprises/{company}/postes";
        var created = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            [new("Label", "Technicien support"), new("CspCode", "372d"), new("Risks", "ScaffoldFall"), new("Risks", "Caces"), new("CacesCategories", "R486")],
            page + "?handler=Creer")));
        Assert.Contains("Le poste « TECHNICIEN SUPPORT » est enregistré (suivi SIR).", created);
        Assert.Matches("TECHNICIEN SUPPORT</strong>.*?Risque\\(s\\) : Chute, CACES.*?372d.*?suivi-SIR", created);

        var duplicate = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            [new("Label", "Responsable des opérations"), new("CspCode", "372d"), new("Risks", "ElectricalClearance")], page + "?handler=Creer")));
        Assert.Contains("Nous avons détecté un ou plusieurs poste(s) similaire(s)", duplicate);
        Assert.Contains("name=\"ConfirmDuplicate\" value=\"true\"", duplicate);

        var confirmed = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page,
            [new("Label", "Responsable des opérations"), new("CspCode", "372d"), new("Risks", "ElectricalClearance"), new("ConfirmDuplicate", "true")], page + "?handler=Creer")));
        Assert.Contains("RESPONSABLE DES OPÉRATIONS » est enregistré (suivi SI)", confirmed);
        Assert.Contains("Électrique : attestation de non contre-indication valable 5 ans", confirmed);
    }

    [Fact]
    public async Task An_employee_import_with_a_bad_line_shows_it_and_imports_nothing_then_a_good_file_goes_in()
    {
        var (portal, company) = await EmployerAsync();
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        await api.MutateAsync(token, "createWorkstation", Workstations.WorkstationTests.Create, Workstations.WorkstationTests.Input(company, "Manutentionnaire", "676a", []));

        var import = $"/entreprises/{company}/salaries/import";
        var template = await portal.GetAsync(import + "?handler=ModeleCreation");
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        var header = string.Join(';', EmployeeCsv.NewEmployeesHeader);
        var bad = $"{header}\nMadame;Camille;Martin;;14/02/1990;;01/09/2024;;676a;MANUTENTIONNAIRE;CDI\nMonsieur;Paul;Durand;;31/13/1988;;01/09/2024;;676a;MANUTENTIONNAIRE;CDI\n";
        var refused = Flat(await PortalClient.HtmlAsync(await portal.UploadAsync(import, import + "?handler=Creation", "salaries.csv", Encoding.UTF8.GetBytes(bad))));
        Assert.Contains("Rien n'a été importé", refused);
        Assert.Matches("<td>3</td><td>Date de naissance</td><td>« 31/13/1988 » n'est pas une date au format JJ/MM/AAAA.</td>", refused);

        var good = bad.Replace("31/13/1988", "13/12/1988");
        var imported = Flat(await PortalClient.HtmlAsync(await portal.UploadAsync(import, import + "?handler=Creation", "salaries.csv", Encoding.GetEncoding("utf-8").GetBytes(good))));
        Assert.Contains("Import terminé : 2 salarié(s) ajouté(s) depuis salaries.csv.", imported);

        var list = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/salaries"));
        Assert.Contains("<strong>2</strong> salarié(s)", list);
        Assert.Matches("DURAND Paul</a></td> <td class=\"\">MANUTENTIONNAIRE</td> <td>CDI</td> <td>01/09/2024</td>", list);
    }

    [Fact]
    public async Task The_list_exports_as_csv_and_xlsx_with_the_INS_masked()
    {
        var (portal, company) = await EmployerAsync();
        var api = new DemoApi(Factory, "sstrn");
        await api.MutateAsync(await api.EmployerTokenAsync(), "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont", ins: EmployeeTests.Nir));

        var csv = await portal.GetAsync($"/entreprises/{company}/salaries?handler=Export&format=csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("Monsieur;Jean;DUPONT;;12/05/1985;1 85 05 •• ••• ••• ••;CDI;", text);
        Assert.DoesNotContain(EmployeeTests.Nir, text);

        var xlsx = await portal.GetAsync($"/entreprises/{company}/salaries?handler=Export&format=xlsx");
        Assert.Equal(Platform.Features.Imports.Xlsx.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var sheet = await reader.ReadToEndAsync();
        Assert.Contains(">DUPONT<", sheet);
        Assert.DoesNotContain(EmployeeTests.Nir, sheet);
    }

    [Fact]
    public async Task Exports_and_the_check_keep_the_list_filters()
    {
        var (portal, company) = await EmployerAsync();
        var api = new DemoApi(Factory, "sstrn");
        var token = await api.EmployerTokenAsync();
        await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont"));
        await api.MutateAsync(token, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Anne", "Martin", civility: "Madame", birthDate: "1990-01-01"));

        var list = await portal.GetHtmlAsync($"/entreprises/{company}/salaries?recherche=dup");
        var export = Regex.Match(list, "href=\"([^\"]*handler=Export&format=csv)\"").Groups[1].Value;
        Assert.Equal("?recherche=dup&handler=Export&format=csv", export);
        var text = Encoding.UTF8.GetString(await (await portal.GetAsync($"/entreprises/{company}/salaries{export}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("DUPONT", text);
        Assert.DoesNotContain("MARTIN", text);

        var check = Regex.Match(list, "href=\"([^\"]*verifier=true)#verification\"").Groups[1].Value;
        var checkedList = Flat(await portal.GetHtmlAsync($"/entreprises/{company}/salaries{check}"));
        Assert.Contains("Vérification de la liste", checkedList);
        Assert.Contains("DUPONT Jean</a></td><td>Aucun poste de travail", checkedList);
    }

    [Fact]
    public async Task Staff_validate_a_declared_employee_from_their_page()
    {
        var (_, company) = await EmployerAsync();
        var api = new DemoApi(Factory, "sstrn");
        await api.MutateAsync(await api.EmployerTokenAsync(), "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont"));

        var staff = await Factory.StaffPortalAsync(Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.Contains("DUPONT Jean", await staff.GetHtmlAsync("/personnel/salaries"));
        var page = await staff.GetHtmlAsync("/personnel/salaries");
        var id = Regex.Match(page, "employeeId=([0-9a-f-]{36})").Groups[1].Value;
        var done = await PortalClient.HtmlAsync(await staff.SubmitAsync("/personnel/salaries", new Dictionary<string, string>(), $"/personnel/salaries?handler=Valider&employeeId={id}"));
        Assert.Contains("DUPONT Jean est validé(e).", done);
        Assert.Contains("Aucun salarié en attente de validation.", done);

        var employer = Factory.PortalFor(Host);
        await employer.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync("/personnel/salaries")).StatusCode);
    }

    [Fact]
    public async Task The_employee_page_refuses_a_second_end_date()
    {
        var (portal, company) = await EmployerAsync();
        var api = new DemoApi(Factory, "sstrn");
        var id = (await api.MutateAsync(await api.EmployerTokenAsync(), "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont")))
            .GetProperty("employee").GetProperty("id").GetString();
        var page = $"/entreprises/{company}/salaries/{id}";
        var exited = Flat(await PortalClient.HtmlAsync(await portal.SubmitAsync(page, new Dictionary<string, string> { ["EndDate"] = "2026-10-31" }, page + "?handler=Sortie")));
        Assert.Contains("La sortie au 31/10/2026 est enregistrée.", exited);
        Assert.Contains("Réactiver ce salarié", exited);
        Assert.DoesNotContain("Enregistrer la sortie", exited);
    }

    [Theory]
    [InlineData("salaries/import?handler=Creation")]
    [InlineData("postes?handler=Importer")]
    public async Task An_upload_larger_than_the_limit_is_refused_with_413_and_a_french_page(string path)
    {
        var (portal, company) = await EmployerAsync();
        var page = $"/entreprises/{company}/{path}";
        var token = System.Text.RegularExpressions.Regex.Match(await portal.GetHtmlAsync(page.Split('?')[0]), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        // Before the limit, such a body was read whole (up to 30 MB) and the page answered 200 with the file error.
        var file = new MadeUpFile(20 * 1024 * 1024);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(file), "file", "salaries.csv" },
        };

        var response = await portal.Http.PostAsync(page, form).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Le fichier dépasse 5 Mo", await PortalClient.HtmlAsync(response));
    }

    /// <summary>A file of the given length made up as it is read.</summary>
    private sealed class MadeUpFile(long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => position + offset, _ => length + offset };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
