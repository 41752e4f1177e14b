using Microsoft.EntityFrameworkCore;
using Platform.Features.Notifications;
using Platform.Features.Persistence;

namespace Platform.Features.Access;

/// <summary>
/// Who of a company receives which notifications; every kind keeps at least one recipient. Each person
/// sets their own; a company administrator also sets another user's (seed 002, « Modifier les notifications »).
/// </summary>
public sealed class NotificationPreferences(PlatformDbContext db, CurrentUser currentUser, CompanyAccess access, NotificationRecipients recipients)
{
    public async Task<IReadOnlyDictionary<NotificationKind, bool>> MineAsync(Guid companyId, CancellationToken ct = default) =>
        await OfAsync(companyId, null, ct) ?? throw new AccessDeniedException(AccessDenial.Forbidden);

    /// <summary>A member's choices (the caller's when <paramref name="userId"/> is null); null when that person is not a member.</summary>
    public async Task<IReadOnlyDictionary<NotificationKind, bool>?> OfAsync(Guid companyId, Guid? userId, CancellationToken ct = default)
    {
        var target = await RequireMayEditAsync(companyId, userId, ct);
        if (!await db.Memberships.AnyAsync(m => m.CompanyId == companyId && m.UserId == target, ct)) return null;
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => p.CompanyId == companyId && p.UserId == target).ToListAsync(ct);
        return Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => rows.FirstOrDefault(r => r.Kind == k)?.Enabled ?? true);
    }

    public Task<Outcome> SetAsync(Guid companyId, NotificationKind kind, bool enabled, CancellationToken ct = default) =>
        SetAsync(companyId, null, kind, enabled, ct);

    /// <summary>Sets one kind for a member (the caller when <paramref name="userId"/> is null); the last recipient of a kind cannot untick it.</summary>
    public async Task<Outcome> SetAsync(Guid companyId, Guid? userId, NotificationKind kind, bool enabled, CancellationToken ct = default)
    {
        var target = await RequireMayEditAsync(companyId, userId, ct);
        if (!await db.Memberships.AnyAsync(m => m.CompanyId == companyId && m.UserId == target, ct))
            return Outcome.Fail(new UserError("NOT_A_MEMBER", "Cette personne n'a pas accès à l'entreprise.", "userId"));
        if (!enabled && await recipients.IsLastRecipientAsync(companyId, target, kind, ct))
            return Outcome.Fail(new UserError("LAST_RECIPIENT", target == currentUser.UserId
                ? "Au moins un utilisateur de l'entreprise doit recevoir ces notifications : vous êtes le dernier."
                : "Au moins un utilisateur de l'entreprise doit recevoir ces notifications : cette personne est la dernière à les recevoir.", "kind"));
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.CompanyId == companyId && p.UserId == target && p.Kind == kind, ct);
        if (row is null) db.NotificationPreferences.Add(new NotificationPreference { CompanyId = companyId, UserId = target, Kind = kind, Enabled = enabled });
        else row.Enabled = enabled;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Oneself with any role; another member only as a company administrator (Gérer les utilisateurs).</summary>
    private async Task<Guid> RequireMayEditAsync(Guid companyId, Guid? userId, CancellationToken ct)
    {
        var caller = currentUser.RequireUserId();
        await access.RequireAsync(companyId, userId is { } other && other != caller ? Permission.ManageUsers : Permission.ViewCompany, ct);
        return userId ?? caller;
    }
}
