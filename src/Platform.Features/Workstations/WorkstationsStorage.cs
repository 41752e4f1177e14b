using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.Workstations;

// How the Workstations entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class WorkstationConfiguration : IEntityTypeConfiguration<Workstation>
{
    public void Configure(EntityTypeBuilder<Workstation> e)
    {
        Employees.WorkforceVersion.DeclareTriggers(e, "Workstations");
        e.HasIndex(w => new { w.TenantId, w.CompanyId, w.Label });
        e.HasIndex(w => new { w.TenantId, w.CompanyId, w.CspCode });
        e.Property(w => w.Label).HasMaxLength(WorkstationRules.LabelMaxLength);
        e.Property(w => w.CspCode).HasMaxLength(4);
        e.PrimitiveCollection(w => w.Risks).ElementType(t => t.HasConversion<string>());
        e.PrimitiveCollection(w => w.CacesCategories);
        e.Property(w => w.RadiationCategory).HasMaxLength(3);
        e.Property(w => w.OtherRiskDescription).HasMaxLength(WorkstationRules.DescriptionMaxLength);
        e.HasOne<Company>().WithMany().HasForeignKey(w => w.CompanyId);
    }
}
