using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Features.Auditing;

// How the Auditing entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId });
        e.Property(a => a.Action).HasMaxLength(100);
        e.Property(a => a.EntityType).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
    }
}
