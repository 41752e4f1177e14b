using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>The SMTP server is down when the first attempt is made; the job's retries deliver later.</summary>
public sealed class SmtpDownFactory : PlatformFactory
{
    public int SmtpPort { get; } = SmtpTestServer.FreePort();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Email:Transport", "Smtp"),
        ("Email:Smtp:Host", "127.0.0.1"),
        ("Email:Smtp:Port", SmtpPort.ToString()),
        ("Email:DeliveryIntervalSeconds", "3600"), // this test drives delivery itself
    ];
}

public sealed class OutboxRetryTests(SmtpDownFactory factory) : PlatformTest<SmtpDownFactory>(factory)
{
    private async Task<int> DeliverAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_until_it_succeeds()
    {
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Enqueue("destinataire@example.fr", new EmailContent("Sujet", "<p>Corps</p>", "Corps"));
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        }

        Assert.Equal(0, await DeliverAsync());
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var email = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.SingleAsync();
            Assert.Equal(1, email.Attempts);
            Assert.Null(email.SentAt);
            Assert.InRange(email.NextAttemptAt - Factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
            Assert.DoesNotContain("destinataire", email.LastError);
        }
        Assert.Equal(0, await DeliverAsync()); // not due yet: nothing tried

        await using var smtp = await SmtpTestServer.StartAsync(Factory.SmtpPort);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await DeliverAsync());
        var message = await smtp.WaitForMessageAsync("destinataire@example.fr", seconds: 5);
        Assert.Equal("Sujet", message.Subject);
        Assert.Equal(0, await DeliverAsync()); // sent once only
    }
}
