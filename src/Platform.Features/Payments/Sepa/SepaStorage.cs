using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Billing;
using Platform.Features.Companies;

namespace Platform.Features.Payments.Sepa;

internal sealed class SepaMandateConfiguration : IEntityTypeConfiguration<SepaMandate>
{
    public void Configure(EntityTypeBuilder<SepaMandate> e)
    {
        // The RUM is unique per creditor, i.e. per tenant.
        e.HasIndex(m => new { m.TenantId, m.Reference }).IsUnique();
        e.HasIndex(m => new { m.TenantId, m.CompanyId, m.Ordinal }).IsUnique();
        e.Property(m => m.Reference).HasMaxLength(MandateReference.MaxLength);
        e.Property(m => m.HolderName).HasMaxLength(70);
        e.Property(m => m.ProtectedIban).HasMaxLength(500);
        e.Property(m => m.IbanCountry).HasMaxLength(2);
        e.Property(m => m.IbanLast4).HasMaxLength(4);
        e.Property(m => m.Bic).HasMaxLength(11);
        e.Property(m => m.SignerName).HasMaxLength(200);
        e.Property(m => m.SignerEmail).HasMaxLength(320);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.CodeHash).HasMaxLength(64);
        e.Property(m => m.SignedFromIp).HasMaxLength(64);
        e.Property(m => m.SignedWithUserAgent).HasMaxLength(300);
        e.Property(m => m.ProviderCustomerId).HasMaxLength(100);
        e.Property(m => m.ProviderSetupId).HasMaxLength(100);
        e.Property(m => m.ProviderPaymentMethodId).HasMaxLength(100);
        e.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
    }
}

internal sealed class SepaDebitConfiguration : IEntityTypeConfiguration<SepaDebit>
{
    public void Configure(EntityTypeBuilder<SepaDebit> e)
    {
        // One debit per instalment, whoever runs the job and how often.
        e.HasIndex(d => new { d.TenantId, d.InstalmentId }).IsUnique();
        e.HasIndex(d => new { d.TenantId, d.ProviderPaymentId }).IsUnique();
        e.HasIndex(d => new { d.TenantId, d.Status, d.DueOn });
        e.Property(d => d.Amount).HasPrecision(12, 2);
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.ProviderPaymentId).HasMaxLength(100);
        e.Property(d => d.FailureReason).HasMaxLength(200);
        // Restrict: SQL Server refuses two cascade paths from a company (through its mandates and its invoices).
        e.HasOne<SepaMandate>().WithMany().HasForeignKey(d => d.MandateId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InvoiceInstalment>().WithMany().HasForeignKey(d => d.InstalmentId);
        e.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
