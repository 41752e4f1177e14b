using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Documents;
using Platform.Host.Infrastructure;

namespace Platform.Host.Api;

/// <summary>
/// The documents' files beside GraphQL (contract: POST /api/documents, GET /api/documents/{id}).
/// Who may is decided by DocumentService (tenant, company membership, permission); these endpoints
/// only carry bytes. Downloads are always attachments, never rendered by the browser.
/// </summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this WebApplication app)
    {
        app.MapPost("/api/documents", UploadAsync).DisableAntiforgery()
            .WithTags("Documents")
            .WithSummary("Dépose un document pour l'équipe de santé")
            .WithDescription("multipart/form-data : companyId, nature, file (1 Mo au plus). Répond 201 et {\"id\": \"…\"}, ou 4xx et {\"errors\": [{code, message, field}]} en français.")
            .Accepts<DocumentUploadForm>("multipart/form-data")
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .Produces(StatusCodes.Status400BadRequest, contentType: "application/json")
            .Produces(StatusCodes.Status401Unauthorized, contentType: "application/json")
            .Produces(StatusCodes.Status413PayloadTooLarge, contentType: "application/json");
        app.MapGet("/api/documents/{id}", DownloadAsync)
            .WithTags("Documents")
            .WithSummary("Télécharge un document (toujours en pièce jointe)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
    }

    /// <summary>The upload's form fields, for the API's description only (the handler reads the form).</summary>
    public sealed record DocumentUploadForm(Guid companyId, string nature, IFormFile file);

    /// <summary>multipart/form-data: companyId, nature, file. Answers 201 and {"id": "..."}, or the French errors.</summary>
    private static async Task<IResult> UploadAsync(HttpContext http, DocumentService documents, CurrentUser currentUser, IAntiforgery antiforgery)
    {
        if (!UploadLimitAttribute.Limit(http, DocumentRules.MaxBytes + UploadLimitAttribute.EnvelopeBytes))
            return Errors(StatusCodes.Status413PayloadTooLarge, new UserError("FILE_TOO_LARGE", "Le fichier doit faire moins de 1 Mo.", "file"));
        if (!currentUser.IsAuthenticated) return Errors(StatusCodes.Status401Unauthorized, new UserError("UNAUTHENTICATED", "Vous devez être connecté pour déposer un document."));
        // A portal session (cookie) must prove the form is ours; a bearer token cannot be sent by another site.
        if (http.Request.Headers.Authorization.Count == 0 && !await antiforgery.IsRequestValidAsync(http))
            return Errors(StatusCodes.Status400BadRequest, new UserError("ANTIFORGERY", "Le formulaire a expiré : rechargez la page puis recommencez."));
        if (!http.Request.HasFormContentType)
            return Errors(StatusCodes.Status415UnsupportedMediaType, new UserError("UNSUPPORTED_MEDIA_TYPE", "Envoyez le document en multipart/form-data (companyId, nature, file)."));
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(http.RequestAborted); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Errors(StatusCodes.Status413PayloadTooLarge, new UserError("FILE_TOO_LARGE", "Le fichier doit faire moins de 1 Mo.", "file"));
        }
        if (!Guid.TryParse(form["companyId"], out var companyId)) return Errors(StatusCodes.Status404NotFound, DocumentService.CompanyNotFound);
        if (form.Files.Count > 1) return Errors(StatusCodes.Status400BadRequest, new UserError("ONE_FILE", "Déposez un seul fichier à la fois.", "file"));
        var file = form.Files.GetFile("file");
        var content = file is null ? [] : await ReadAsync(file, http.RequestAborted);
        try
        {
            var outcome = await documents.UploadAsync(companyId, new NewDocument(DocumentRules.ParseNature(form["nature"]), file?.FileName, content), http.RequestAborted);
            if (outcome.Value is { } created) return Results.Created($"/api/documents/{created.Id}", new { id = created.Id });
            return Errors(outcome.Errors.Any(e => e.Code == "NOT_FOUND") ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, [.. outcome.Errors]);
        }
        catch (AccessDeniedException e) { return Denied(e); }
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, DocumentService documents, CurrentUser currentUser)
    {
        if (!currentUser.IsAuthenticated) return Errors(StatusCodes.Status401Unauthorized, new UserError("UNAUTHENTICATED", "Vous devez être connecté pour télécharger un document."));
        if (!Guid.TryParse(id, out var documentId)) return Errors(StatusCodes.Status404NotFound, DocumentService.NotFound);
        try
        {
            if (await documents.OpenAsync(documentId, http.RequestAborted) is not var (document, content))
                return Errors(StatusCodes.Status404NotFound, DocumentService.NotFound);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // fileDownloadName makes it Content-Disposition: attachment (with the UTF-8 name for accented names).
            // Medical documents stay out of shared caches and the browser's disk cache.
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(content, "application/pdf", document.FileName);
        }
        catch (AccessDeniedException e) { return Denied(e); }
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        // The form reader already stopped at the request's limit; one byte over the file limit is enough to refuse it.
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static IResult Denied(AccessDeniedException e) => e.Denial == AccessDenial.Unauthenticated
        ? Errors(StatusCodes.Status401Unauthorized, new UserError("UNAUTHENTICATED", e.Message))
        : Errors(StatusCodes.Status403Forbidden, new UserError("FORBIDDEN", e.Message));

    private static IResult Errors(int status, params UserError[] errors) =>
        Results.Json(new { errors = errors.Select(e => new { code = e.Code, message = e.Message, field = e.Field }) }, statusCode: status);
}
