using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Features.Notifications;

// How the Notifications entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> e)
    {
        // The delivery's query: a tenant's unsent rows, transactional before bulk, oldest first.
        e.HasIndex(o => new { o.TenantId, o.SentAt, o.Bulk, o.Id });
        e.Property(o => o.To).HasMaxLength(254);
        e.Property(o => o.Subject).HasMaxLength(300);
        e.Property(o => o.LastError).HasMaxLength(300);
        e.Property(o => o.ClaimedBy).HasMaxLength(NodeIdentity.MaxLength);
        e.Property(o => o.AttachmentFileName).HasMaxLength(200);
        e.Property(o => o.AttachmentContentType).HasMaxLength(100);
    }
}
