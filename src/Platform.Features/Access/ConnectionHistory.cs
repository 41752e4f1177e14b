using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.Features.Access;

/// <summary>The last connections a person sees (tenant rule connectionHistorySize; none where it is 0).</summary>
public sealed class ConnectionHistory(PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache rulesCache)
{
    /// <summary>Adds a connection to the unit of work and drops those beyond what the tenant keeps.</summary>
    public async Task RecordAsync(Guid userId, string? ipAddress, string? browser, DateTimeOffset at, CancellationToken ct)
    {
        var keep = await KeepAsync();
        if (keep == 0) return;
        db.ConnectionRecords.Add(new ConnectionRecord
        {
            UserId = userId, At = at,
            IpAddress = ipAddress?[..Math.Min(45, ipAddress.Length)],
            Browser = browser?[..Math.Min(200, browser.Length)],
        });
        var older = (await db.ConnectionRecords.Where(c => c.UserId == userId).ToListAsync(ct))
            .OrderByDescending(c => c.At).Skip(keep - 1);
        db.ConnectionRecords.RemoveRange(older);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        var keep = await KeepAsync();
        if (keep == 0) return [];
        var rows = await db.ConnectionRecords.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct);
        return rows.OrderByDescending(c => c.At).Take(keep).ToList();
    }

    private async Task<int> KeepAsync() => (await rulesCache.GetAsync(tenantContext.Current!)).Rules.Login.ConnectionHistorySize;
}
