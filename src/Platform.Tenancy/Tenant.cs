using System.Text.Json.Nodes;
using Platform.Tenancy.Rules;

namespace Platform.Tenancy;

/// <summary>One tenant as its reviewed file defines it. Effective rules (with administrator overrides) come from Features.</summary>
public sealed record Tenant(string Slug, TenantRules FileRules, JsonObject FileJson, string SourceFile)
{
    public override string ToString() => Slug;
}

public sealed class TenancyOptions
{
    /// <summary>Production domain: tenants answer on {slug}.{PlatformDomain}.</summary>
    public string? PlatformDomain { get; set; }
    /// <summary>Development: tenants also answer on {slug}.localhost.</summary>
    public bool AllowLocalhost { get; set; }
    public string ConfigDirectory { get; set; } = "tenants/config";
    public string AssetsDirectory { get; set; } = "tenants/assets";
}

public sealed class TenantConfigurationException(IReadOnlyList<string> problems)
    : Exception("Configuration des tenants invalide :" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
