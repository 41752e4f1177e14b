namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// The real host wired to a <see cref="FakeStripe"/> of its own (Payments:Stripe:SecretKey, WebhookSecret, ApiBase), whose
/// events go to the webhook on the platform's own domain, as the address registered at Stripe would be.
/// </summary>
public class FakeStripeFactory : PlatformFactory
{
    public FakeStripe Stripe { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        await base.BeforeStartAsync();
        Stripe = await FakeStripe.StartAsync(Clock);
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Payments:Stripe:SecretKey", Stripe.SecretKey),
        ("Payments:Stripe:WebhookSecret", Stripe.WebhookSecret),
        ("Payments:Stripe:ApiBase", Stripe.ApiBase),
    ];

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Stripe.Reset();
        Stripe.WebhookClient ??= ClientFor("sante-travail.example");
    }

    protected override async Task AfterStopAsync()
    {
        await Stripe.DisposeAsync();
        await base.AfterStopAsync();
    }
}
