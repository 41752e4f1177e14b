using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Jobs;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

public sealed class TokenPruneTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<int> TokenCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync();
    }

    [Fact]
    public async Task Expired_refresh_tokens_are_pruned_and_live_ones_kept()
    {
        await DemoData.SeedAsync(Factory.Services);
        await Factory.ClientFor("sstrn.localhost").PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = "employer@sstrn.demo", ["password"] = DemoData.Password, ["scope"] = "offline_access",
        }));
        var stored = await TokenCountAsync();
        Assert.True(stored > 0);

        // A refresh token issued a month ago, expired two weeks ago.
        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictTokenManager>().CreateAsync(new OpenIddict.Abstractions.OpenIddictTokenDescriptor
            {
                Type = "refresh_token", Status = "valid", Subject = Guid.NewGuid().ToString(),
                CreationDate = DateTimeOffset.UtcNow.AddDays(-30), ExpirationDate = DateTimeOffset.UtcNow.AddDays(-16),
            });
        }
        Assert.Equal(stored + 1, await TokenCountAsync());

        var (pruned, _) = await TokenPruneJob.PruneAsync(Factory.Services, DateTimeOffset.UtcNow - TokenPruneJob.KeepFor);
        Assert.Equal(1, pruned);
        Assert.Equal(stored, await TokenCountAsync());
    }
}
