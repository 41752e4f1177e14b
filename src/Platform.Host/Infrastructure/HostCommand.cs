namespace Platform.Host.Infrastructure;

/// <summary>
/// The host's command line: an optional command word first, then ASP.NET Core's own switches
/// (`--urls http://…`, `--environment=Production`). Only the first argument can be a command, so a
/// switch's value is never taken for one.
/// </summary>
public static class HostCommand
{
    public const string Migrate = "migrate";
    public const string SeedDemo = "seed-demo";
    /// <summary>Runs the nightly due-visit job of every tenant once and prints its figures (operators, bench/due-visits.sh).</summary>
    public const string RefreshDueVisits = "refresh-due-visits";

    /// <summary>The command (null: serve) and the arguments left for the host's configuration; or the unknown word.</summary>
    public static (string? Command, string[] HostArgs, string? Unknown) Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=')) return (null, args, null);
        return args[0] is Migrate or SeedDemo or RefreshDueVisits ? (args[0], args[1..], null) : (null, args, args[0]);
    }
}
