using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Persistence;
using Platform.Host.Infrastructure;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Serilog.Core;
using Serilog.Events;
using System.Collections.Concurrent;

namespace Platform.Host.Tests.Hosting;

/// <summary>Self-signed PFX files, as an operator would put on the data volume.</summary>
public static class TestCertificates
{
    public const string Password = "Test-2026!";

    public static string CreatePfx(string directory, string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}

/// <summary>The host in the Production environment, with its certificates and its domain, and its log kept.</summary>
public sealed class ProductionFactory : PlatformFactory
{
    private readonly string certificates = Directory.CreateTempSubdirectory("platform-certs-").FullName;
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Platform:AllowLocalhostHosts", "false"),
        ("Serilog:MinimumLevel:Default", "Information"),
        ("Identity:SigningCertificate:Path", TestCertificates.CreatePfx(certificates, "signing")),
        ("Identity:SigningCertificate:Password", TestCertificates.Password),
        ("Identity:EncryptionCertificate:Path", TestCertificates.CreatePfx(certificates, "encryption")),
        ("Identity:EncryptionCertificate:Password", TestCertificates.Password),
        (DataProtectionKeys.CertificatePathKey, TestCertificates.CreatePfx(certificates, "data-protection")),
        (DataProtectionKeys.CertificatePasswordKey, TestCertificates.Password),
        // Production migrates with the `migrate` command, never at start-up (AfterStartAsync). The clustered
        // job store (PostgreSQL lane) needs its tables before the host starts: in-memory jobs here.
        ("Database:MigrateAtStartup", "false"),
        ("Jobs:Clustered", "false"),
    ];

    protected override Task AfterStartAsync() => DatabaseCommands.MigrateAsync(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new Sink(Events)));
    }

    protected override Task AfterStopAsync()
    {
        try { Directory.Delete(certificates, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private sealed class Sink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

public sealed class ProductionTests(ProductionFactory factory) : PlatformTest<ProductionFactory>(factory)
{
    private const string Host = "sist-on.sante-travail.example";

    [Fact]
    public async Task The_key_ring_in_the_database_is_encrypted_with_the_configured_certificate()
    {
        // Protecting something makes sure a key exists, as the first cookie would.
        var protector = Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secret = protector.Protect("185057800608436");

        await using var scope = Factory.Services.CreateAsyncScope();
        var key = Assert.Single(await scope.ServiceProvider.GetRequiredService<IdentityDb>().DataProtectionKeys.Select(k => k.Xml).ToListAsync())!;
        Assert.Contains("EncryptedData", key);
        Assert.Contains("X509Data", key);
        Assert.DoesNotContain("<value>", key); // the master key in clear
        Assert.Equal("185057800608436", protector.Unprotect(secret));
    }

    [Fact]
    public async Task Tenants_do_not_answer_on_localhost_hosts()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Factory.ClientFor("sist-on.localhost").GetAsync("/connexion")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFor(Host).GetAsync("/connexion")).StatusCode);
    }

    [Fact]
    public async Task Demo_data_is_refused()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseCommands.SeedDemoAsync(Factory.Services));
        Assert.Contains("jamais créées en production", refused.Message);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.CountAsync());
    }

    [Fact]
    public async Task Sign_in_codes_written_to_files_are_not_logged()
    {
        await Platform.Features.Demo.DemoData.SeedAsync(Factory.Services); // the Features' own seeding, not the refused command
        var sent = await Factory.GraphQLAsync(Host, """mutation { requestLoginCode(input: { email: "employer@sist-on.demo" }) { sent } }""");
        Assert.True(sent.GetProperty("data").GetProperty("requestLoginCode").GetProperty("sent").GetBoolean());

        await using var read = Factory.Services.CreateTenantScope("sist-on");
        var email = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.SingleAsync(e => e.To == "employer@sist-on.demo");
        var code = System.Text.RegularExpressions.Regex.Match(email.TextBody, @"\b\d{6}\b").Value;
        Assert.NotEmpty(code);
        Assert.Contains(Factory.Events, e => e.RenderMessage().Contains("/graphql")); // the log is captured
        Assert.DoesNotContain(Factory.Events, e => e.RenderMessage().Contains(code) || e.Properties.Values.Any(v => v.ToString().Contains(code)));
    }
}

/// <summary>What Production refuses at start-up, each with a message naming the setting.</summary>
public sealed class ProductionStartupTests
{
    private static InvalidOperationException StartInProduction(params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var data = Directory.CreateTempSubdirectory("platform-prod-").FullName;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:DataDirectory"] = data,
            ["Platform:Domain"] = "sante-travail.example",
            ["Identity:SigningCertificate:Path"] = TestCertificates.CreatePfx(data, "signing"),
            ["Identity:SigningCertificate:Password"] = TestCertificates.Password,
            ["Identity:EncryptionCertificate:Path"] = TestCertificates.CreatePfx(data, "encryption"),
            ["Identity:EncryptionCertificate:Password"] = TestCertificates.Password,
        }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));
        return Assert.Throws<InvalidOperationException>(builder.AddPlatform);
    }

    [Fact]
    public void Without_a_data_protection_certificate() =>
        Assert.Contains("DataProtection:Certificate:Path", StartInProduction().Message);

    [Fact]
    public void With_localhost_hosts() =>
        Assert.Contains("Platform:AllowLocalhostHosts", StartInProduction(("Platform:AllowLocalhostHosts", "true")).Message);

    [Fact]
    public void With_migration_at_start_up() =>
        Assert.Contains("Database:MigrateAtStartup", StartInProduction(("Database:MigrateAtStartup", "true")).Message);

    [Fact]
    public void With_demo_data_at_start_up() =>
        Assert.Contains("DemoData:SeedAtStartup", StartInProduction(("DemoData:SeedAtStartup", "true")).Message);
}
