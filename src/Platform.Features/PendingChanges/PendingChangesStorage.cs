using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.PendingChanges;

// How the pending changes are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class PendingChangeConfiguration : IEntityTypeConfiguration<PendingChange>
{
    public void Configure(EntityTypeBuilder<PendingChange> e)
    {
        e.HasIndex(p => new { p.TenantId, p.CompanyId, p.State });
        e.HasIndex(p => new { p.TenantId, p.SubjectId });
        e.HasIndex(p => new { p.TenantId, p.State, p.EffectiveOn });
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        // Two staff deciding at once: the second save finds the state changed and is refused.
        e.Property(p => p.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        e.Property(p => p.Subject).HasMaxLength(300);
        e.Property(p => p.Summary).HasMaxLength(1000);
        e.Property(p => p.Outcome).HasMaxLength(500);
        e.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
    }
}
