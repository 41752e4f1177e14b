using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Employees;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Host.Infrastructure;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Quartz;

namespace Platform.Host.Tests.Hosting;

/// <summary>A second node: its own data directory and process state, the first node's database and scheduler cluster.</summary>
public sealed class PeerNodeFactory(PlatformFactory first, IEnumerable<(string Key, string Value)> settings) : PlatformFactory
{
    protected override TestDatabase? SharedDatabase => first.Database;
    public override string SchedulerName => first.SchedulerName;
    protected override IEnumerable<(string Key, string Value)> Settings => settings;
}

/// <summary>
/// Two nodes of one platform in the test process, on one database, sending to a real SMTP server.
/// Delivery is driven by the tests (the job's interval is an hour) so that they choose which node sends.
/// </summary>
public sealed class TwoNodesFactory : PlatformFactory
{
    public SmtpTestServer Smtp { get; private set; } = null!;
    public PeerNodeFactory NodeB { get; private set; } = null!;

    private IEnumerable<(string Key, string Value)> NodeSettings =>
    [
        ("Email:Transport", "Smtp"),
        ("Email:Smtp:Host", "127.0.0.1"),
        ("Email:Smtp:Port", Smtp.Port.ToString()),
        ("Email:DeliveryIntervalSeconds", "3600"),
        ("Jobs:Clustered", "true"), // on PostgreSQL: both nodes in one clustered scheduler (SQLite keeps memory)
    ];

    protected override IEnumerable<(string Key, string Value)> Settings => NodeSettings;

    protected override async Task BeforeStartAsync() => Smtp = await SmtpTestServer.StartAsync();

