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
/// A pass is fair between tenants: one batch of each in turn, round after round while a tenant has more, so that
/// a billing run's thousands of invoices in one tenant do not hold back another tenant's sign-in codes.
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
        // At least a tenth of a second (the tests' e-mail host polls five times a second).
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, settings.DeliveryIntervalSeconds)), TimeProvider.System);
        do await DeliverPassAsync(stoppingToken);
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>
    /// Round-robin: a batch of every tenant in turn, round after round while one of them filled a whole batch. Every
    /// tenant is asked each round, not only those with a full batch: a sign-in code queued meanwhile in a tenant that had
    /// nothing waits one round, not until another tenant's billing run is through.
    /// </summary>
    private async Task DeliverPassAsync(CancellationToken stoppingToken)
    {
        // A batch in progress ends even when the host stops: cutting an SMTP exchange short could send a message twice.
        var failed = new HashSet<string>(); // a tenant whose database failed is left for the next pass
        bool more;
        do
        {
            more = false;
            foreach (var tenant in catalog.All)
            {
                if (stoppingToken.IsCancellationRequested) return;
                if (failed.Contains(tenant.Slug)) continue;
                var sent = await DeliverBatchAsync(tenant.Slug);
                if (sent is null) failed.Add(tenant.Slug);
                else if (sent == OutboxDelivery.BatchSize) more = true;
            }
        }
        while (more);
    }

    /// <summary>How many were sent; null when the tenant's database failed.</summary>
    private async Task<int?> DeliverBatchAsync(string slug)
    {
        try
        {
            await using var scope = services.CreateTenantScope(slug);
            return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The tenant's database unreachable or not migrated yet: the next pass tries again; the others go on.
            logger.LogWarning("Outbox delivery of tenant {Tenant} failed: {Error}", slug, e.GetType().Name + ": " + e.Message);
            return null;
        }
    }
}
