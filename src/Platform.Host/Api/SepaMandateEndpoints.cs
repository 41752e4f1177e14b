using Platform.Features.Access;
using Platform.Features.Payments.Sepa;

namespace Platform.Host.Api;

/// <summary>
/// GET /api/companies/{id}/sepa-mandate/receipt.pdf: the receipt of the company's active SEPA mandate, for a
/// signed-in person who may see its invoices (token or portal session). Anyone else, or no active mandate: 404.
/// </summary>
public static class SepaMandateEndpoints
{
    public static void MapSepaMandateEndpoints(this WebApplication app) =>
        app.MapGet("/api/companies/{id:guid}/sepa-mandate/receipt.pdf", ReceiptAsync);

    private static async Task<IResult> ReceiptAsync(Guid id, HttpContext http, CurrentUser user, SepaMandates mandates, CancellationToken ct)
    {
        if (!user.IsAuthenticated) return Results.Unauthorized();
        if (await mandates.ReceiptAsync(id, ct) is not { } receipt) return Results.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(receipt.Content, "application/pdf", receipt.FileName);
    }
}
