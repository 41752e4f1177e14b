using Platform.Host.Infrastructure;
using Serilog;

// dotnet run                 serve the platform (Development: SQLite in data/, demo data, e-mails to files)
// dotnet run -- migrate      apply database migrations (production) and exit
// dotnet run -- seed-demo    create the demo tenants' accounts and companies and exit
// dotnet run -- refresh-due-visits   run every tenant's nightly due-visit job once, print its figures and exit
// dotnet run -- --help       print the commands (French and English) and exit
// Console logger for start-up failures only; the running host configures its own (HostSetup).
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var (command, hostArgs, unknown) = HostCommand.Parse(args);
    if (command == HostCommand.Help)
    {
        Console.WriteLine(HostCommand.Usage);
        return 0;
    }
    if (unknown is not null)
    {
        Log.Error("Unknown command {Command}: use migrate, seed-demo or refresh-due-visits, before any --switch (--help lists them)", unknown);
        return 2;
    }
    var builder = WebApplication.CreateBuilder(hostArgs);
    builder.AddPlatform();
    var app = builder.Build();
    app.UsePlatform();

    switch (command)
    {
        case HostCommand.Migrate:
            await DatabaseCommands.MigrateAsync(app.Services);
            return 0;
        case HostCommand.SeedDemo:
            await DatabaseCommands.MigrateAsync(app.Services);
            await DatabaseCommands.SeedDemoAsync(app.Services);
            return 0;
        case HostCommand.RefreshDueVisits:
            await DatabaseCommands.MigrateAsync(app.Services);
            await Platform.Host.Jobs.DueVisitsJob.RunEveryTenantAsync(app.Services, Console.Out);
            return 0;
        default:
            await app.RunAsync();
            return 0;
    }
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "The platform stopped at start-up");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
