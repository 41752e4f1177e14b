using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Persistence;

namespace Platform.Features.Notifications;

/// <summary>
/// Who of a company receives an e-mail of one kind: the members who have not unticked it (seed 002,
/// « Modifier les notifications »). Every e-mail sent on behalf of a company picks its recipients here,
/// and every kind keeps at least one recipient.
/// </summary>
public sealed class NotificationRecipients(PlatformDbContext db, IdentityDb identity)
{
    /// <summary>
    /// The members, among those whose roles make them <paramref name="eligible"/> (e.g. the administrators
    /// who decide a démarche), who receive <paramref name="kind"/>. When every eligible member unticked it,
    /// all of them still get it: the e-mail asks for something only they can do.
    /// </summary>
    public async Task<IReadOnlyList<User>> ForAsync(Guid companyId, NotificationKind kind, Func<IReadOnlyList<string>, bool>? eligible = null, CancellationToken ct = default)
    {
        var memberships = (await db.Memberships.Where(m => m.CompanyId == companyId).Select(m => new { m.UserId, m.Roles }).ToListAsync(ct))
            .Where(m => eligible?.Invoke(m.Roles) ?? true).ToList();
        var people = await identity.PeopleAsync(memberships.Select(m => m.UserId), ct);
        var members = memberships.Where(m => people.ContainsKey(m.UserId)).Select(m => new { m.Roles, User = people[m.UserId] }).ToList();
        var optedOut = await OptedOutAsync(companyId, kind, ct);
        var willing = members.Where(m => !optedOut.Contains(m.User.Id)).ToList();
        return (willing.Count > 0 ? willing : members).Select(m => m.User).ToList();
    }

    /// <summary>
    /// <see cref="ForAsync"/> for many companies at once (billing runs): the same rule, three queries
    /// whatever the number of companies (memberships, people, preferences).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<User>>> ForCompaniesAsync(IReadOnlyCollection<Guid> companyIds, NotificationKind kind,
        Func<IReadOnlyList<string>, bool>? eligible = null, CancellationToken ct = default)
    {
        var memberships = (await db.Memberships.Where(m => companyIds.Contains(m.CompanyId)).Select(m => new { m.CompanyId, m.UserId, m.Roles }).ToListAsync(ct))
            .Where(m => eligible?.Invoke(m.Roles) ?? true).ToList();
        // People are platform rows (IdentityDb): read apart, by key.
        var people = await identity.PeopleAsync(memberships.Select(m => m.UserId), ct);
        var members = memberships.Where(m => people.ContainsKey(m.UserId))
            .Select(m => new { m.CompanyId, m.Roles, User = people[m.UserId] }).ToLookup(m => m.CompanyId);
        var optedOut = (await db.NotificationPreferences.Where(p => companyIds.Contains(p.CompanyId) && p.Kind == kind && !p.Enabled)
            .Select(p => new { p.CompanyId, p.UserId }).ToListAsync(ct)).Select(p => (p.CompanyId, p.UserId)).ToHashSet();
        var result = new Dictionary<Guid, IReadOnlyList<User>>();
        foreach (var company in members)
        {
            var willing = company.Where(m => !optedOut.Contains((company.Key, m.User.Id))).ToList();
            result[company.Key] = (willing.Count > 0 ? willing : company.ToList()).Select(m => m.User).ToList();
        }
        return result;
    }

    /// <summary>Whether nobody but <paramref name="userId"/> receives <paramref name="kind"/> for the company.</summary>
    public async Task<bool> IsLastRecipientAsync(Guid companyId, Guid userId, NotificationKind kind, CancellationToken ct = default)
    {
        var others = await db.Memberships.Where(m => m.CompanyId == companyId && m.UserId != userId).Select(m => m.UserId).ToListAsync(ct);
        var optedOut = await OptedOutAsync(companyId, kind, ct);
        return !others.Except(optedOut).Any();
    }

    /// <summary>
    /// When <paramref name="leavingUserId"/> leaves the company, each kind that only they received goes to
    /// an administrator who stays (or to whoever stays), so that no kind is left without a recipient.
    /// Adds to the unit of work; the caller saves.
    /// </summary>
    public async Task KeepEveryKindCoveredAsync(Guid companyId, Guid leavingUserId, CancellationToken ct = default)
    {
        var staying = (await db.Memberships.Where(m => m.CompanyId == companyId && m.UserId != leavingUserId).ToListAsync(ct))
            .OrderByDescending(m => m.Roles.Contains(CompanyRoles.Administrator)).ThenBy(m => m.CreatedAt).ToList();
        if (staying.Count == 0) return;
        var heir = staying[0].UserId;
        var rows = await db.NotificationPreferences.Where(p => p.CompanyId == companyId && p.UserId != leavingUserId).ToListAsync(ct);
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            var optedOut = rows.Where(r => r.Kind == kind && !r.Enabled).Select(r => r.UserId).ToHashSet();
            if (staying.Any(m => !optedOut.Contains(m.UserId))) continue;
            rows.Single(r => r.Kind == kind && r.UserId == heir).Enabled = true;
        }
    }

    private async Task<List<Guid>> OptedOutAsync(Guid companyId, NotificationKind kind, CancellationToken ct) =>
        await db.NotificationPreferences.Where(p => p.CompanyId == companyId && p.Kind == kind && !p.Enabled).Select(p => p.UserId).ToListAsync(ct);
}
