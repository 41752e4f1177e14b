namespace Platform.Features;

/// <summary>
/// The name of this process among the platform's nodes: written on the outbox rows it claims, so that
/// operators see which node sent what. Platform:NodeId in configuration, else host name and process id.
/// </summary>
public sealed record NodeIdentity(string Id)
{
    public const int MaxLength = 100;

    public static NodeIdentity ForThisProcess(string? configured = null)
    {
        var id = configured is { Length: > 0 } ? configured : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        return new(id.Length > MaxLength ? id[..MaxLength] : id);
    }
}