    protected override async Task AfterStartAsync()
    {
        NodeB = new PeerNodeFactory(this, NodeSettings.ToList());
        await ((IAsyncLifetime)NodeB).InitializeAsync();
    }

    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        Smtp.Clear();
    }

    protected override async Task AfterStopAsync()
    {
        await ((IAsyncLifetime)NodeB).DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class ScaleOutTests(TwoNodesFactory factory) : PlatformTest<TwoNodesFactory>(factory)
{
    private static async Task<int> DeliverAsync(IServiceProvider node, string nodeId)
    {
        await using var scope = node.CreateTenantScope("sstrn");
        var delivery = ActivatorUtilities.CreateInstance<OutboxDelivery>(scope.ServiceProvider, new NodeIdentity(nodeId));
        return await delivery.DeliverDueAsync();
    }

    private async Task EnqueueAsync(int count)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        for (var i = 0; i < count; i++)
            outbox.Enqueue($"salarie{i}@example.fr", new EmailContent($"Message {i}", $"<p>Corps {i}</p>", $"Corps {i}"));
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
    }

    [Fact]
    public async Task Two_nodes_delivering_at_once_send_each_email_exactly_once()
    {
        const int count = 30;
        await EnqueueAsync(count);

        // Both nodes' delivery loops run together until the outbox is empty.
        async Task<int> LoopAsync(IServiceProvider node, string nodeId)
        {
            var sent = 0;
            for (var round = 0; round < 20; round++)
            {
                sent += await DeliverAsync(node, nodeId);
                await using var scope = node.CreateTenantScope("sstrn");
                if (!await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.AnyAsync(e => e.SentAt == null)) break;
            }
            return sent;
        }
        var results = await Task.WhenAll(Task.Run(() => LoopAsync(Factory.Services, "node-a")), Task.Run(() => LoopAsync(Factory.NodeB.Services, "node-b")));

        Assert.Equal(count, results.Sum());
        await Factory.Smtp.WaitForMessageAsync($"salarie{count - 1}@example.fr", seconds: 10);
        await Task.Delay(500); // a duplicate would arrive now
        var received = Factory.Smtp.Messages();
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());

        await using var read = Factory.Services.CreateTenantScope("sstrn");
        var rows = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.ToListAsync();
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.All(rows, r => Assert.Contains(r.ClaimedBy, new[] { "node-a", "node-b" }));
    }

    [Fact]
    public async Task A_claim_of_a_dead_node_is_taken_over_once_it_expires()
    {
        await EnqueueAsync(1);
        // Node A claimed the message and died before sending it.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var until = Factory.Clock.GetUtcNow().UtcDateTime + OutboxDelivery.ClaimFor;
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, "node-a").SetProperty(e => e.ClaimedUntil, until));
        }

        Assert.Equal(0, await DeliverAsync(Factory.NodeB.Services, "node-b")); // still A's
        Assert.Empty(Factory.Smtp.Messages());

        // Each node has its own clock: node B's is the one that sees the claim expire.
        Factory.NodeB.Clock.Advance(OutboxDelivery.ClaimFor + TimeSpan.FromSeconds(1));
        try
        {
            Assert.Equal(1, await DeliverAsync(Factory.NodeB.Services, "node-b"));
            await Factory.Smtp.WaitForMessageAsync("salarie0@example.fr", seconds: 5);
            await using var read = Factory.Services.CreateTenantScope("sstrn");
            var row = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.SingleAsync();
            Assert.Equal("node-b", row.ClaimedBy);
            Assert.NotNull(row.SentAt);
            Assert.Equal(0, await DeliverAsync(Factory.Services, "node-a")); // sent: never again
        }
        finally { Factory.NodeB.Clock.Reset(); }
    }

    [Fact]
    public async Task What_one_node_encrypts_the_other_reads_with_keys_from_the_database()
    {
        var nir = "185057800608436";
        var sealedNir = Factory.Services.GetRequiredService<EmployeeNir>().Protect("sstrn", nir);
        Assert.Equal(nir, Factory.NodeB.Services.GetRequiredService<EmployeeNir>().Reveal("sstrn", sealedNir));

        var ticket = Factory.NodeB.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("session");
        Assert.Equal("session", Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(ticket));

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<IdentityDb>().DataProtectionKeys.ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(Factory.Services.GetRequiredService<PlatformPaths>().DataDirectory, "keys")));
    }

    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_the_other()
    {
        // Token signing keys: configuration in Production, OpenIddict's development certificates (per user) elsewhere.
        await Platform.Features.Demo.DemoData.SeedAsync(Factory.Services);
        var token = await Factory.TokenAsync("sstrn.localhost", "employer@sstrn.demo", "Demo-2026!");
        var viewer = await Factory.NodeB.GraphQLAsync("sstrn.localhost", "{ me { email } }", token: token);
        Assert.Equal("employer@sstrn.demo", viewer.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }

    [Fact]
    public async Task At_start_up_the_jobs_of_a_removed_tenant_and_of_retired_jobs_are_removed_from_the_store_and_no_others()
    {
        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // Left by an older version or a tenant taken out of the tenant files (in the database, on PostgreSQL); and the
        // jobs of a tenant this node merely does not know (a newer node's tenant during a rolling deployment).
        var gone = new JobKey("billing-runs", "ancien-sst");
        var retired = new JobKey("outbox-delivery", "sstrn");
        var newer = new JobKey("billing-runs", "nouveau-sst");
        foreach (var key in new[] { gone, retired, newer })
            await scheduler.ScheduleJob(JobBuilder.Create<Platform.Host.Jobs.BillingRunJob>().WithIdentity(key).UsingJobData("tenant", key.Group).Build(),
                TriggerBuilder.Create().WithIdentity(key.Name, key.Group).StartAt(DateTimeOffset.UtcNow.AddDays(1)).Build());

        // The start-up step of a node (on PostgreSQL the store is the database both nodes share), the operator naming the removed tenant.
        var removed = new Platform.Host.Jobs.RemovedTenants(new HashSet<string> { "ancien-sst" });
        await ActivatorUtilities.CreateInstance<Platform.Host.Jobs.RetiredJobs>(Factory.Services, removed).StartAsync(CancellationToken.None);

        Assert.False(await scheduler.Exists(gone));
        Assert.False(await scheduler.Exists(retired));
        Assert.True(await scheduler.Exists(newer));
        await scheduler.DeleteJob(newer);
        Assert.True(await scheduler.Exists(new JobKey("billing-runs", "sstrn"))); // the served tenants' jobs stay
    }

    [Fact]
    public async Task Both_nodes_are_ready_and_live()
    {
        foreach (var node in new PlatformFactory[] { Factory, Factory.NodeB })
        {
            var live = await node.ClientFor("localhost").GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            var ready = await node.ClientFor("localhost").GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task On_postgresql_both_nodes_share_one_job_scheduler_cluster_in_the_database()
    {
        if (!TestDatabase.UsesPostgres) return; // SQLite is one node: Quartz's in-memory store
        await using var connection = Factory.Database.OpenConnection();
        async Task<long> CountAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var name = command.CreateParameter();
            name.ParameterName = "name";
            name.Value = Factory.SchedulerName;
            command.Parameters.Add(name);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = @name") < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = @name"));
        // One trigger per job and tenant, whichever node registered it last: each firing is taken by one node.
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM qrtz_triggers WHERE sched_name = @name AND trigger_name = 'billing-runs' AND trigger_group = 'sstrn'"));
        // E-mail delivery is no Quartz job (OutboxDeliveryLoop): a store of an older version loses its triggers at start-up.
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM qrtz_job_details WHERE sched_name = @name AND job_name = 'outbox-delivery'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM qrtz_job_details WHERE sched_name = @name AND job_group = 'sstrn' AND job_name = 'billing-runs' AND requests_recovery"));
    }
}

