namespace Platform.Features.Access;

/// <summary>
/// A person, platform-wide: one e-mail, one account, because accountant firms work across tenants
/// (DESIGN.md 4). What the person may do in a tenant comes from memberships and staff roles.
/// </summary>
public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Email { get; init; }
    /// <summary>Upper-case invariant e-mail, unique platform-wide. The e-mail of an account never changes.</summary>
    public required string NormalizedEmail { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    /// <summary>Null for people who only sign in with e-mailed codes.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>
    /// Where password e-mails go when it differs from the account's e-mail (sstbtp-bfc: « Email de
    /// récupération »); set only once a link sent to it was followed.
    /// </summary>
    public string? RecoveryEmail { get; set; }
    /// <summary>A recovery e-mail asked for and not yet confirmed from the link sent to it.</summary>
    public string? PendingRecoveryEmail { get; set; }
    /// <summary>A self-created account waits for its e-mailed activation link before it can sign in.</summary>
    public bool PendingActivation { get; set; }
    /// <summary>Fonction dans l'entreprise, given at account creation.</summary>
    public string? JobFunction { get; set; }
    /// <summary>Why the person uses the portal (motifs d'utilisation), given at account creation.</summary>
    public List<string> PortalUses { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>
    /// Changes whenever what the person's sessions carry stops being true (password reset or change,
    /// removal from a company or from staff, a role change): cookies and refresh tokens carrying
    /// another stamp are refused (DESIGN.md 4).
    /// </summary>
    public string SecurityStamp { get; private set; } = NewStamp();

    /// <summary>Ends every session of the person at its next check.</summary>
    public void RenewSecurityStamp() => SecurityStamp = NewStamp();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>Where password reset links are sent.</summary>
    public string PasswordEmail => RecoveryEmail ?? Email;

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
