namespace Platform.Host.Infrastructure;

/// <summary>Where the platform keeps its files: data/ under the working directory, or $PLATFORM_DATA_DIR.</summary>
public sealed record PlatformPaths(string DataDirectory, string TenantConfigDirectory, string TenantAssetsDirectory)
{
    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");
    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");

    public static PlatformPaths From(IConfiguration configuration)
    {
        var data = Environment.GetEnvironmentVariable("PLATFORM_DATA_DIR") is { Length: > 0 } fromEnv
            ? fromEnv
            : configuration["Platform:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), "data");
        data = Path.GetFullPath(data);
        Directory.CreateDirectory(data);
        var tenants = configuration["Tenancy:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "tenants");
        return new PlatformPaths(data, Path.Combine(tenants, "config"), Path.Combine(tenants, "assets"));
    }
}
