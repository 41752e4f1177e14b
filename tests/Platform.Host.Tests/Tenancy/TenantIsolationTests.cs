using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Tenancy;

/// <summary>DESIGN.md section 3 through the real host's services and database.</summary>
public sealed class TenantIsolationTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<Guid> CreateCompanyAsync(string tenant, string memberNumber, string name = "Boulangerie Durand")
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var company = new Company { MemberNumber = memberNumber, Siret = "73282932000074", Name = name };
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        Assert.Equal(tenant, company.TenantId);
        return company.Id;
    }

    [Fact]
    public async Task A_row_of_one_tenant_is_invisible_from_another()
    {
        var id = await CreateCompanyAsync("sstrn", "101.1");

        await using var other = Factory.Services.CreateTenantScope("sst68");
        var db = other.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Null(await db.Companies.FindAsync(id));
        Assert.Null(await db.Companies.SingleOrDefaultAsync(c => c.Id == id));
        Assert.Empty(await db.Companies.Where(c => c.MemberNumber == "101.1").ToListAsync());
        Assert.Equal(0, await db.Companies.CountAsync());

        await using var own = Factory.Services.CreateTenantScope("sstrn");
        var ownDb = own.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal("Boulangerie Durand", (await ownDb.Companies.SingleAsync(c => c.Id == id)).Name);
    }

    [Fact]
    public async Task A_row_of_one_tenant_cannot_be_updated_or_deleted_from_another()
    {
        var id = await CreateCompanyAsync("sstrn", "101.1");

        await using (var other = Factory.Services.CreateTenantScope("sist-on"))
        {
            var db = other.ServiceProvider.GetRequiredService<PlatformDbContext>();
            // Bulk statements go through the query filter: nothing matches.
            Assert.Equal(0, await db.Companies.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Piraté")));
            Assert.Equal(0, await db.Companies.Where(c => c.Id == id).ExecuteDeleteAsync());
        }
        await using (var other = Factory.Services.CreateTenantScope("sist-on"))
        {
            // A row smuggled in from elsewhere (attached with its real tenant) is refused on save.
            var db = other.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var foreign = new Company { Id = id, TenantId = "sstrn", MemberNumber = "101.1", Siret = "73282932000074", Name = "Piraté" };
            db.Companies.Update(foreign);
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
        await using (var other = Factory.Services.CreateTenantScope("sist-on"))
        {
            var db = other.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Companies.Remove(new Company { Id = id, TenantId = "sstrn", MemberNumber = "101.1", Siret = "73282932000074", Name = "x" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
        await using (var other = Factory.Services.CreateTenantScope("sist-on"))
        {
            // Claiming the row for one's own tenant does not work either: the original tenant is checked.
            var db = other.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var claimed = new Company { Id = id, TenantId = "sist-on", MemberNumber = "101.1", Siret = "73282932000074", Name = "Piraté" };
            db.Companies.Attach(claimed);
            db.Entry(claimed).Property(c => c.TenantId).OriginalValue = "sstrn";
            claimed.Name = "Piraté";
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }

        await using var own = Factory.Services.CreateTenantScope("sstrn");
        var company = await own.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.SingleAsync(c => c.Id == id);
        Assert.Equal("Boulangerie Durand", company.Name);
    }

    [Fact]
    public async Task Adding_a_row_for_another_tenant_is_refused()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Companies.Add(new Company { TenantId = "sst68", MemberNumber = "680001", Siret = "73282932000074", Name = "Autre" });
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_without_a_tenant_throws_and_writes_nothing()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            Assert.Null(db.TenantId);
            db.Companies.Add(new Company { MemberNumber = "1", Siret = "73282932000074", Name = "Sans tenant" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
            Assert.Throws<TenantIsolationException>(() => db.SaveChanges());
        }
        await using var check = Factory.Services.CreateAsyncScope();
        var all = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.IgnoreQueryFilters().CountAsync();
        Assert.Equal(0, all);
    }

    [Fact]
    public async Task A_context_without_a_tenant_reads_no_tenant_rows()
    {
        await CreateCompanyAsync("sstrn", "101.1");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(0, await db.Companies.CountAsync());
    }

    [Fact]
    public async Task Member_numbers_are_unique_per_tenant_not_platform_wide()
    {
        await CreateCompanyAsync("sstrn", "250001");
        await CreateCompanyAsync("sstbtp-bfc", "250001");
        await Assert.ThrowsAsync<DbUpdateException>(() => CreateCompanyAsync("sstrn", "250001", "Doublon"));
    }

    [Fact]
    public async Task The_suite_runs_on_the_database_of_its_lane()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(TestDatabase.UsesPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_platform_scope_writes_global_rows_but_never_a_tenant_row()
    {
        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            identity.Users.Add(new Platform.Features.Access.User { Email = "plateforme@example.fr", NormalizedEmail = "PLATEFORME@EXAMPLE.FR", FirstName = "P", LastName = "P" });
            await identity.SaveChangesAsync();
        }
        await using (var scope = Factory.Services.CreatePlatformScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Companies.Add(new Company { MemberNumber = "1", Siret = "73282932000074", Name = "Sans tenant" });
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
            Assert.Throws<TenantIsolationException>(() => scope.ServiceProvider.GetRequiredService<TenantContext>()
                .Set(Factory.Services.GetRequiredService<TenantCatalog>().FindBySlug("sstrn")!));
        }
        await using var check = Factory.Services.CreateAsyncScope();
        var rows = check.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<IdentityDb>().Users.CountAsync());
        Assert.Equal(0, await rows.Companies.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_tenant_scope_cannot_switch_tenant()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var context = scope.ServiceProvider.GetRequiredService<TenantContext>();
        var other = Factory.Services.GetRequiredService<TenantCatalog>().FindBySlug("sst68")!;
        Assert.Throws<TenantIsolationException>(() => context.Set(other));
    }
}
