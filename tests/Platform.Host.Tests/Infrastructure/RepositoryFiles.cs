namespace Platform.Host.Tests.Infrastructure;

/// <summary>Files of the checkout: schema.graphql, the API contract (api/contract.graphql), the tenant files.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Copies tenants/config and tenants/assets under <paramref name="directory"/>, for tests that change a tenant file.</summary>
    public static void CopyTenantsTo(string directory)
    {
        foreach (var sub in new[] { "config", "assets" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(directory, sub));
            foreach (var file in Directory.GetFiles(Path("tenants", sub)))
                File.Copy(file, System.IO.Path.Combine(directory, sub, System.IO.Path.GetFileName(file)));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln introuvable au-dessus de " + AppContext.BaseDirectory);
    }
}
