using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Hosting;

/// <summary>E-mail with the job store of production: the clustered one on PostgreSQL (SQLite: memory).</summary>
public sealed class ClusteredEmailFactory : EmailFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [.. base.Settings, ("Jobs:Clustered", "true")];
}

/// <summary>
/// The clock steps (an NTP correction, a virtual machine resumed; in tests, the business clock moved): e-mail
/// delivery goes on within seconds. It used to stall: delivery was a Quartz trigger, whose next firing is a
/// wall-clock instant (a step back held it by the step's size; a step forward left it misfired until the
/// clustered store's misfire pass), and a message queued before a step back waited for the clock to catch up.
/// </summary>
public sealed class ClockStepTests(ClusteredEmailFactory factory) : PlatformTest<ClusteredEmailFactory>(factory)
{
    private const string Employer = "employer@sist-on.demo";

    private async Task RequestCodeAsync()
    {
        var sent = await PortalClient.HtmlAsync(await Factory.PortalFor("sist-on.localhost").SubmitAsync("/connexion",
            new Dictionary<string, string> { ["Email"] = Employer }, "/connexion?handler=Code"));
        Assert.Contains("un code de connexion vient de lui être envoyé", sent);
    }

    [Fact]
    public async Task A_sign_in_code_arrives_within_seconds_after_the_clock_steps_forward()
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromHours(6));
        try
        {
            await RequestCodeAsync();
            await Factory.Smtp.WaitForMessageAsync(Employer, seconds: 10);
        }
        finally { Factory.Clock.Reset(); }
    }

    [Fact]
    public async Task A_sign_in_code_arrives_within_seconds_after_the_clock_steps_back()
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Clock.Advance(TimeSpan.FromHours(-6));
        try
        {
            await RequestCodeAsync();
            await Factory.Smtp.WaitForMessageAsync(Employer, seconds: 10);
        }
        finally { Factory.Clock.Reset(); }
    }

    [Fact]
    public async Task An_email_queued_just_before_the_clock_steps_back_still_leaves_within_seconds()
    {
        await using (var scope = Factory.Services.CreateTenantScope("sist-on"))
        {
            scope.ServiceProvider.GetRequiredService<EmailOutbox>()
                .Enqueue("salarie@example.fr", new EmailContent("Convocation", "<p>Convocation</p>", "Convocation"));
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        }
        Factory.Clock.Advance(TimeSpan.FromHours(-1));
        try
        {
            var message = await Factory.Smtp.WaitForMessageAsync("salarie@example.fr", seconds: 10);
            Assert.Equal("Convocation", message.Subject);
        }
        finally { Factory.Clock.Reset(); }
    }
}
