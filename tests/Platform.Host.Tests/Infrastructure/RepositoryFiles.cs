namespace Platform.Host.Tests.Infrastructure;

/// <summary>Files of the checkout (schema.graphql) and of the shared folder beside it (the API contract).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln introuvable au-dessus de " + AppContext.BaseDirectory);
    }
}
