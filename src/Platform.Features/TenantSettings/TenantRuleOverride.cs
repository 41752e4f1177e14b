using Platform.Tenancy.Isolation;

namespace Platform.Features.TenantSettings;

/// <summary>A tenant administrator's value for one rule (a JSON path of the tenant file); wins over the file.</summary>
public sealed class TenantRuleOverride : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    /// <summary>Dotted path into the tenant file, e.g. "theme.primaryColor" or "rates".</summary>
    public required string Path { get; init; }
    public required string ValueJson { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedByUserId { get; set; }
}

/// <summary>The history of rule changes: who, when, old value, new value.</summary>
public sealed class TenantRuleChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required string Path { get; init; }
    /// <summary>The value in force before the change (from the file or an earlier override).</summary>
    public required string OldValueJson { get; init; }
    public required string NewValueJson { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    public Guid? ChangedByUserId { get; init; }
    public required string ChangedByName { get; init; }
}
