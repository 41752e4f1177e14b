using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.Billing;

// How the Billing entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> e)
    {
        // Numbers are unique and gapless per tenant; the list reads a company's invoices newest first.
        e.HasIndex(i => new { i.TenantId, i.Sequence }).IsUnique();
        e.HasIndex(i => new { i.TenantId, i.CompanyId, i.Sequence });
        e.Property(i => i.Number).HasMaxLength(20);
        e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.Label).HasMaxLength(200);
        foreach (var amount in new[] { nameof(Invoice.TotalExclTax), nameof(Invoice.Vat), nameof(Invoice.TotalInclTax) })
            e.Property(amount).HasPrecision(12, 2);
        e.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId);
        e.HasOne<Invoice>().WithMany().HasForeignKey(i => i.CorrectsInvoiceId).OnDelete(DeleteBehavior.Restrict);
        e.Property(i => i.VatPercent).HasPrecision(5, 2);
        // What makes a billing run idempotent: one invoice per company and billed thing, whoever issues it.
        e.Property(i => i.BillingKey).HasMaxLength(60);
        e.HasIndex(i => new { i.TenantId, i.CompanyId, i.BillingKey }).IsUnique();
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> e)
    {
        e.HasIndex(l => new { l.TenantId, l.InvoiceId, l.Position }).IsUnique();
        e.Property(l => l.Label).HasMaxLength(200);
        e.Property(l => l.Quantity).HasPrecision(10, 2);
        e.Property(l => l.UnitPrice).HasPrecision(12, 2);
        e.Property(l => l.Amount).HasPrecision(12, 2);
        e.HasOne<Invoice>().WithMany().HasForeignKey(l => l.InvoiceId);
    }
}

internal sealed class InvoicePdfConfiguration : IEntityTypeConfiguration<InvoicePdf>
{
    public void Configure(EntityTypeBuilder<InvoicePdf> e)
    {
        e.HasIndex(p => new { p.TenantId, p.InvoiceId }).IsUnique();
        e.Property(p => p.State).HasMaxLength(200);
        e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId);
    }
}

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> e)
    {
        // One run per tenant, kind and period: a second start finds it and resumes it.
        e.HasIndex(r => new { r.TenantId, r.Kind, r.Period }).IsUnique();
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Period).HasMaxLength(10);
        e.Property(r => r.Total).HasPrecision(14, 2);
    }
}

internal sealed class InvoiceInstalmentConfiguration : IEntityTypeConfiguration<InvoiceInstalment>
{
    public void Configure(EntityTypeBuilder<InvoiceInstalment> e)
    {
        e.HasIndex(s => new { s.TenantId, s.InvoiceId, s.Position }).IsUnique();
        e.Property(s => s.Amount).HasPrecision(12, 2);
        e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId);
    }
}

internal sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> e)
    {
        e.HasIndex(c => c.TenantId).IsUnique();
        // Moved by an atomic update inside the invoice's transaction; a tracked change would also be checked against the value read.
        e.Property(c => c.Last).IsConcurrencyToken();
    }
}