/// <summary>
/// A node started on a database that `migrate` has not prepared yet. With the clustered job store a node
/// refuses to start before `migrate` (Quartz validates its tables); in-memory jobs here to see readiness.
/// </summary>
public sealed class UnmigratedFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Database:MigrateAtStartup", "false"), ("Jobs:Clustered", "false")];
}

public sealed class MigrationTests(UnmigratedFactory factory) : IClassFixture<UnmigratedFactory>
{
    [Fact]
    public async Task A_node_is_not_ready_before_migrate_and_two_migrate_runs_take_turns()
    {
        var client = factory.ClientFor("localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());

        // While one holds the lock, the other waits.
        var settings = factory.Services.GetRequiredService<DatabaseSettings>();
        var logger = factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MigrationTests>>();
        var first = await MigrationLock.AcquireAsync(settings, logger);
        var second = MigrationLock.AcquireAsync(settings, logger);
        await Task.Delay(1000);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();

        // An installation from before the keys moved to the database: its key files are in {data}/keys.
        var keyFolder = Path.Combine(factory.Services.GetRequiredService<PlatformPaths>().DataDirectory, "keys");
        var oldRing = DataProtectionProvider.Create(new DirectoryInfo(keyFolder), o => o.SetApplicationName(DataProtectionKeys.DefaultApplicationName));
        var oldNir = oldRing.CreateProtector("Platform.Employees.Nir.v1", "sstrn").Protect("185057800608436");

        // Two deployments' `migrate` at once: both end well, the database is migrated once.
        await Task.WhenAll(Task.Run(() => DatabaseCommands.MigrateAsync(factory.Services)), Task.Run(() => DatabaseCommands.MigrateAsync(factory.Services)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await using var scope = factory.Services.CreateTenantScope("sstrn");
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.GetPendingMigrationsAsync());

        // `migrate` copied the old key files into the database, once: what they encrypted is read by the node.
        Assert.Single(await scope.ServiceProvider.GetRequiredService<IdentityDb>().DataProtectionKeys.ToListAsync());
        Assert.Equal("185057800608436", factory.Services.GetRequiredService<EmployeeNir>().Reveal("sstrn", oldNir));
    }
}
