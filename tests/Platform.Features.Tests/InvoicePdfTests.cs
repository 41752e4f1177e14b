using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

public sealed class InvoicePdfTests
{
    [Fact]
    public void A_credit_note_reads_back_as_an_avoir_naming_the_invoice_it_corrects_and_the_tenants_own_mentions()
    {
        var rules = ShippedRules("sstbtp-bfc");
        rules = rules with { Billing = rules.Billing with { Mentions = new InvoiceMentions { EarlyPaymentDiscount = "Escompte de 1 % pour paiement à 8 jours." } } };
        var id = Guid.CreateVersion7();
        var day = new DateOnly(2026, 11, 23);
        var note = new InvoiceView(id, Guid.CreateVersion7(), "AV2026-000012", InvoiceKind.CreditNote, day, day, "Avoir : 1 salarié en moins",
            -138m, -27.60m, -165.60m, [new InstalmentView(day, -165.60m, day)], 20m);
        var pdf = InvoicePdfRenderer.Render(new InvoicePdfModel(rules, "Maçonnerie Comtoise", "250001", "12345678901234",
            new PostalAddress("3 rue de la République", null, "25000", "Besançon", "Maçonnerie Comtoise SARL"), note,
            [new InvoiceLine { InvoiceId = id, Position = 1, Label = "Cotisation : 1 salarié en moins", Quantity = 1, UnitPrice = -138m, Amount = -138m }], "FA2026-000003"));

        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("AVOIR", text);
        Assert.Contains("AV2026-000012", text);
        Assert.Contains("FA2026-000003", text);
        Assert.Contains("-165,60", text);
        Assert.Contains("Besançon", text);
        Assert.Contains("Escompte de 1 %", text);
        Assert.DoesNotContain("Échéancier", text);
    }

    /// <summary>The rules of a shipped tenant file, read from the repository.</summary>
    private static TenantRules ShippedRules(string slug)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tenants", "config", $"{slug}.json"))) dir = dir.Parent;
        var (rules, error) = TenantRulesJson.Parse(TenantRulesJson.ParseNode(File.ReadAllText(Path.Combine(dir!.FullName, "tenants", "config", $"{slug}.json"))));
        return rules ?? throw new InvalidOperationException(error!.ToString());
    }
}
