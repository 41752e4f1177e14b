namespace Platform.Features.Payments.Sepa;

/// <summary>
/// The mandate reference (RUM, référence unique de mandat). SPEC.md 4.5: at most 35 characters of
/// A–Z, 0–9 and <c>/-?:().,'+</c>, unique per creditor (here: per tenant, which has one ICS). The seeds
/// show none, so the platform's format is <c>{TENANT}-{MEMBER NUMBER}-{NNN}</c>, e.g. « SSTRN-101.1-001 »:
/// the member number is unique in the tenant and NNN counts the company's mandates, so two mandates never
/// share a reference (a unique index holds it too). Readable on a bank statement, and sorted per member.
/// </summary>
public static class MandateReference
{
    public const int MaxLength = 35;
    public const string Allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+";

    public static string For(string tenantSlug, string memberNumber, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        var tenant = Clean(tenantSlug, 10);
        var suffix = $"-{ordinal:000}";
        var member = Clean(memberNumber, MaxLength - tenant.Length - 1 - suffix.Length);
        return $"{tenant}-{member}{suffix}";
    }

    public static bool IsValid(string? reference) =>
        reference is { Length: > 0 and <= MaxLength } && reference.All(c => Allowed.Contains(c));

    /// <summary>Upper case, accents dropped, anything outside the SEPA set as '-', cut to <paramref name="max"/>.</summary>
    private static string Clean(string value, int max)
    {
        var plain = string.Concat(value.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark));
        var cleaned = string.Concat(plain.ToUpperInvariant().Select(c => Allowed.Contains(c) ? c : '-'));
        return cleaned.Length <= max ? cleaned : cleaned[..max];
    }
}
