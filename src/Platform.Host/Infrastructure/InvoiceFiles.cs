using Platform.Features.Access;
using Platform.Features.Billing;

namespace Platform.Host.Infrastructure;

/// <summary>
/// GET /api/invoices/{id}/pdf (api/contract.graphql): the invoice's PDF for a signed-in person who may see
/// the company's invoices (token or portal session, on the invoice's tenant). Anyone else gets 404, as
/// the contract reads a foreign id: no hint that the invoice exists.
/// </summary>
public static class InvoiceFiles
{
    public static void MapInvoiceFiles(this WebApplication app) => app.MapGet("/api/invoices/{id:guid}/pdf", DownloadAsync)
        .WithTags("Fichiers")
        .WithSummary("Une facture ou un avoir, en PDF")
        .WithDescription("Pour qui peut voir la facture (rôle Facturation de l'entreprise, personnel du service). 401 sans jeton, 404 sinon.")
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, CurrentUser user, InvoiceDocuments documents, CancellationToken ct)
    {
        if (!user.IsAuthenticated) return Results.Unauthorized();
        var file = await documents.PdfAsync(id, ct);
        if (file is null) return Results.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(file.Content, "application/pdf", file.FileName);
    }
}
