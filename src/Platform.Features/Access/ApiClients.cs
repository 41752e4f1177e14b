using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Features.Auditing;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

/// <summary>
/// Software of an accountant firm signing in with client credentials. It acts as the person who
/// created it, on each tenant where that person has access. Belongs to no tenant (like the person).
/// </summary>
public sealed class ApiClient
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid UserId { get; init; }
    public required string ClientId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record ApiClientView(string ClientId, string Name, DateTimeOffset CreatedAt);
public sealed record NewApiClient(string ClientId, string ClientSecret);

public sealed class ApiClients(PlatformDbContext db, IdentityDb identity, CurrentUser currentUser, IOpenIddictApplicationManager applications, TimeProvider time,
    CrossTenant.CrossTenantReader crossTenant)
{
    public const string ClientCredentialsPermission = OpenIddictConstants.Permissions.GrantTypes.ClientCredentials;

    /// <summary>
    /// Whether the caller may create API access: an accountant firm, that is a person (not staff) who
    /// manages a company here and several companies in all. The employer of one company has its portal
    /// and no software to connect; their page does not offer it.
    /// </summary>
    public async Task<bool> OfferedAsync(CancellationToken ct = default) =>
        currentUser.UserId is { } userId && !currentUser.IsStaff && await db.Memberships.AnyAsync(m => m.UserId == userId, ct)
        && await crossTenant.CompanyCountAsync(userId, enough: 2, ct) >= 2;

    public static readonly UserError NotAFirm = new("NOT_A_FIRM",
        "L'accès API est réservé aux cabinets qui gèrent plusieurs entreprises : le portail suffit pour gérer votre entreprise.", null);

    public async Task<IReadOnlyList<ApiClientView>> MineAsync(CancellationToken ct = default)
    {
        var userId = currentUser.RequireUserId();
        var rows = await identity.ApiClients.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct);
        return rows.OrderBy(c => c.CreatedAt).Select(c => new ApiClientView(c.ClientId, c.Name, c.CreatedAt)).ToList();
    }

    /// <summary>The secret is returned once and stored only hashed (by OpenIddict).</summary>
    public async Task<Outcome<NewApiClient>> CreateAsync(string? name, CancellationToken ct = default)
    {
        currentUser.RequireUserId();
        if (currentUser.IsStaff) throw new AccessDeniedException(AccessDenial.Forbidden);
        // Read before the unit of work: counting reads every tenant, each in a scope of its own.
        if (!await OfferedAsync(ct)) return Outcome<NewApiClient>.Fail(NotAFirm);
        return await CreateCheckedAsync(name, ct);
    }

    private Task<Outcome<NewApiClient>> CreateCheckedAsync(string? name, CancellationToken ct) =>
        PersonAndTenant.RunAsync<Outcome<NewApiClient>>(db, identity, async () =>
        {
            var userId = currentUser.RequireUserId();
            if (currentUser.IsStaff) throw new AccessDeniedException(AccessDenial.Forbidden);
            if (!await db.Memberships.AnyAsync(m => m.UserId == userId, ct))
                return Outcome<NewApiClient>.Fail(new UserError("NO_COMPANY", "Un accès API n'a de sens qu'avec au moins une entreprise à gérer.", null));
            name = name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 100) return Outcome<NewApiClient>.Fail(new UserError("NAME_REQUIRED", "Nommez le logiciel (100 caractères au plus).", "name"));
            if (await identity.ApiClients.CountAsync(c => c.UserId == userId, ct) >= 10)
                return Outcome<NewApiClient>.Fail(new UserError("TOO_MANY_CLIENTS", "Dix accès API au plus : révoquez-en un d'abord.", "name"));

            var clientId = "cabinet-" + OneTimeSecrets.NewLinkToken()[..16].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y');
            var secret = OneTimeSecrets.NewLinkToken();
            // Without a shared transaction (a tenant with its own database), the record first: a failure
            // afterwards leaves a record of a client that never came to be (create it again), never a working
            // client that no record shows.
            db.AuditEntries.Record(time, userId, "api-client-created", "ApiClient", clientId);
            await db.SaveChangesAsync(ct);
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = clientId, ClientSecret = secret, ClientType = OpenIddictConstants.ClientTypes.Confidential, DisplayName = name,
                Permissions = { OpenIddictConstants.Permissions.Endpoints.Token, ClientCredentialsPermission },
            }, ct);
            identity.ApiClients.Add(new ApiClient { UserId = userId, ClientId = clientId, Name = name, CreatedAt = time.GetUtcNow() });
            await identity.SaveChangesAsync(ct);
            return Outcome<NewApiClient>.Ok(new NewApiClient(clientId, secret));
        }, ct);

    public Task<Outcome> RevokeAsync(string? clientId, CancellationToken ct = default) =>
        PersonAndTenant.RunAsync<Outcome>(db, identity, async () =>
        {
            var userId = currentUser.RequireUserId();
            var client = await identity.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId && c.UserId == userId, ct);
            if (client is null) return new UserError("NOT_FOUND", "Cet accès API n'existe pas.", "clientId");
            if (await applications.FindByClientIdAsync(client.ClientId, ct) is { } application) await applications.DeleteAsync(application, ct);
            identity.ApiClients.Remove(client);
            db.AuditEntries.Record(time, userId, "api-client-revoked", "ApiClient", client.ClientId);
            // Without a shared transaction, the revocation first: a revoked client never keeps working for want of its record.
            await identity.SaveChangesAsync(ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }, ct);

    /// <summary>The person a client acts for on the current tenant, when they have access here.</summary>
    public async Task<User?> ActingUserAsync(string? clientId, CancellationToken ct = default)
    {
        var client = await identity.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null || !await db.Memberships.AnyAsync(m => m.UserId == client.UserId, ct)) return null;
        return await identity.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == client.UserId && !u.PendingActivation, ct);
    }
}
