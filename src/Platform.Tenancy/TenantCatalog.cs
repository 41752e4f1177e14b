using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Tenancy.Rules;

namespace Platform.Tenancy;

/// <summary>
/// The tenants this deployment serves, read once at start-up from tenants/config/*.json. Any bad
/// file stops the host with a message naming the file and the field.
/// </summary>
public sealed class TenantCatalog
{
    private readonly FrozenDictionary<string, Tenant> bySlug;
    private readonly FrozenDictionary<string, Tenant> byHost;

    public TenantCatalog(IReadOnlyList<Tenant> tenants, TenancyOptions options)
    {
        All = tenants;
        bySlug = tenants.ToFrozenDictionary(t => t.Slug, StringComparer.Ordinal);
        var hosts = new Dictionary<string, Tenant>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var tenant in tenants)
        {
            foreach (var host in HostsOf(tenant, options))
            {
                if (hosts.TryGetValue(host, out var other) && other != tenant)
                    problems.Add($"{tenant.SourceFile} : $.hosts : l'hôte {host} est déjà celui de {other.Slug}");
                hosts[host] = tenant;
            }
        }
        if (problems.Count > 0) throw new TenantConfigurationException(problems);
        byHost = hosts.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Tenant> All { get; }

    public Tenant? FindBySlug(string slug) => bySlug.GetValueOrDefault(slug);

    /// <summary>The tenant a request's host names (without port), or null: never a default tenant.</summary>
    public Tenant? FindByHost(string host) => byHost.GetValueOrDefault(host.TrimEnd('.'));

    public IEnumerable<string> HostNames => byHost.Keys;

    private static IEnumerable<string> HostsOf(Tenant t, TenancyOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PlatformDomain)) yield return $"{t.Slug}.{options.PlatformDomain.Trim('.')}";
        if (options.AllowLocalhost) yield return $"{t.Slug}.localhost";
        foreach (var h in t.FileRules.Hosts) yield return h;
    }

    public static TenantCatalog Load(TenancyOptions options)
    {
        var dir = options.ConfigDirectory;
        if (!Directory.Exists(dir))
            throw new TenantConfigurationException([$"{dir} : dossier de configuration des tenants introuvable"]);
        var problems = new List<string>();
        var tenants = new List<Tenant>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var (tenant, errors) = LoadFile(file, options.AssetsDirectory);
            problems.AddRange(errors.Select(e => $"{Path.GetFileName(file)} : {e}"));
            if (tenant is not null) tenants.Add(tenant);
        }
        if (tenants.Count == 0 && problems.Count == 0) problems.Add($"{dir} : aucun fichier de tenant (*.json)");
        if (problems.Count > 0) throw new TenantConfigurationException(problems);
        return new TenantCatalog(tenants, options);
    }

    public static (Tenant? Tenant, IReadOnlyList<RuleError> Errors) LoadFile(string file, string assetsDirectory)
    {
        JsonObject json;
        try
        {
            json = TenantRulesJson.ParseNode(File.ReadAllText(file)) as JsonObject
                   ?? throw new JsonException("objet JSON attendu");
        }
        catch (JsonException e)
        {
            return (null, [new RuleError($"ligne {e.LineNumber + 1}", "JSON mal formé")]);
        }
        var (rules, error) = TenantRulesJson.Parse(json);
        if (rules is null) return (null, [error!]);
        var errors = TenantRulesValidator.Validate(rules, logo => File.Exists(Path.Combine(assetsDirectory, logo))).ToList();
        var expectedSlug = Path.GetFileNameWithoutExtension(file);
        if (rules.Slug != expectedSlug)
            errors.Add(new RuleError("$.slug", $"doit être « {expectedSlug} », le nom du fichier"));
        return errors.Count > 0 ? (null, errors) : (new Tenant(rules.Slug, rules, json, Path.GetFileName(file)), []);
    }
}
