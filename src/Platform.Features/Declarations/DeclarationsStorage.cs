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
        e.Property(d => d.Step).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.SignatoryName).HasMaxLength(200);
        e.Property(d => d.SignatoryEmail).HasMaxLength(254);
        e.PrimitiveCollection(d => d.Determinants);
        e.PrimitiveCollection(d => d.OwnDeterminants);
        // Staff's queue of declarations to confirm.
        e.HasIndex(d => new { d.TenantId, d.Status });
        e.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId);
    }
}
