using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Hosting;

/// <summary>
/// The delivery loop (five times a second here) against a real SMTP server: a billing run's thousands of e-mails in one
/// tenant hold back neither another tenant's sign-in codes nor the same tenant's (pentest M6).
/// </summary>
public sealed class OutboxFairnessTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    private const int Bulk = 2000;
    private const string Employer = "employer@sist-on.demo";

    /// <summary>Queues a billing run's worth of bulk e-mails (as <c>BillingRuns</c> does, with its batch) in a tenant.</summary>
    private async Task QueueBulkAsync(string tenant)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.OutboxEmails.AddRange(Enumerable.Range(0, Bulk).Select(i =>
            outbox.Message($"facture{i}@{tenant}.example.fr", new EmailContent($"Facture {i}", $"<p>Facture {i}</p>", $"Facture {i}"))));
        await db.SaveChangesAsync();
    }

    private int BulkReceived(string tenant) =>
        Factory.Smtp.Messages().Count(m => m.To.Mailboxes.Single().Address.EndsWith($"@{tenant}.example.fr", StringComparison.Ordinal));

    private async Task WaitForBulkDeliveryToStartAsync(string tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (BulkReceived(tenant) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the bulk e-mails never started to leave");
            await Task.Delay(50);
        }
    }

    private async Task RequestCodeAsync()
    {
        var result = await Factory.GraphQLAsync("sist-on.localhost",
            """mutation { requestLoginCode(input: { email: "employer@sist-on.demo" }) { sent errors { code } } }""");
        Assert.True(result.GetProperty("data").GetProperty("requestLoginCode").GetProperty("sent").GetBoolean(), result.ToString());
    }

    /// <summary>What is left of the bulk is dropped, so that the next test's reset does not wait for it.</summary>
    private async Task DropUnsentAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.IgnoreQueryFilters()
            .Where(e => e.SentAt == null && e.Bulk).ExecuteDeleteAsync();
    }

    [Fact]
    public async Task A_sign_in_code_of_one_tenant_does_not_wait_for_another_tenants_billing_run()
    {
        await DemoData.SeedAsync(Factory.Services);
        await QueueBulkAsync("sstrn");
        await WaitForBulkDeliveryToStartAsync("sstrn"); // the loop is in the middle of sstrn's e-mails

        var before = BulkReceived("sstrn");
        await RequestCodeAsync();
        await Factory.Smtp.WaitForMessageAsync(Employer, seconds: 60); // the count below decides, not the time (a loaded machine sends slowly)

        // Meanwhile sstrn had a batch in progress and at most a batch a round: far from its 2,000.
        var after = BulkReceived("sstrn");
        await DropUnsentAsync();
        Assert.InRange(after - before, 0, 4 * OutboxDelivery.BatchSize);
    }

    [Fact]
    public async Task A_sign_in_code_leaves_before_its_own_tenants_bulk_emails()
    {
        await DemoData.SeedAsync(Factory.Services);
        await QueueBulkAsync("sist-on");
        await WaitForBulkDeliveryToStartAsync("sist-on");

        var before = BulkReceived("sist-on");
        await RequestCodeAsync();
        await Factory.Smtp.WaitForMessageAsync(Employer, seconds: 60); // the count below decides, not the time (a loaded machine sends slowly)

        // Read before the tenant's next batch of invoices: the one in progress ends, then the code goes first.
        var after = BulkReceived("sist-on");
        await DropUnsentAsync();
        Assert.InRange(after - before, 0, 3 * OutboxDelivery.BatchSize);
    }

    [Fact]
    public async Task A_retry_leaves_when_due_and_not_before()
    {
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            // Two messages that failed once: one due a second ago, one in five minutes.
            foreach (var (to, next) in new[] { ("echu@example.fr", now.AddSeconds(-1)), ("plus-tard@example.fr", now.AddMinutes(5)) })
            {
                var email = outbox.Message(to, new EmailContent(to, $"<p>{to}</p>", to));
                email.Attempts = 1;
                email.NextAttemptAt = next;
                db.OutboxEmails.Add(email);
            }
            await db.SaveChangesAsync();
        }

        await Factory.Smtp.WaitForMessageAsync("echu@example.fr", seconds: 10);
        await Task.Delay(1000); // five more passes of the loop
        Assert.Empty(Factory.Smtp.MessagesTo("plus-tard@example.fr"));

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await Factory.Smtp.WaitForMessageAsync("plus-tard@example.fr", seconds: 10);
        Assert.Single(Factory.Smtp.MessagesTo("echu@example.fr"));
    }

    [Fact]
    public async Task A_message_that_cannot_be_built_is_set_aside_and_does_not_hold_back_the_next()
    {
        Guid broken;
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            // An address no parser takes, queued before a good message (it would lead every batch).
            var bad = outbox.Message("pas une adresse@@", new EmailContent("Cassé", "<p>Cassé</p>", "Cassé"));
            broken = bad.Id;
            db.OutboxEmails.Add(bad);
            db.OutboxEmails.Add(outbox.Message("apres@example.fr", new EmailContent("Après", "<p>Après</p>", "Après")));
            await db.SaveChangesAsync();
        }

        await Factory.Smtp.WaitForMessageAsync("apres@example.fr", seconds: 10);
        Factory.Clock.Advance(TimeSpan.FromDays(2)); // past every retry delay
        await Task.Delay(1000); // five more passes of the loop
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var row = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == broken);
            Assert.Null(row.SentAt);
            Assert.Equal(1, row.Attempts); // tried once, set aside, not retried
            Assert.StartsWith("ParseException", row.LastError);
        }
    }
}
