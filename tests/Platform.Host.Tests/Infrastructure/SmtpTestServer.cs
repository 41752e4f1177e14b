using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Features.Persistence;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for e-mail tests: Debian's aiosmtpd (scripts/test.sh installs python3-aiosmtpd),
/// storing what it receives in a Maildir that tests read with MimeKit.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private Process? process;

    private SmtpTestServer(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }
    public string Maildir { get; }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A server on <paramref name="port"/> (a free one by default), accepting connections when this returns.</summary>
    public static async Task<SmtpTestServer> StartAsync(int? port = null, string? maildir = null)
    {
        var server = new SmtpTestServer(port ?? FreePort(), maildir ?? Directory.CreateTempSubdirectory("maildir-").FullName);
        await server.RunAsync();
        return server;
    }

    private async Task RunAsync()
    {
        // aiosmtpd's Mailbox handler writes into an existing Maildir: tmp, new and cur must be there.
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(Maildir, sub));
        if (!File.Exists("/usr/bin/python3"))
            throw new InvalidOperationException("python3 is missing: run scripts/test.sh, which installs python3-aiosmtpd.");
        process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException("aiosmtpd stopped (is python3-aiosmtpd installed? run scripts/test.sh): " + await process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"aiosmtpd did not listen on port {Port}");
    }

    /// <summary>Forgets what was received so far (between tests).</summary>
    public void Clear()
    {
        foreach (var sub in new[] { "new", "cur", "tmp" })
            foreach (var file in Directory.GetFiles(Path.Combine(Maildir, sub))) File.Delete(file);
    }

    public IReadOnlyList<MimeMessage> Messages() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).OrderBy(File.GetLastWriteTimeUtc)
            .Select(f => MimeMessage.Load(f)).ToList();

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits for the count-th message to an address (the delivery loop runs five times a second in tests).</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, int count = 1, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var messages = MessagesTo(address);
            if (messages.Count >= count) return messages[count - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"No e-mail number {count} to {address} within {seconds} s ({Messages().Count} received in all)");
    }

    /// <summary>Waits for the count-th message to an address that matches, whatever else reaches that address meanwhile.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, Func<MimeMessage, bool> matches, int seconds = 20, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = MessagesTo(address).Where(matches).ToList();
            if (found.Count >= count) return found[count - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"No matching e-mail number {count} to {address} within {seconds} s ({Messages().Count} received in all)");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(Maildir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A host that sends its e-mails to a real SMTP server, delivered by the outbox loop five times a second.</summary>
public class EmailFactory : PlatformFactory
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    protected override async Task BeforeStartAsync() => Smtp = await SmtpTestServer.StartAsync();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Email:Transport", "Smtp"),
        ("Email:Smtp:Host", "127.0.0.1"),
        ("Email:Smtp:Port", Smtp.Port.ToString()),
        ("Email:DeliveryIntervalSeconds", "0.2"),
    ];

    public override async Task ResetAsync()
    {
        await DrainOutboxAsync();
        await base.ResetAsync();
        Smtp.Clear();
    }

    /// <summary>
    /// Waits (up to 10 s) until every due e-mail of the previous test has reached the server. A test that
    /// queued an e-mail without waiting for it (a wrong-code test asks for a code it never reads) would
    /// otherwise have it delivered after the clear, into the next test's mailbox, where it passes for that
    /// test's first message (seen under load: a sign-in test verified a stale code).
    /// </summary>
    private async Task DrainOutboxAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using (var scope = Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var now = Clock.GetUtcNow().UtcDateTime;
                if (!await db.OutboxEmails.IgnoreQueryFilters().AnyAsync(e => e.SentAt == null && (e.Attempts == 0 || e.NextAttemptAt <= now))) return;
            }
            await Task.Delay(100);
        }
    }

    protected override async Task AfterStopAsync() => await Smtp.DisposeAsync();
}
