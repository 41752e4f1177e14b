using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Features.TenantSettings;

// How the TenantSettings entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class TenantRuleOverrideConfiguration : IEntityTypeConfiguration<TenantRuleOverride>
{
    public void Configure(EntityTypeBuilder<TenantRuleOverride> e)
    {
        e.HasIndex(o => new { o.TenantId, o.Path }).IsUnique();
        e.Property(o => o.Path).HasMaxLength(200);
    }
}

internal sealed class TenantRuleChangeConfiguration : IEntityTypeConfiguration<TenantRuleChange>
{
    public void Configure(EntityTypeBuilder<TenantRuleChange> e)
    {
        e.HasIndex(c => new { c.TenantId, c.ChangedAt });
        e.Property(c => c.Path).HasMaxLength(200);
        e.Property(c => c.ChangedByName).HasMaxLength(200);
    }
}
