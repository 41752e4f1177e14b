using Microsoft.EntityFrameworkCore;
using Platform.Features.Auditing;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>
/// The tenant's lockout rule over failed sign-ins (and wrong current passwords on /compte): a temporary
/// lock (sstrn) or a block until unlocked (sst68). A blocked owner is e-mailed a single-use link that
/// unlocks the account, so that a stranger who blocks it cannot keep its owner out until staff answer.
/// </summary>
/// <summary>What a password check under the lockout found (SignInLockout.CheckPasswordAsync).</summary>
public sealed record PasswordCheck(SignInGuard? Guard, UserError? Refused, bool WrongPassword);

public sealed class SignInLockout(PlatformDbContext db, EmailLinks links, EmailOutbox outbox, TimeProvider time)
{
    public const string UnlockPath = "/deblocage";
    public static readonly TimeSpan UnlockLinkLifetime = TimeSpan.FromHours(24);

    public Task<SignInGuard?> GuardAsync(Guid userId, CancellationToken ct) =>
        db.SignInGuards.SingleOrDefaultAsync(g => g.UserId == userId, ct);

    /// <summary>The message for a locked or blocked account, or null when it may try.</summary>
    public UserError? Locked(SignInGuard? guard, LockoutRule rule)
    {
        if (guard is null) return null;
        var now = time.GetUtcNow();
        if (guard.BlockedUntilUnlocked)
            return new UserError("ACCOUNT_BLOCKED", rule.Message ?? "Votre espace a été bloqué. Contactez votre service de santé au travail.", "identifier");
        if (guard.LockedUntil is { } until && until > now)
        {
            var minutes = (int)Math.Ceiling((until - now).TotalMinutes);
            return new UserError("ACCOUNT_LOCKED",
                $"Votre compte est bloqué pendant encore {minutes} minute{(minutes > 1 ? "s" : "")} après plusieurs essais infructueux.", "identifier");
        }
        return null;
    }

    /// <summary>
    /// A known account's password, checked under the tenant's lockout, wherever a password is asked (sign-in,
    /// /compte, an sst68 invitation). Refused is null when the password is right; otherwise the lock's message
    /// (locked already, or by this failure) or <paramref name="wrong"/>. WrongPassword says a failure was counted.
    /// </summary>
    public async Task<PasswordCheck> CheckPasswordAsync(User user, string? password, TenantRules rules, UserError wrong, string? siteUrl, CancellationToken ct)
    {
        var guard = await GuardAsync(user.Id, ct);
        if (Locked(guard, rules.Login.Lockout) is { } locked) return new(guard, locked, WrongPassword: false);
        if (user.PasswordHash is not null && Passwords.Verify(user.PasswordHash, password)) return new(guard, null, WrongPassword: false);
        var lockedNow = user.PasswordHash is null ? null : await RecordFailureAsync(user, guard, rules, siteUrl, ct);
        return new(guard, lockedNow ?? wrong, WrongPassword: true);
    }

    /// <summary>Counts a failure and saves; returns the lock it led to, if any.</summary>
    public async Task<UserError?> RecordFailureAsync(User user, SignInGuard? guard, TenantRules rules, string? siteUrl, CancellationToken ct)
    {
        var rule = rules.Login.Lockout;
        if (rule.Mode == LockoutMode.None) return null;
        var now = time.GetUtcNow();
        if (guard is null)
        {
            guard = new SignInGuard { UserId = user.Id };
            db.SignInGuards.Add(guard);
        }
        if (guard.LockedUntil is { } expired && expired <= now) guard.FailedAttempts = 0;
        guard.FailedAttempts++;
        UserError? locked = null;
        if (guard.FailedAttempts >= rule.MaxFailures)
        {
            if (rule.Mode == LockoutMode.UntilUnlockedByStaff)
            {
                guard.BlockedUntilUnlocked = true;
                if (siteUrl is not null)
                {
                    var token = await links.IssueAsync(user.Id, EmailLinkPurpose.AccountUnlock, UnlockLinkLifetime, ct);
                    outbox.Enqueue(user.Email, EmailTemplates.AccountBlocked(rules, $"{siteUrl.TrimEnd('/')}{UnlockPath}?jeton={token}", (int)UnlockLinkLifetime.TotalHours));
                }
            }
            else guard.LockedUntil = now.AddMinutes(rule.LockMinutes!.Value);
            guard.FailedAttempts = 0;
            locked = Locked(guard, rule);
        }
        await db.SaveChangesAsync(ct);
        return locked;
    }

    public static void Clear(SignInGuard? guard)
    {
        if (guard is null) return;
        guard.FailedAttempts = 0;
        guard.LockedUntil = null;
        guard.BlockedUntilUnlocked = false;
    }

    public async Task<bool> IsUnlockLinkValidAsync(string? token, CancellationToken ct) =>
        await links.FindValidAsync(token, EmailLinkPurpose.AccountUnlock, ct) is not null;

    /// <summary>The owner unlocks the account from the e-mailed link (once; the link expires after a day).</summary>
    public async Task<bool> UnlockWithLinkAsync(string? token, CancellationToken ct)
    {
        if (await links.FindValidAsync(token, EmailLinkPurpose.AccountUnlock, ct) is not { } link) return false;
        Clear(await GuardAsync(link.UserId, ct));
        links.MarkUsed(link);
        db.AuditEntries.Record(time, link.UserId, "account-unlocked-by-owner", "User", link.UserId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>
/// Lockouts of identifiers that name no account here, kept in memory (a day at most): an unknown member
/// number locks and answers as an account would, so that lockout messages do not tell which accounts exist.
/// </summary>
public sealed class UnknownAccountLockouts(TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil, bool Blocked, DateTimeOffset ForgetAt);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> entries = new();

    /// <summary>A guard-shaped view of the identifier's failures, for SignInLockout.Locked.</summary>
    public SignInGuard? Guard(string tenant, string? identifier) =>
        entries.TryGetValue(Key(tenant, identifier), out var e) && e.ForgetAt > time.GetUtcNow()
            ? new SignInGuard { UserId = Guid.Empty, FailedAttempts = e.Failures, LockedUntil = e.LockedUntil, BlockedUntilUnlocked = e.Blocked }
            : null;

    public void RecordFailure(string tenant, string? identifier, LockoutRule rule)
    {
        if (rule.Mode == LockoutMode.None || string.IsNullOrWhiteSpace(identifier)) return;
        var now = time.GetUtcNow();
        if (entries.Count >= MaxEntries)
            foreach (var old in entries.Where(p => p.Value.ForgetAt <= now).Select(p => p.Key).ToList()) entries.TryRemove(old, out _);
        entries.AddOrUpdate(Key(tenant, identifier), _ => Next(new Entry(0, null, false, now), rule, now), (_, e) => Next(e.ForgetAt <= now ? new Entry(0, null, false, now) : e, rule, now));
    }

    private static Entry Next(Entry e, LockoutRule rule, DateTimeOffset now)
    {
        var failures = e.LockedUntil is { } until && until <= now ? 1 : e.Failures + 1;
        if (failures < rule.MaxFailures) return e with { Failures = failures, LockedUntil = null, ForgetAt = now.AddDays(1) };
        return rule.Mode == LockoutMode.UntilUnlockedByStaff
            ? new Entry(0, null, true, now.AddDays(1))
            : new Entry(0, now.AddMinutes(rule.LockMinutes!.Value), false, now.AddDays(1));
    }

    private static string Key(string tenant, string? identifier) => $"{tenant}|{(identifier ?? "").Trim().ToUpperInvariant()}";
}
