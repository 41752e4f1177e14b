using Platform.Features.Billing;
using Platform.Tenancy.Rules;

namespace Platform.Features.Declarations;

public sealed record EstimateLine(string Label, int Quantity, decimal UnitPrice, decimal Amount);

/// <summary>The estimated contribution shown before validation (seeds 000, 003); the invoice confirms it.</summary>
public sealed record Estimate(IReadOnlyList<EstimateLine> Lines, decimal VatPercent, decimal TotalExclTax, decimal Vat, decimal TotalInclTax);

public static class DeclarationEstimate
{
    /// <summary>
    /// Headcount × the year's per-employee rate, apprentices × the apprentice rate (the per-employee
    /// rate where the tenant has none), less the SEPA discount where the tenant gives one and the
    /// member's mandate is active (sst68: 1.5 %); VAT on the total, each amount to the cent.
    /// </summary>
    public static Estimate Compute(RateRules rate, int headcount, int apprentices, decimal sepaDiscountPercent = 0)
    {
        var lines = new List<EstimateLine> { new("Cotisation annuelle", headcount, rate.PerEmployee, Money.Round(headcount * rate.PerEmployee)) };
        if (apprentices > 0 || rate.ApprenticeVisit is not null)
        {
            var unit = rate.ApprenticeVisit ?? rate.PerEmployee;
            lines.Add(new(rate.ApprenticeVisit is null ? "Apprentis" : "Visites apprentis", apprentices, unit, Money.Round(apprentices * unit)));
        }
        var subtotal = lines.Sum(l => l.Amount);
        if (sepaDiscountPercent > 0 && subtotal > 0)
        {
            var discount = -Money.Round(subtotal * sepaDiscountPercent / 100m);
            lines.Add(new($"Remise prélèvement SEPA ({sepaDiscountPercent.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} %)", 1, discount, discount));
        }
        var exclTax = lines.Sum(l => l.Amount);
        var vat = Money.Round(exclTax * rate.VatPercent / 100m);
        return new Estimate(lines, rate.VatPercent, exclTax, vat, exclTax + vat);
    }
}
