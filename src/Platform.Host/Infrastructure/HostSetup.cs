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
using Platform.Host.Api;

namespace Platform.Host.Infrastructure;

/// <summary>The composition root: what the host is made of, and the order requests go through it.</summary>
public static class HostSetup
{
    /// <summary>Answer on any host, without a tenant: the load balancer's probes.</summary>
    private static readonly IReadOnlySet<string> HostFreePaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/health", "/health/live", "/health/ready", Api.StripeWebhookEndpoint.Path };
    private const string ReadyTag = "ready";

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

        RefuseDevelopmentConveniencesInProduction(configuration, builder.Environment);
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

        var database = DatabaseSettings.From(configuration, paths.DataDirectory);
        services.AddPlatformPersistence(database);
        services.AddDatabaseCommandCount(configuration);
        // Uploaded files (documents, attachments): named by id under a configurable root, {data}/uploads by default.
        services.AddSingleton(new Platform.Features.Documents.StoredFilesOptions(configuration["Documents:StorageDirectory"] is { Length: > 0 } root ? Path.GetFullPath(root) : paths.UploadsDirectory));
        services.AddPlatformFeatures(configuration.GetValue("RateLimits:SignInPerAccountPer5Minutes", 20),
            configuration.GetValue("RateLimits:SignInFailuresPerIpPer15Minutes", 30));
        services.AddSignInRateLimit(configuration.GetValue("RateLimits:SignInPerIpPerMinute", 60));
        services.AddGraphQLRateLimit(new GraphQLRateLimitOptions(
            configuration.GetValue("RateLimits:GraphQLPerIpPerMinute", 1200), configuration.GetValue("RateLimits:GraphQLPerAccountPerMinute", 600)));
        services.AddDemarcheThrottle(configuration.GetValue("RateLimits:DemarchesPerAccountPerHour", 10));
        services.AddNodeSharing(configuration);
        var email = EmailSettings.From(configuration, paths.DataDirectory);
        // The codes of e-mails written to files are also logged, in Development only.
        email = email with { LogSignInCodes = builder.Environment.IsDevelopment() && email.Transport == EmailTransportKind.Files };
        services.AddSingleton(NodeIdentity.ForThisProcess(configuration["Platform:NodeId"]));
        services.AddPlatformEmail(email);
        // Before the scheduler: hosted services start in this order, and the clustered job store needs its tables (Development).
        services.AddHostedService<StartupDatabaseTasks>();
        services.AddPlatformJobs(configuration, database, catalog.All);
        services.AddPlatformGraphQL();
        // Minimal APIs' JSON answers (documents, webhooks) write French as GraphQL does.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = Platform.GraphQL.Http.ApiJson.Encoder);
        services.AddApiDocumentation();

        // Cookie, secret and NIR keys survive restarts and are shared by every node: they live in the platform database.
        services.AddDataProtectionKeys(configuration, builder.Environment);
        services.AddPortalAuthentication();
        services.AddMemoryCache();
        services.AddScoped<PortalHeader>();
        services.AddTransportSecurity(configuration, builder.Environment);
        services.AddTokenServer(configuration, builder.Environment);
        services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<AccessDeniedFilter>());
        // French text stays readable in the HTML: accented letters are not turned into entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.LatinExtendedA, UnicodeRanges.GeneralPunctuation));
        services.AddSingleton<DatabaseHealthCheck.MigratedFlag>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag]);
        // Stopping (a deployment, a scale-in): requests in flight and running jobs get this long to finish.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Host:ShutdownTimeoutSeconds", 30)));
    }

    /// <summary>
    /// Demo accounts (public passwords and authenticator secret) and *.localhost hosts are Development
    /// conveniences (Staging may opt in); Production refuses to start with them.
    /// </summary>
    private static void RefuseDevelopmentConveniencesInProduction(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsProduction()) return;
        var problems = new List<string>();
        if (configuration.GetValue("Platform:AllowLocalhostHosts", false))
            problems.Add("Platform:AllowLocalhostHosts n'est pas permis en production : les tenants y répondent sur {slug}.{Platform:Domain} et les hôtes de leur fichier.");
        if (configuration.GetValue("DemoData:SeedAtStartup", false))
            problems.Add(DatabaseCommands.NoDemoDataInProduction);
        if (configuration.GetValue("Database:MigrateAtStartup", false))
            problems.Add(DatabaseCommands.NoMigrationAtStartupInProduction);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseSecurityHeaders();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseDatabaseCommandCount();
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
        app.UseSignInRateLimit();
        app.UseAuthentication();
        app.UseBearerTokenRejection();
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
        PortalHeader.UseForgetOnChange(app);

        // Live: the process answers (no dependency: a database outage must not get every node restarted).
        // Ready: database reachable and migrated, job scheduler running; /health is ready's older name.
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapPlatformGraphQL();
        app.MapTokenEndpoint().RequireRateLimiting(SignInRateLimit.Policy);
        Api.DocumentEndpoints.MapDocumentEndpoints(app);
        app.MapGet("/tenant/logo.svg", TenantLogoAsync);
        app.MapGet("/tenant/theme.css", TenantThemeAsync);
        Platform.Host.Api.ConvocationEndpoint.MapConvocationEndpoint(app);
        app.MapInvoiceFiles();
        app.MapApiDocumentation();
        Api.SepaMandateEndpoints.MapSepaMandateEndpoints(app);
        Api.StripeWebhookEndpoint.MapStripeWebhook(app);
        app.MapRazorPages();
    }

    /// <summary>
    /// The tenant's colours as a stylesheet, so that pages need no inline style (Content-Security-Policy).
    /// ?fichier=1: the reviewed file's colours, for the error page of a failure (the database may be what failed).
    /// </summary>
    private static async Task<IResult> TenantThemeAsync(ITenantContext tenant, TenantRulesCache rules, string? fichier)
    {
        var theme = fichier == "1" ? tenant.Current!.FileRules.Theme : (await rules.GetAsync(tenant.Current!)).Rules.Theme;
        // Colours are validated as #RRGGBB when the rules are loaded or changed.
        return Results.Text($":root {{ --primary: {theme.PrimaryColor}; --secondary: {theme.SecondaryColor}; }}\n", "text/css; charset=utf-8");
    }

    private static async Task<IResult> TenantLogoAsync(HttpContext http, ITenantContext tenant, TenantRulesCache rules, PlatformPaths paths,
        Platform.Features.Documents.StoredFiles files)
    {
        // Opened on its own, an SVG is a document of our origin: nothing in it may run or load.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        var logo = (await rules.GetAsync(tenant.Current!)).Rules.Theme.Logo;
        // An administrator's upload, sanitised when it was uploaded (TenantLogos), read from the logos' own folder only:
        // a rule naming another stored file (a member's document) finds nothing there.
        if (TenantLogos.Uploaded(logo) is { } uploaded)
            return files.OpenRead(uploaded.Id, Platform.Features.Documents.StoredFiles.Logos) is { } stream ? Results.Stream(stream, uploaded.ContentType) : Results.NotFound();
        // The name was validated as a plain file name ending in .svg or .png: no path can escape the assets folder.
        var file = Path.Combine(paths.TenantAssetsDirectory, logo);
        return File.Exists(file)
            ? Results.File(file, logo.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/svg+xml", lastModified: File.GetLastWriteTimeUtc(file))
            : Results.NotFound();
    }
}
