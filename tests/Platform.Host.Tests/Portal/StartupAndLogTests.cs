using System.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Portal;

/// <summary>Keeps every log event of the host in memory, with its properties rendered as text.</summary>
public sealed class CapturingLogFactory : PlatformFactory
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings => [("Serilog:MinimumLevel:Default", "Information")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new Sink(Events)));
    }

    private sealed class Sink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

public sealed class RequestLogTests(CapturingLogFactory factory) : PlatformTest<CapturingLogFactory>(factory)
{
    private static string Text(LogEvent e) =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception;

    [Fact]
    public async Task Request_logs_carry_tenant_and_correlation_id_and_no_personal_data()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connexion?email=jean.dupont%40example.fr&nir=185057800608436");
        request.Headers.Add("X-Correlation-Id", "log-test-0000042");
        await Factory.ClientFor("sstrn.localhost").SendAsync(request);
        await Factory.ClientFor("sist-on.localhost").GetAsync("/");

        var requests = Factory.Events.Where(e => e.Properties.ContainsKey("RequestPath")).ToList();
        var signIn = Assert.Single(requests, e => e.Properties["CorrelationId"].ToString() == "\"log-test-0000042\"");
        Assert.Equal("\"sstrn\"", signIn.Properties["TenantSlug"].ToString());
        Assert.Equal("\"/connexion\"", signIn.Properties["RequestPath"].ToString());
        Assert.Contains(requests, e => e.Properties["TenantSlug"].ToString() == "\"sist-on\"");
        Assert.All(requests, e => Assert.True(e.Properties.ContainsKey("CorrelationId")));

        var all = string.Join("\n", Factory.Events.Select(Text));
        Assert.DoesNotContain("jean.dupont", all);
        Assert.DoesNotContain("185057800608436", all);
    }
}

/// <summary>The real host process, as an operator starts it.</summary>
public sealed class HostProcessTests
{
    private static ProcessStartInfo HostProcess(string workingDirectory, string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Platform.Host.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["PLATFORM_DATA_DIR"] = dataDirectory;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DemoData__SeedAtStartup"] = "false";
        return start;
    }

    [Fact]
    public async Task PLATFORM_DATA_DIR_holds_the_database_of_a_running_host()
    {
        var dir = Directory.CreateTempSubdirectory("data-dir-").FullName;
        var dataDirectory = Path.Combine(dir, "elsewhere");
        try
        {
            using var process = Process.Start(HostProcess(dir, dataDirectory))!;
            try
            {
                string? line;
                while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("Now listening")) { }
                Assert.NotNull(line);
                Assert.True(File.Exists(Path.Combine(dataDirectory, "platform.db")));
                Assert.False(Directory.Exists(Path.Combine(dir, "data")));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_host_does_not_start_on_a_broken_tenant_file_and_names_file_and_field()
    {
        var dir = Directory.CreateTempSubdirectory("bad-tenants-").FullName;
        try
        {
            RepositoryFiles.CopyTenantsTo(dir);
            var sstrn = Path.Combine(dir, "config", "sstrn.json");
            File.WriteAllText(sstrn, File.ReadAllText(sstrn).Replace("\"#00607A\"", "\"teal\""));

            var start = HostProcess(dir, Path.Combine(dir, "data"));
            start.Environment["Tenancy__Directory"] = dir;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, process.ExitCode);
            var text = await output + await errors;
            Assert.Contains("sstrn.json : $.theme.primaryColor : couleur attendue au format #RRGGBB", text);
            Assert.DoesNotContain("Now listening", text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
