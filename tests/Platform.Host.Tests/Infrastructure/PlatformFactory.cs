using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// The real host (real pipeline, real database) for one test class. Tests of a class run one after
/// another and start from an empty database; classes run in parallel, each on its own database.
/// </summary>
public class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("platform-test-").FullName;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The host's clock: tests move it (lock durations, code expiry).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Extra settings of a derived factory (e.g. a broken database).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    public async Task InitializeAsync()
    {
        Database = SharedDatabase ?? await TestDatabase.CreateAsync(dataDirectory);
        await BeforeStartAsync();
        _ = Services; // starts the host: migrations run now
        await AfterStartAsync();
    }

    /// <summary>A second node's factory runs on the first node's database (and does not drop it).</summary>
    protected virtual TestDatabase? SharedDatabase => null;

    /// <summary>
    /// The name of the job scheduler's cluster (Quartz's tables, PostgreSQL lane): one per factory, so
    /// that hosts of the test process stay apart unless a second node joins the first on purpose.
    /// </summary>
    public virtual string SchedulerName { get; } = $"platform-test-{Guid.NewGuid():N}";

    /// <summary>For derived factories that act once the host runs (the production `migrate`).</summary>
    protected virtual Task AfterStartAsync() => Task.CompletedTask;

    /// <summary>For derived factories that prepare more (another database, tenant files) before the host starts.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>For derived factories that clean up more once the host has stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    protected string DataDirectory => dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Platform:DataDirectory", dataDirectory);
        builder.UseSetting("Platform:AllowLocalhostHosts", "true");
        builder.UseSetting("Platform:Domain", "sante-travail.example");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Platform", Database.ConnectionString);
        builder.UseSetting("Database:MigrateAtStartup", "true");
        builder.UseSetting("DemoData:SeedAtStartup", "false");
        builder.UseSetting("Jobs:SchedulerName", SchedulerName);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Tests sign in far more often than people do; RateLimitTests checks the limits themselves.
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", "100000");
        builder.UseSetting("RateLimits:SignInPerAccountPer5Minutes", "100000");
        builder.UseSetting("RateLimits:SignInFailuresPerIpPer15Minutes", "100000");
        builder.UseSetting("RateLimits:GraphQLPerIpPerMinute", "1000000");
        builder.UseSetting("RateLimits:GraphQLPerAccountPerMinute", "1000000");
        builder.UseSetting("RateLimits:DemarchesPerAccountPerHour", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Empty tables and forget cached tenant rules, so that each test starts clean.</summary>
    public virtual async Task ResetAsync()
    {
        await Database.ResetAsync();
        var cache = Services.GetRequiredService<TenantRulesCache>();
        foreach (var tenant in Services.GetRequiredService<TenantCatalog>().All) cache.Invalidate(tenant);
    }

    /// <summary>A client of the host as browsers reach it in production: over https (the session cookie is Secure outside Development).</summary>
    public HttpClient ClientFor(string host, string scheme = "https") =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://{host}"), AllowAutoRedirect = false });

    public PortalClient PortalFor(string host) => new(ClientFor(host));

    /// <summary>A portal session of a staff member: password, then the authenticator code of <paramref name="totpSecret"/>.</summary>
    public async Task<PortalClient> StaffPortalAsync(string host, string email, string password, string totpSecret)
    {
        // An authenticator code serves once: each sign-in takes the next 30-second step.
        Clock.Advance(TimeSpan.FromSeconds(30));
        var portal = PortalFor(host);
        await portal.SubmitAsync("/connexion?personnel=true", new Dictionary<string, string> { ["Identifier"] = email, ["Password"] = password });
        await portal.SubmitAsync("/connexion/authentificateur",
            new Dictionary<string, string> { ["Code"] = Platform.Features.Access.TotpCodes.CurrentCode(totpSecret, Clock.GetUtcNow()) });
        return portal;
    }

    public async Task<JsonElement> GraphQLAsync(string host, string query, object? variables = null, string? token = null)
    {
        var client = ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An access token from the real token endpoint (password grant).</summary>
    public async Task<string> TokenAsync(string host, string username, string password, string? authenticatorCode = null)
    {
        var form = new Dictionary<string, string> { ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = username, ["password"] = password };
        if (authenticatorCode is not null) form["authenticator_code"] = authenticatorCode;
        using var response = await ClientFor(host).PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("access_token", out var token) ? token.GetString()!
            : throw new InvalidOperationException("No token: " + body);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (SharedDatabase is null) await Database.DisposeAsync();
        await AfterStopAsync();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Base of HTTP-level test classes: a fresh database before each test.</summary>
public abstract class PlatformTest<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : PlatformFactory
{
    protected TFactory Factory { get; } = factory;

    public virtual Task InitializeAsync() => Factory.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;
}

public abstract class PlatformTest(PlatformFactory factory) : PlatformTest<PlatformFactory>(factory);
