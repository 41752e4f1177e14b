using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.Declarations;

// How the Declarations entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> e)
    {
        e.HasIndex(d => new { d.TenantId, d.CompanyId, d.Year }).IsUnique();
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId);
    }
}
