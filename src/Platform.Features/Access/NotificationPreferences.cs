using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

/// <summary>Who of a company receives which notifications; every kind keeps at least one recipient.</summary>
public sealed class NotificationPreferences(PlatformDbContext db, CurrentUser currentUser, CompanyAccess access)
{
    public async Task<IReadOnlyDictionary<NotificationKind, bool>> MineAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        var userId = currentUser.UserId!.Value;
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => p.CompanyId == companyId && p.UserId == userId).ToListAsync(ct);
        return Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => rows.FirstOrDefault(r => r.Kind == k)?.Enabled ?? true);
    }

    public async Task<IReadOnlyList<UserError>> SetAsync(Guid companyId, NotificationKind kind, bool enabled, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewCompany, ct);
        var userId = currentUser.UserId!.Value;
        if (!enabled)
        {
            var others = await db.Memberships.Where(m => m.CompanyId == companyId && m.UserId != userId).Select(m => m.UserId).ToListAsync(ct);
            var optedOut = await db.NotificationPreferences.Where(p => p.CompanyId == companyId && p.Kind == kind && !p.Enabled).Select(p => p.UserId).ToListAsync(ct);
            if (!others.Except(optedOut).Any())
                return [new UserError("LAST_RECIPIENT", "Au moins un utilisateur de l'entreprise doit recevoir ces notifications : vous êtes le dernier.", "kind")];
        }
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.CompanyId == companyId && p.UserId == userId && p.Kind == kind, ct);
        if (row is null) db.NotificationPreferences.Add(new NotificationPreference { CompanyId = companyId, UserId = userId, Kind = kind, Enabled = enabled });
        else row.Enabled = enabled;
        await db.SaveChangesAsync(ct);
        return [];
    }
}
