using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.WebEncoders;
using Platform.Features;
using Platform.Features.Notifications;
using Platform.Host.Jobs;
using Quartz;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.GraphQL;
using Platform.GraphQL.Http;
using Platform.Tenancy;
using Platform.Tenancy.Resolution;
using Serilog;
using Serilog.Settings.Configuration;
using Serilog.Events;

namespace Platform.Host.Infrastructure;

/// <summary>The composition root: what the host is made of, and the order requests go through it.</summary>
public static class HostSetup
{
    /// <summary>Answer on any host, without a tenant: the load balancer's probe.</summary>
    private static readonly IReadOnlySet<string> HostFreePaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/health" };

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var paths = PlatformPaths.From(configuration);
        services.AddSingleton(paths);

        services.AddSerilog((sp, log) => log
            // Sink assemblies named explicitly: discovery through the entry assembly fails under test hosts.
            .ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(
                typeof(ConsoleLoggerConfigurationExtensions).Assembly,
                typeof(FileLoggerConfigurationExtensions).Assembly,
                typeof(Serilog.Formatting.Compact.CompactJsonFormatter).Assembly))
            .ReadFrom.Services(sp)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"),
            // The host's logger is its own: several hosts in one process (tests) must not share Serilog's static one.
            preserveStaticLogger: true);

        var tenancy = new TenancyOptions
        {
            PlatformDomain = configuration["Platform:Domain"],
            AllowLocalhost = configuration.GetValue("Platform:AllowLocalhostHosts", builder.Environment.IsDevelopment()),
            ConfigDirectory = paths.TenantConfigDirectory,
            AssetsDirectory = paths.TenantAssetsDirectory,
        };
        services.AddSingleton(tenancy);
        var catalog = TenantCatalog.Load(tenancy);
        services.AddSingleton(catalog);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());

        services.AddPlatformPersistence(DatabaseSettings.From(configuration, paths.DataDirectory));
        services.AddPlatformFeatures(configuration.GetValue("RateLimits:SignInPerAccountPer5Minutes", 20));
        services.AddSignInRateLimit(configuration.GetValue("RateLimits:SignInPerIpPerMinute", 60));
        services.AddGraphQLRateLimit(new GraphQLRateLimitOptions(
            configuration.GetValue("RateLimits:GraphQLPerIpPerMinute", 1200), configuration.GetValue("RateLimits:GraphQLPerAccountPerMinute", 600)));
        services.AddDemarcheThrottle(configuration.GetValue("RateLimits:DemarchesPerAccountPerHour", 10));
        var email = EmailSettings.From(configuration, paths.DataDirectory);
        services.AddPlatformEmail(email);
        services.AddQuartz(q =>
        {
            // Unique per host: several hosts share one process in tests.
            q.ConfigureScheduler(o => o.InstanceName = $"platform-{Guid.NewGuid():N}");
            // Jobs run on real time; the business clock (TimeProvider in DI) is what services read.
            q.UseTimeProvider(TimeProvider.System);
            OutboxDeliveryJob.Schedule(q, catalog.All, email.DeliveryIntervalSeconds);
            PendingChangesJob.Schedule(q, catalog.All);
            TokenPruneJob.Schedule(q);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddPlatformGraphQL();

        // Cookie and token keys survive restarts: they live with the rest of the platform's files.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
        services.AddPortalAuthentication();
        services.AddTokenServer(configuration, builder.Environment);
        services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<AccessDeniedFilter>());
        // French text stays readable in the HTML: accented letters are not turned into entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA, UnicodeRanges.GeneralPunctuation));
        services.AddHostedService<StartupDatabaseTasks>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("TenantSlug", http.RequestServices.GetService<ITenantContext>()?.Current?.Slug ?? "-");
        });
        app.UseMiddleware<TenantResolutionMiddleware>(HostFreePaths);
        app.UseExceptionHandler("/erreur");
        app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (http, next) =>
        {
            // Features check permissions against CurrentUser: the portal and the API cannot disagree.
            // A principal of another tenant (a token or cookie carried to the wrong host) counts as nobody.
            var tenant = http.RequestServices.GetRequiredService<ITenantContext>().Current;
            if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(PlatformClaims.Tenant)?.Value == tenant?.Slug)
                http.RequestServices.GetRequiredService<CurrentUser>().Set(http.User);
            await next(http);
        });

        app.MapHealthChecks("/health");
        app.MapPlatformGraphQL();
        app.MapTokenEndpoint().RequireRateLimiting(SignInRateLimit.Policy);
        app.MapGet("/tenant/logo.svg", TenantLogoAsync);
        app.MapRazorPages();
    }

    private static async Task<IResult> TenantLogoAsync(ITenantContext tenant, TenantRulesCache rules, PlatformPaths paths)
    {
        var logo = (await rules.GetAsync(tenant.Current!)).Rules.Theme.Logo;
        // The name was validated as a plain file name ending in .svg: no path can escape the assets folder.
        var file = Path.Combine(paths.TenantAssetsDirectory, logo);
        return File.Exists(file)
            ? Results.File(file, "image/svg+xml", lastModified: File.GetLastWriteTimeUtc(file))
            : Results.NotFound();
    }
}
