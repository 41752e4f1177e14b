using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Portal;

public sealed class DemoDataTests(PlatformFactory factory) : PlatformTest(factory)
{
    [Fact]
    public async Task Demo_data_creates_the_documented_accounts_once()
    {
        await DemoData.SeedAsync(Factory.Services);
        await DemoData.SeedAsync(Factory.Services); // idempotent

        var hasher = new PasswordHasher<User>();
        foreach (var (slug, number) in new[] { ("sst68", "680001"), ("sstrn", "101.1"), ("sist-on", "ON0001"), ("sstbtp-bfc", "250001") })
        {
            await using var scope = Factory.Services.CreateTenantScope(slug);
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var company = await db.Companies.SingleAsync(c => c.MemberNumber == number);
            Assert.True(Identifiers.IsValidSiret(company.Siret));
            Assert.Equal(2, await db.Companies.CountAsync());

            var employer = await identity.Users.SingleAsync(u => u.NormalizedEmail == $"EMPLOYER@{slug.ToUpperInvariant()}.DEMO");
            var membership = await db.Memberships.SingleAsync(m => m.UserId == employer.Id);
            Assert.Equal(company.Id, membership.CompanyId);
            Assert.Equal([CompanyRoles.Administrator], membership.Roles);
            // sist-on signs in with e-mailed codes: its employers have no password.
            if (slug == "sist-on") Assert.Null(employer.PasswordHash);
            else Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(employer, employer.PasswordHash!, DemoData.Password));

            var staff = await db.StaffMembers.ToListAsync();
            var people = await identity.PeopleAsync(staff.Select(s => s.UserId));
            var roles = staff.Select(s => new { people[s.UserId].Email, s.Role }).ToList();
            Assert.Contains(roles, r => r.Email == $"staff@{slug}.demo" && r.Role == StaffRole.Staff);
            Assert.Contains(roles, r => r.Email == $"admin@{slug}.demo" && r.Role == StaffRole.Administrator);

            var accountant = await identity.Users.SingleAsync(u => u.NormalizedEmail == "ACCOUNTANT@DEMO.FR");
            var client = await db.Memberships.SingleAsync(m => m.UserId == accountant.Id);
            Assert.NotEqual(company.Id, client.CompanyId);
        }

        await using var any = Factory.Services.CreateAsyncScope();
        Assert.Equal(13, await any.ServiceProvider.GetRequiredService<IdentityDb>().Users.CountAsync());
    }
}
