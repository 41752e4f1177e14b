using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>A tenant's password rule, applied on every password set (SPEC.md 2, rule matrix).</summary>
public static class PasswordPolicy
{
    public const int MaxLength = 128;

    /// <summary>Staff and administrators: 12+ characters, all four kinds.</summary>
    public static readonly PasswordRule Staff = new()
    {
        MinLength = 12, RequireUpper = true, RequireLower = true, RequireDigit = true, RequireSpecial = true,
    };

    /// <summary>
    /// The rule for a password set on this tenant: the tenant's own rule, never below the platform's
    /// minimum (a tenant without a rule, such as sist-on, gets the minimum), and the staff rule for staff.
    /// Every door that sets a password goes through here: one password serves every tenant.
    /// </summary>
    public static PasswordRule For(TenantRules rules, bool staff = false)
    {
        var rule = Strictest(PasswordRule.PlatformMinimum, rules.Login.PasswordRule);
        return staff ? Strictest(rule, Staff) : rule;
    }

    private static PasswordRule Strictest(PasswordRule a, PasswordRule? b) => b is null ? a : new PasswordRule
    {
        MinLength = Math.Max(a.MinLength, b.MinLength),
        RequireUpper = a.RequireUpper || b.RequireUpper, RequireLower = a.RequireLower || b.RequireLower,
        RequireDigit = a.RequireDigit || b.RequireDigit, RequireSpecial = a.RequireSpecial || b.RequireSpecial,
        StrengthMeter = a.StrengthMeter || b.StrengthMeter,
    };

    /// <summary>Null when the password satisfies the rule, else a French message listing what is missing.</summary>
    public static UserError? Check(PasswordRule rule, string? password, string field = "password")
    {
        password ??= "";
        var missing = new List<string>();
        if (password.Length < rule.MinLength) missing.Add($"au moins {rule.MinLength} caractères");
        if (rule.RequireUpper && !password.Any(char.IsUpper)) missing.Add("une majuscule");
        if (rule.RequireLower && !password.Any(char.IsLower)) missing.Add("une minuscule");
        if (rule.RequireDigit && !password.Any(char.IsDigit)) missing.Add("un chiffre");
        if (rule.RequireSpecial && password.All(char.IsLetterOrDigit)) missing.Add("un caractère spécial");
        if (password.Length > MaxLength)
            return new UserError("PASSWORD_TOO_LONG", $"Le mot de passe ne peut pas dépasser {MaxLength} caractères.", field);
        return missing.Count == 0 ? null
            : new UserError("PASSWORD_TOO_WEAK", "Le mot de passe doit contenir " + Join(missing) + ".", field);
    }

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " et " + parts[^1];
}
