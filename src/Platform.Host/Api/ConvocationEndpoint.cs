using Platform.Features.Access;
using Platform.Features.Appointments;

namespace Platform.Host.Api;

/// <summary>
/// GET /api/appointments/{id}/convocation.pdf (contract): the convocation, for the portal's cookie and the
/// API's bearer token alike. The tenant is the host's; AppointmentService checks the company membership and
/// the permission. An unknown, foreign or other tenant's appointment is a 404, as in GraphQL.
/// </summary>
public static class ConvocationEndpoint
{
    public static void MapConvocationEndpoint(this WebApplication app)
    {
        app.MapGet("/api/appointments/{id:guid}/convocation.pdf", HandleAsync)
            .WithTags("Fichiers")
            .WithSummary("La convocation d'un rendez-vous, en PDF")
            .WithDescription("Pour qui peut voir le rendez-vous (rôle Convocation de l'entreprise, personnel du service). 401 sans jeton, 404 sinon.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        app.MapGet("/api/appointments/{id:guid}/certificate.pdf", CertificateAsync)
            .WithTags("Fichiers")
            .WithSummary("L'attestation de suivi d'une visite, en PDF")
            .WithDescription("Pour les membres ayant le droit de voir les attestations et le personnel du service. 401 sans jeton, 403 sans le droit, 404 sans attestation.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    /// <summary>
    /// GET /api/appointments/{id}/certificate.pdf: the visit certificate staff uploaded, for members holding
    /// the right to see certificates (403 without it) and the tenant's staff; 404 when there is none or the
    /// appointment is not the caller's company's (or tenant's).
    /// </summary>
    private static async Task<IResult> CertificateAsync(Guid id, HttpContext http, CurrentUser currentUser, VisitCertificates certificates, CancellationToken ct)
    {
        if (!currentUser.IsAuthenticated) return Results.Unauthorized();
        CertificateFile? file;
        try { file = await certificates.OpenAsync(id, ct); }
        catch (AccessDeniedException e) { return e.Denial == AccessDenial.Unauthenticated ? Results.Unauthorized() : Results.StatusCode(StatusCodes.Status403Forbidden); }
        if (file is null) return Results.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(file.Content, "application/pdf", file.FileName);
    }

    private static async Task<IResult> HandleAsync(Guid id, HttpContext http, CurrentUser currentUser, AppointmentService appointments, CancellationToken ct)
    {
        if (!currentUser.IsAuthenticated) return Results.Unauthorized();
        ConvocationFile? file;
        try { file = await appointments.ConvocationAsync(id, ct); }
        catch (AccessDeniedException e) { return e.Denial == AccessDenial.Unauthenticated ? Results.Unauthorized() : Results.StatusCode(StatusCodes.Status403Forbidden); }
        if (file is null) return Results.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        // File(…, fileDownloadName) answers Content-Disposition: attachment with the name.
        return Results.File(file.Content, "application/pdf", file.FileName);
    }
}
