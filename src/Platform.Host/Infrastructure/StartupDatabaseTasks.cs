namespace Platform.Host.Infrastructure;

/// <summary>
/// Development conveniences run before the server takes requests: migrate the database and create
/// the demo data (Database:MigrateAtStartup and DemoData:SeedAtStartup, both on in Development).
/// Production runs `migrate` as a separate step instead.
/// </summary>
public sealed class StartupDatabaseTasks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseCommands.MigrateIfConfiguredAsync(services, configuration, environment);
        await DatabaseCommands.SeedDemoIfConfiguredAsync(services, configuration, environment);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
