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
    public static void MapConvocationEndpoint(this WebApplication app) =>
        app.MapGet("/api/appointments/{id:guid}/convocation.pdf", HandleAsync)
            .WithTags("Fichiers")
            .WithSummary("La convocation d'un rendez-vous, en PDF")
            .WithDescription("Pour qui peut voir le rendez-vous (rôle Convocation de l'entreprise, personnel du service). 401 sans jeton, 404 sinon.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

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
