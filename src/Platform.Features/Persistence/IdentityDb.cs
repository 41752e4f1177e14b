using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.Features.Access;

namespace Platform.Features.Persistence;

/// <summary>
/// The platform rows: users, accountant firms' API clients and OpenIddict's applications,
/// authorizations, scopes and tokens (DESIGN.md 4). They belong to no tenant, so this context is
/// always bound to the platform database (ConnectionStrings:Platform), even in the scope of a tenant
/// whose file names its own database; the tenant's <see cref="PlatformDbContext"/> holds tenant rows
/// only. Nothing joins the two: a tenant row keeps a person's id, and reads the person here.
/// The tables are the same as in <see cref="PlatformDbContext"/>'s model, whose migrations create
/// them (this context never migrates); a test keeps the two mappings equal.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    /// <summary>The data-protection key ring (cookies, authenticator secrets, NIRs), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Whether rows of this type live in the platform database (and are refused by a tenant's context).</summary>
    public static bool Holds(Type type) =>
        type == typeof(User) || type == typeof(ApiClient) || type == typeof(DataProtectionKey)
        || type.Namespace == typeof(OpenIddictEntityFrameworkCoreToken).Namespace;

    /// <summary>The key ring's table, mapped the same way here and in PlatformDbContext (whose migrations create it).</summary>
    internal static void MapDataProtectionKeys(ModelBuilder b) => b.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");

    /// <summary>The people of these ids, read-only: the second half of what a join of tenant rows with users was.</summary>
    public async Task<Dictionary<Guid, User>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return [];
        return await Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        new UserConfiguration().Configure(b.Entity<User>());
        new ApiClientConfiguration().Configure(b.Entity<ApiClient>());
        MapDataProtectionKeys(b);
        b.UseOpenIddict();
    }
}
