using Platform.Features.Notifications;
using Platform.Tenancy;

namespace Platform.Host.Jobs;

/// <summary>
/// Delivers every tenant's queued e-mails every <see cref="EmailSettings.DeliveryIntervalSeconds"/>, on every node.
/// Not a Quartz trigger: a trigger's next firing is a wall-clock instant, so a clock step stalled delivery
/// (a step back by the step's size; a step forward of more than a minute left the trigger misfired until the
/// clustered store's misfire pass, ~1 min; tests that move the business clock did both). This loop waits on
/// the system's monotonic timer, which no clock step moves. Nodes running it together are safe: each row is
/// claimed before it is sent (<see cref="OutboxDelivery"/>), so an e-mail goes out once.
/// </summary>
public sealed class OutboxDeliveryLoop(IServiceProvider services, TenantCatalog catalog, EmailSettings settings,
    IHostApplicationLifetime lifetime, ILogger<OutboxDeliveryLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the host has started: in Development the migrations run at start-up.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        // TimeProvider.System on purpose, not the business clock of DI: its timers count elapsed time, not the date.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.DeliveryIntervalSeconds)), TimeProvider.System);
        do
        {
            foreach (var tenant in catalog.All)
            {
                if (stoppingToken.IsCancellationRequested) return;
                await DeliverAsync(tenant.Slug, stoppingToken);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    private async Task DeliverAsync(string slug, CancellationToken stoppingToken)
    {
        try
        {
            // Batch after batch while full, so that a billing run's thousands of e-mails do not wait an interval per batch.
            // A batch in progress ends even when the host stops: cutting an SMTP exchange short could send a message twice.
            int sent;
            do
            {
                await using var scope = services.CreateTenantScope(slug);
                sent = await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
            }
            while (sent == OutboxDelivery.BatchSize && !stoppingToken.IsCancellationRequested);
        }
        catch (Exception e)
        {
            // The tenant's database unreachable or not migrated yet: the next round tries again; the others go on.
            logger.LogWarning("Outbox delivery of tenant {Tenant} failed: {Error}", slug, e.GetType().Name + ": " + e.Message);
        }
    }
}
