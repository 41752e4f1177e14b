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

    /// <summary>Prints the commands and exits: `--help`, `-h`, `-?`, `help` or `aide`, anywhere on the line.</summary>
    public const string Help = "help";

    /// <summary>The command (null: serve) and the arguments left for the host's configuration; or the unknown word.</summary>
    public static (string? Command, string[] HostArgs, string? Unknown) Parse(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?" or "/?" or "--aide")) return (Help, [], null);
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=')) return (null, args, null);
        if (args[0] is "help" or "aide") return (Help, [], null);
        return args[0] is Migrate or SeedDemo or RefreshDueVisits ? (args[0], args[1..], null) : (null, args, args[0]);
    }

    /// <summary>What `--help` prints, in French then English (operators of both).</summary>
    public static readonly string Usage = string.Join(Environment.NewLine,
        "Usage : Platform.Host [commande] [--urls http://…] [--environment Production] [--Clé=valeur…]",
        "",
        "Commandes :",
        "  (aucune)             démarre le portail et l'API",
        "  migrate              applique les migrations de la base de données, puis s'arrête",
        "  seed-demo            crée les comptes, entreprises et salariés de démonstration (jamais en production), puis s'arrête",
        "  refresh-due-visits   lance une fois la tâche nocturne des visites dues de chaque service, affiche ses chiffres, puis s'arrête",
        "  --help, -h, aide     affiche cette aide",
        "",
        "Usage: Platform.Host [command] [--urls http://…] [--environment Production] [--Key=value…]",
        "",
        "Commands:",
        "  (none)               serve the portal and the API",
        "  migrate              apply the database migrations and exit",
        "  seed-demo            create the demo accounts, companies and employees (never in production) and exit",
        "  refresh-due-visits   run every tenant's nightly due-visit job once, print its figures and exit",
        "  --help, -h, help     print this help",
        "",
        "Configuration switches (--Database:Provider=Postgres, --Platform:Domain=…) are described in README.md.");
}
