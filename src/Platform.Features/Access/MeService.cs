using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

public sealed record MembershipView(CompanyView Company, IReadOnlyList<string> Roles);
public sealed record MeView(Guid Id, string Email, string FirstName, string LastName);

/// <summary>
/// The signed-in person (their companies: <see cref="CompanyAccess.MyMembershipsAsync"/>). It needs the
/// platform database only: a `me` request creates no tenant context.
/// </summary>
public sealed class MeService(IDbContextFactory<IdentityDb> identities, CurrentUser currentUser)
{
    // Compiled once: the most frequent signed-in query skips EF Core's expression tree work.
    private static readonly Func<IdentityDb, Guid, CancellationToken, Task<MeView?>> ById = EF.CompileAsyncQuery(
        (IdentityDb db, Guid id, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new MeView(u.Id, u.Email, u.FirstName, u.LastName)).SingleOrDefault());

    /// <summary>Null for anonymous callers (the contract's `me`). One query.</summary>
    public async Task<MeView?> GetAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return null;
        // A pooled context: returned to the pool as soon as the person is read.
        await using var identity = await identities.CreateDbContextAsync(ct);
        return await ById(identity, id, ct);
    }
}
