using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.TenantSettings;

public sealed record RuleChangeRequest(string Path, string ValueJson, bool ConfirmOutsideNationalRange = false);

public static class RuleChangeOutcome
{
    /// <summary>True when the only objection to a rule change is a rate outside the legal range: the administrator may confirm.</summary>
    public static bool NeedsConfirmation(this Outcome<TenantRules> outcome) =>
        outcome.Errors.Count > 0 && outcome.Errors.All(e => e.Code == RuleError.RateOutsideNationalRange);
}

public sealed record RuleChangeView(string Path, string OldValueJson, string NewValueJson, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>One rule's new value (JSON; null removes it) for <see cref="TenantRulesAdministration.ChangeManyAsync"/>.</summary>
public sealed record RuleValue(string Path, JsonNode? Value);

/// <summary>A rule an administrator changed: its value now and the file's (JSON text).</summary>
public sealed record RuleOverrideView(string Path, string ValueJson, string FileValueJson, DateTimeOffset UpdatedAt);

/// <summary>
/// A tenant administrator's changes to the rules of the current tenant: validated as a whole,
/// stored as an override that wins over the file, and audited (who, when, old value, new value).
/// Only the tenant's administrators may read or change them, whoever calls (portal, API, script).
/// </summary>
public sealed class TenantRulesAdministration(
    PlatformDbContext db, ITenantContext tenantContext, TenantRulesCache cache, TimeProvider time, CurrentUser currentUser,
    Nodes.RuleChangeSignal changeSignal, Documents.StoredFiles files)
{
    private Tenant Tenant => tenantContext.RequireTenant();

    /// <summary>The effective rules as the administrator edits them (file and overrides).</summary>
    public async Task<JsonObject> EffectiveJsonAsync()
    {
        currentUser.RequireTenantAdministrator();
        return (await cache.GetAsync(Tenant)).Json;
    }

    public async Task<Outcome<TenantRules>> ChangeAsync(RuleChangeRequest request, CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var path = request.Path.Trim();
        if (RulePaths.Problem(path) is { } problem)
            return new UserError("RULE_PATH_INVALID", problem, "path");
        JsonNode? value;
        try { value = JsonNode.Parse(request.ValueJson); }
        catch (JsonException) { return new UserError("RULE_VALUE_INVALID", "La valeur doit être du JSON valide.", "value"); }
        return await ChangeManyAsync([new RuleValue(path, value)], request.ConfirmOutsideNationalRange, ct);
    }

    /// <summary>
    /// Several rules at once (one form of the portal): applied together to the effective rules, validated as a
    /// whole, then each changed rule stored as its own override and recorded in the history, in one transaction.
    /// </summary>
    public async Task<Outcome<TenantRules>> ChangeManyAsync(IReadOnlyList<RuleValue> values, bool confirmOutsideNationalRange = false,
        CancellationToken ct = default)
    {
        var userId = currentUser.RequireTenantAdministrator();
        var actor = new Actor(userId, currentUser.DisplayName ?? userId.ToString());
        foreach (var v in values)
            if (RulePaths.Problem(v.Path) is { } problem)
                return new UserError("RULE_PATH_INVALID", problem, v.Path);

        var current = await cache.GetAsync(Tenant);
        var candidate = RulePaths.Apply(current.Json, values.Select(v => (v.Path, v.Value)));
        var (rules, errors) = Check(candidate);
        if (errors.Count > 0 && confirmOutsideNationalRange && errors.All(e => e.Code == RuleError.RateOutsideNationalRange))
        {
            // The administrator confirmed the general assembly's approval: record it on those rates.
            foreach (var e in errors) MarkApproved(candidate, e.Field);
            (rules, errors) = Check(candidate);
        }
        if (errors.Count > 0) return Fail(errors);

        // Compared as typed rules, so that a form writing a default the file leaves out ("strengthMeter": false)
        // or an amount as 112.00 for 112 changes nothing and records nothing.
        var before = JsonSerializer.SerializeToNode(current.Rules, TenantRulesJson.Options)!.AsObject();
        var after = JsonSerializer.SerializeToNode(rules!, TenantRulesJson.Options)!.AsObject();
        var changed = values.Select(v => v.Path).Distinct()
            .Where(path => !JsonNode.DeepEquals(RulePaths.Get(before, path), RulePaths.Get(after, path)))
            .Select(path => (Path: path, Old: RulePaths.Get(current.Json, path), New: RulePaths.Get(candidate, path)))
            .ToList();
        if (changed.Count == 0) return Outcome<TenantRules>.Ok(rules!);

        var now = time.GetUtcNow();
        var stored = await db.TenantRuleOverrides.ToListAsync(ct);
        foreach (var (path, oldValue, newValue) in changed)
        {
            var newJson = Json(newValue);
            // The new value at this path includes everything under it: overrides of its parts would hide it.
            foreach (var below in stored.Where(o => RulePaths.IsUnder(o.Path, path)).ToList())
            {
                db.TenantRuleOverrides.Remove(below);
                stored.Remove(below);
            }
            var existing = stored.SingleOrDefault(o => o.Path == path);
            if (existing is null)
            {
                existing = new TenantRuleOverride { Path = path, ValueJson = newJson, UpdatedAt = now, UpdatedByUserId = actor.UserId };
                db.TenantRuleOverrides.Add(existing);
                stored.Add(existing);
            }
            else
            {
                existing.ValueJson = newJson;
                existing.UpdatedAt = now;
                existing.UpdatedByUserId = actor.UserId;
            }
            Record(actor, now, path, Json(oldValue), newJson);
        }
        await SaveAsync(ct);
        return Outcome<TenantRules>.Ok(rules!);
    }

    /// <summary>
    /// Goes back to the tenant file's value for one rule: its override is removed, provided the rules still
    /// validate as a whole without it. Recorded in the history like any change.
    /// </summary>
    public async Task<Outcome<TenantRules>> RevertAsync(string path, CancellationToken ct = default)
    {
        var userId = currentUser.RequireTenantAdministrator();
        var actor = new Actor(userId, currentUser.DisplayName ?? userId.ToString());
        var stored = await db.TenantRuleOverrides.ToListAsync(ct);
        var target = stored.SingleOrDefault(o => o.Path == path);
        if (target is null)
            return new UserError("RULE_NOT_OVERRIDDEN", "Cette règle a déjà la valeur du fichier.", path);

        var current = await cache.GetAsync(Tenant);
        var remaining = stored.Where(o => o != target).ToList();
        var candidate = RulePaths.Apply(Tenant.FileJson, RulePaths.InApplyOrder(remaining.Select(o => (o.Path, JsonNode.Parse(o.ValueJson)))));
        var (rules, errors) = Check(candidate);
        if (errors.Count > 0)
            return Fail(errors.Select(e => e with
            {
                Message = "impossible de revenir à la valeur du fichier, qui ne s'accorde pas avec les autres règles en vigueur : " + e.Message,
            }).ToList());

        db.TenantRuleOverrides.Remove(target);
        Record(actor, time.GetUtcNow(), path, Json(RulePaths.Get(current.Json, path)), Json(RulePaths.Get(candidate, path)));
        await SaveAsync(ct);
        return Outcome<TenantRules>.Ok(rules!);
    }

    /// <summary>The rules an administrator changed, with their value now and the file's.</summary>
    public async Task<IReadOnlyList<RuleOverrideView>> OverridesAsync(CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var current = await cache.GetAsync(Tenant);
        var rows = await db.TenantRuleOverrides.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(o => o.Path, StringComparer.Ordinal)
            .Select(o => new RuleOverrideView(o.Path, Json(RulePaths.Get(current.Json, o.Path)), Json(RulePaths.Get(Tenant.FileJson, o.Path)), o.UpdatedAt))
            .ToList();
    }

    /// <summary>The reviewed file's rules, to tell its values from the administrator's.</summary>
    public JsonObject FileJson()
    {
        currentUser.RequireTenantAdministrator();
        return (JsonObject)Tenant.FileJson.DeepClone();
    }

    /// <summary>
    /// A new logo: an SVG (sanitised) or a PNG, size-limited, stored with the tenant's files and put in force
    /// through the theme.logo rule (validated, recorded, revertible like any rule).
    /// </summary>
    public async Task<Outcome<TenantRules>> UploadLogoAsync(string fileName, byte[] content, CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var (prepared, error) = TenantLogos.Prepare(fileName, content);
        if (error is not null) return error;
        var id = Guid.CreateVersion7();
        await files.SaveAsync(id, prepared!.Content, ct, Documents.StoredFiles.Logos);
        var outcome = await ChangeManyAsync([new RuleValue("theme.logo", JsonValue.Create(TenantLogos.NameOf(id, prepared.Extension)))], ct: ct);
        if (!outcome.Succeeded) files.Delete(id, Documents.StoredFiles.Logos);
        return outcome;
    }

    private void Record(Actor actor, DateTimeOffset now, string path, string oldJson, string newJson)
    {
        db.TenantRuleChanges.Add(new TenantRuleChange
        {
            Path = path, OldValueJson = oldJson, NewValueJson = newJson,
            ChangedAt = now, ChangedByUserId = actor.UserId, ChangedByName = actor.DisplayName,
        });
        db.AuditEntries.Record(time, actor.UserId, "tenant-rule-changed", "TenantRules", path, newJson);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        cache.Invalidate(Tenant);
        await changeSignal.RaiseAsync(Tenant, ct);
    }

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static Outcome<TenantRules> Fail(IReadOnlyList<RuleError> errors) =>
        Outcome<TenantRules>.Fail(errors.Select(e => new UserError(e.Code ?? "RULE_INVALID", e.Message, e.Field.TrimStart('$', '.'))).ToList());

    public async Task<IReadOnlyList<RuleChangeView>> HistoryAsync(CancellationToken ct = default)
    {
        currentUser.RequireTenantAdministrator();
        var rows = await db.TenantRuleChanges.AsNoTracking().ToListAsync(ct);
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and a tenant's history is short.
        return rows.OrderByDescending(c => c.ChangedAt)
            .Select(c => new RuleChangeView(c.Path, c.OldValueJson, c.NewValueJson, c.ChangedAt, c.ChangedByName))
            .ToList();
    }

    private static (TenantRules?, IReadOnlyList<RuleError>) Check(JsonObject candidate)
    {
        var (rules, error) = TenantRulesJson.Parse(candidate);
        return rules is null ? (null, [error!]) : (rules, TenantRulesValidator.Validate(rules));
    }

    // Field is like "$.rates[1].perEmployee".
    private static void MarkApproved(JsonObject root, string field)
    {
        var start = field.IndexOf('[') + 1;
        var index = int.Parse(field[start..field.IndexOf(']')]);
        if (root["rates"] is JsonArray rates && rates[index] is JsonObject rate)
            rate["approvedOutsideNationalRange"] = true;
    }
}
