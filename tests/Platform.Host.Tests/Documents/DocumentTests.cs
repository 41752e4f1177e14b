using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Documents;

/// <summary>The documents space over the real pipeline: POST /api/documents, GET /api/documents/{id}, who may, the PDF checks, acknowledgement.</summary>
public sealed class DocumentTests(PlatformFactory factory) : PlatformTest(factory)
{
    private DemoApi Api => new(Factory, "sstrn");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services);
    }

    public static async Task<HttpResponseMessage> UploadAsync(PlatformFactory factory, string host, string? token, Guid companyId, string? nature, byte[] content, string fileName = "attestation.pdf")
    {
        var client = factory.ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(companyId.ToString()), "companyId" },
            { new ByteArrayContent(content), "file", fileName },
        };
        if (nature is not null) form.Add(new StringContent(nature), "nature");
        return await client.PostAsync("/api/documents", form);
    }

    public static async Task<string> UploadedIdAsync(PlatformFactory factory, string host, string token, Guid companyId, string nature, byte[]? content = null)
    {
        using var response = await UploadAsync(factory, host, token, companyId, nature, content ?? TestPdfs.Valid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> DownloadAsync(string host, string? token, string id)
    {
        var client = Factory.ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync($"/api/documents/{id}");
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];

    private async Task<int> StoredCountAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Documents.CountAsync();
    }

    private int FilesOnDisk()
    {
        var root = Path.Combine(Factory.Services.GetRequiredService<Platform.Features.Documents.StoredFilesOptions>().Root, "sstrn");
        return Directory.Exists(root) ? Directory.GetFiles(root).Length : 0;
    }

    [Fact]
    public async Task An_uploaded_pdf_comes_back_as_an_attachment_named_as_uploaded_and_stored_under_its_id()
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var pdf = TestPdfs.Valid();

        var id = await UploadedIdAsync(Factory, Api.Host, token, company, "JOB_DESCRIPTION", pdf);

        using var download = await DownloadAsync(Api.Host, token, id);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("attestation.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        // The stored file is named by the id, never by the uploaded name.
        var root = Path.Combine(Factory.Services.GetRequiredService<Platform.Features.Documents.StoredFilesOptions>().Root, "sstrn");
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(root, Guid.Parse(id).ToString("N"))));
        Assert.DoesNotContain(Directory.GetFiles(root), f => f.Contains("attestation"));

        var listed = (await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { documents { id nature fileName acknowledged downloadUrl } } }", new { id = company }))
            .GetProperty("company").GetProperty("documents")[0];
        Assert.Equal(("JOB_DESCRIPTION", "attestation.pdf", false, $"/api/documents/{id}"),
            (listed.GetProperty("nature").GetString(), listed.GetProperty("fileName").GetString(), listed.GetProperty("acknowledged").GetBoolean(), listed.GetProperty("downloadUrl").GetString()));
    }

    [Theory]
    [InlineData("text", HttpStatusCode.BadRequest, "NOT_A_PDF", "n'est pas un PDF")]
    [InlineData("encrypted", HttpStatusCode.BadRequest, "ENCRYPTED_PDF", "protégé par un mot de passe")]
    [InlineData("broken", HttpStatusCode.BadRequest, "UNREADABLE_PDF", "endommagé ou illisible")]
    [InlineData("just-over-1MB", HttpStatusCode.BadRequest, "FILE_TOO_LARGE", "moins de 1 Mo")]
    [InlineData("1.1MB", HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE", "moins de 1 Mo")]
    public async Task Bad_files_are_refused_with_a_french_message_and_nothing_is_stored(string kind, HttpStatusCode status, string code, string message)
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var content = kind switch
        {
            "text" => TestPdfs.TextFile(),
            "encrypted" => TestPdfs.Encrypted(),
            "broken" => TestPdfs.Broken(),
            "just-over-1MB" => TestPdfs.OfSize(1024 * 1024 + 2000),
            _ => TestPdfs.OfSize(1_153_434),
        };
        if (kind.EndsWith("MB")) Assert.NotNull(UglyToad.PdfPig.PdfDocument.Open(content)); // a real PDF, refused for its size only
        var filesBefore = FilesOnDisk();

        using var response = await UploadAsync(Factory, Api.Host, token, company, "PLANNING", content);

        Assert.Equal(status, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.Equal(0, await StoredCountAsync());
        Assert.Equal(filesBefore, FilesOnDisk());
    }

    [Fact]
    public async Task A_nature_outside_the_seed_s_list_and_an_anonymous_caller_are_refused()
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        using var noNature = await UploadAsync(Factory, Api.Host, token, company, "RADIOGRAPHIE", TestPdfs.Valid());
        Assert.Equal(HttpStatusCode.BadRequest, noNature.StatusCode);
        var error = await ErrorAsync(noNature);
        Assert.Equal(("INVALID_NATURE", "nature"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Contains("Attestation de suivi, Autorisation de conduite, Avis médical, Fiche de poste, Planning", error.GetProperty("message").GetString());

        using var anonymous = await UploadAsync(Factory, Api.Host, null, company, "PLANNING", TestPdfs.Valid());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task A_document_of_one_company_is_unreachable_from_another_company_another_tenant_and_a_role_without_the_right()
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var id = await UploadedIdAsync(Factory, Api.Host, token, company, "FOLLOW_UP_CERTIFICATE");

        // The accountant manages another company of sstrn (102.1), not this one.
        var accountant = await Factory.TokenAsync(Api.Host, DemoData.AccountantEmail, DemoData.Password);
        using (var other = await DownloadAsync(Api.Host, accountant, id)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var upload = await UploadAsync(Factory, Api.Host, accountant, company, "PLANNING", TestPdfs.Valid())) Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);

        // Another tenant: the same id on sstbtp-bfc, by its employer, does not exist; the sstrn token is not valid there.
        var otherTenant = new DemoApi(Factory, "sstbtp-bfc");
        using (var foreign = await DownloadAsync(otherTenant.Host, await otherTenant.EmployerTokenAsync(), id)) Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var carried = await DownloadAsync(otherTenant.Host, token, id)) Assert.Equal(HttpStatusCode.Unauthorized, carried.StatusCode);
        using (var anonymous = await DownloadAsync(Api.Host, null, id)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // A member whose role does not see the medical follow-up (Facturation) is refused.
        await Api.GrantAccountantAsync(company, CompanyRoles.Billing);
        using (var billing = await DownloadAsync(Api.Host, accountant, id))
        {
            Assert.Equal(HttpStatusCode.Forbidden, billing.StatusCode);
            Assert.DoesNotContain("%PDF", await billing.Content.ReadAsStringAsync());
        }
        // Staff of the tenant read it.
        using var staff = await DownloadAsync(Api.Host, await Api.StaffTokenAsync(), id);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    private const string Delete = "mutation($input: IdInput!) { deleteDocument(input: $input) { document { id } errors { code message } } }";
    private const string Acknowledge = "mutation($input: IdInput!) { acknowledgeDocument(input: $input) { document { id acknowledged } errors { code message } } }";

    [Fact]
    public async Task An_employer_deletes_a_document_until_staff_acknowledge_it()
    {
        var token = await Api.EmployerTokenAsync();
        var company = await Api.CompanyIdAsync("101.1");
        var first = await UploadedIdAsync(Factory, Api.Host, token, company, "PLANNING");
        var second = await UploadedIdAsync(Factory, Api.Host, token, company, "DRIVING_AUTHORISATION");
        var files = FilesOnDisk();

        Assert.Empty(DemoApi.ErrorCodes(await Api.MutateAsync(token, "deleteDocument", Delete, new { input = new { id = first } })));
        using (var gone = await DownloadAsync(Api.Host, token, first)) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(files - 1, FilesOnDisk());

        // Employers cannot acknowledge; staff can, once.
        var byEmployer = await Factory.GraphQLAsync(Api.Host, Acknowledge, new { input = new { id = second } }, token);
        Assert.Equal("FORBIDDEN", byEmployer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var staff = await Api.StaffTokenAsync();
        var acknowledged = await Api.MutateAsync(staff, "acknowledgeDocument", Acknowledge, new { input = new { id = second } });
        Assert.True(acknowledged.GetProperty("document").GetProperty("acknowledged").GetBoolean());

        var refused = await Api.MutateAsync(token, "deleteDocument", Delete, new { input = new { id = second } });
        Assert.Equal(["ALREADY_ACKNOWLEDGED"], DemoApi.ErrorCodes(refused));
        Assert.Contains("ne peut plus être supprimé", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        using var still = await DownloadAsync(Api.Host, token, second);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);

        // Without history the acknowledged one leaves the list; with it, it is there.
        var lists = await Api.DataAsync(token, "query($id: ID!) { company(id: $id) { pending: documents { id } all: documents(history: true) { id acknowledged } } }", new { id = company });
        Assert.Empty(lists.GetProperty("company").GetProperty("pending").EnumerateArray());
        Assert.Equal(second, Assert.Single(lists.GetProperty("company").GetProperty("all").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_documents_pages_upload_list_delete_and_let_staff_acknowledge()
    {
        var company = await Api.CompanyIdAsync("101.1");
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var path = $"/entreprises/{company}/documents";

        var bad = await PortalClient.HtmlAsync(await UploadFormAsync(portal, path, "JobDescription", TestPdfs.TextFile(), "fiche.pdf"));
        Assert.Contains("« fiche.pdf » : Ce fichier n'est pas un PDF", bad);
        var sent = await PortalClient.HtmlAsync(await UploadFormAsync(portal, path, "JobDescription", TestPdfs.Valid(), "fiche de poste.pdf"));
        Assert.Contains("Le document « fiche de poste.pdf » est transmis à l'équipe santé travail.", sent);
        Assert.Contains("Fiche de poste", sent);
        Assert.Contains("Supprimer", sent);

        var staff = await Factory.StaffPortalAsync(Api.Host, "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        var list = await staff.GetHtmlAsync("/personnel/documents");
        Assert.Contains("Entreprise Démo SSTRN (101.1)", list);
        var validated = await PortalClient.HtmlAsync(await staff.SubmitFormWithButtonAsync("/personnel/documents", "Valider la réception"));
        Assert.Contains("Réception du document « fiche de poste.pdf » validée.", validated);

        Assert.Contains("Aucun document en attente", await portal.GetHtmlAsync(path));
        var history = await portal.GetHtmlAsync(path + "?historique=true");
        Assert.Contains("Réception validée le", history);
        Assert.DoesNotContain(">Supprimer<", history);
    }

    [Fact]
    public async Task A_portal_session_posting_to_the_api_needs_the_form_s_anti_forgery_token()
    {
        var company = await Api.CompanyIdAsync("101.1");
        var portal = Factory.PortalFor(Api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        using var form = new MultipartFormDataContent
        {
            { new StringContent(company.ToString()), "companyId" },
            { new StringContent("PLANNING"), "nature" },
            { new ByteArrayContent(TestPdfs.Valid()), "file", "planning.pdf" },
        };
        // What another site's page could make the browser send with the session cookie.
        using var forged = await portal.Http.PostAsync("/api/documents", form);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("ANTIFORGERY", (await ErrorAsync(forged)).GetProperty("code").GetString());
        Assert.Equal(0, await StoredCountAsync());
    }

    private static async Task<HttpResponseMessage> UploadFormAsync(PortalClient portal, string path, string nature, byte[] content, string fileName)
    {
        var page = await portal.GetHtmlAsync(path);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(nature), "Nature" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await portal.Http.PostAsync($"{path}?handler=Envoyer", form);
    }
}
