namespace Platform.Features.Billing;

/// <summary>Euros to the cent, rounded half away from zero (DESIGN.md 5).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits a total into equal parts to the cent; the first part takes the cents that do not divide,
    /// so the parts always sum to the total and the later ones are equal (seed 004: 1 458,22 € →
    /// 486,08 + 486,07 + 486,07). A negative total (credit note) splits the same way.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var share = Math.Round(Round(total) / parts, 2, MidpointRounding.ToZero);
        var result = Enumerable.Repeat(share, parts).ToList();
        result[0] = Round(total) - share * (parts - 1);
        return result;
    }

    /// <summary>"1 458,22 €", as French invoices write it.</summary>
    public static string Format(decimal amount) =>
        amount.ToString("#,##0.00", Fr).Replace('\u202f', ' ').Replace('\u00a0', ' ') + " €";

    private static readonly System.Globalization.CultureInfo Fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
}
