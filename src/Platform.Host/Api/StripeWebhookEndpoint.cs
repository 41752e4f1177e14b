using Platform.Features.Payments;
using Platform.Tenancy;

namespace Platform.Host.Api;

/// <summary>
/// POST /api/stripe/webhook, the address to register at Stripe. It answers on any host (the platform's own
/// domain included): the event's metadata names the tenant, and the signature decides whether it is believed.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string Path = "/api/stripe/webhook";

    public static void MapStripeWebhook(this WebApplication app) => app.MapPost(Path, ReceiveAsync).DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(HttpContext http, StripeWebhook webhook, ITenantContext tenantContext)
    {
        // Stripe signs the exact bytes: read them as they came.
        using var reader = new StreamReader(http.Request.Body);
        var payload = await reader.ReadToEndAsync(http.RequestAborted);
        var answer = await webhook.ReceiveAsync(payload, http.Request.Headers["Stripe-Signature"].ToString(), tenantContext.Current, http.RequestAborted);
        return answer switch
        {
            WebhookAnswer.BadSignature => Results.Json(new { error = "invalid signature" }, statusCode: StatusCodes.Status400BadRequest),
            WebhookAnswer.Refused => Results.Json(new { error = "event of another tenant" }, statusCode: StatusCodes.Status400BadRequest),
            _ => Results.Json(new { received = true, result = answer.ToString() }),
        };
    }
}
