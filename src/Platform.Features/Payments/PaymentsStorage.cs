using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Billing;

namespace Platform.Features.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.HasIndex(p => new { p.TenantId, p.InvoiceId });
        // Webhooks find the rows of a session or of a PaymentIntent.
        e.HasIndex(p => new { p.TenantId, p.CheckoutSessionId });
        e.HasIndex(p => new { p.TenantId, p.CheckoutRequestId });
        e.HasIndex(p => new { p.TenantId, p.PaymentIntentId });
        // What makes the webhook's « paid » apply once per instalment, even from two payments confirmed at the same moment.
        e.HasIndex(p => new { p.TenantId, p.SettledInstalmentId }).IsUnique();
        e.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Amount).HasPrecision(12, 2);
        e.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        e.Property(p => p.PaymentIntentId).HasMaxLength(255);
        e.Property(p => p.FailureReason).HasMaxLength(300);
        e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId);
        // Restrict: SQL Server refuses two cascade paths from an invoice (directly and through its instalments).
        e.HasOne<InvoiceInstalment>().WithMany().HasForeignKey(p => p.InstalmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProcessedStripeEventConfiguration : IEntityTypeConfiguration<ProcessedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedStripeEvent> e)
    {
        // What makes an event apply once: a replay, even a concurrent one, collides here.
        e.HasIndex(x => new { x.TenantId, x.EventId }).IsUnique();
        e.Property(x => x.EventId).HasMaxLength(255);
        e.Property(x => x.Type).HasMaxLength(100);
    }
}
