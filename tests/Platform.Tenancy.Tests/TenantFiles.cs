using System.Text.Json.Nodes;

namespace Platform.Tenancy.Tests;

/// <summary>A private copy of the shipped tenants folder, for tests that break one file on purpose.</summary>
public sealed class TenantFiles : IDisposable
{
    public static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "tenants");

    public TenantFiles()
    {
        Root = Directory.CreateTempSubdirectory("tenants-").FullName;
        foreach (var sub in new[] { "config", "assets" })
        {
            Directory.CreateDirectory(Path.Combine(Root, sub));
            foreach (var file in Directory.GetFiles(Path.Combine(Shipped, sub)))
                File.Copy(file, Path.Combine(Root, sub, Path.GetFileName(file)));
        }
    }

    public string Root { get; }

    public TenancyOptions Options => new()
    {
        ConfigDirectory = Path.Combine(Root, "config"),
        AssetsDirectory = Path.Combine(Root, "assets"),
        AllowLocalhost = true,
    };

    public static TenancyOptions ShippedOptions(string? domain = null, bool localhost = true) => new()
    {
        ConfigDirectory = Path.Combine(Shipped, "config"),
        AssetsDirectory = Path.Combine(Shipped, "assets"),
        AllowLocalhost = localhost,
        PlatformDomain = domain,
    };

    public void Edit(string slug, Action<JsonObject> edit)
    {
        var path = Path.Combine(Root, "config", slug + ".json");
        var json = Rules.TenantRulesJson.ParseNode(File.ReadAllText(path)).AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    public void Write(string slug, string text) => File.WriteAllText(Path.Combine(Root, "config", slug + ".json"), text);

    /// <summary>The problems the host would stop with.</summary>
    public IReadOnlyList<string> Problems()
    {
        try
        {
            TenantCatalog.Load(Options);
            return [];
        }
        catch (TenantConfigurationException e)
        {
            Assert.Contains("Configuration des tenants invalide", e.Message);
            return e.Problems;
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
