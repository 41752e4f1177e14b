using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Features.Companies;

// How the Companies entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> e)
    {
        e.HasIndex(c => new { c.TenantId, c.MemberNumber }).IsUnique();
        e.HasIndex(c => new { c.TenantId, c.Siret });
        // Billing runs walk a tenant's companies by id (keyset), batch after batch.
        e.HasIndex(c => new { c.TenantId, c.Id });
        e.Property(c => c.MemberNumber).HasMaxLength(20);
        e.Property(c => c.Siret).HasMaxLength(14);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.LegalForm).HasMaxLength(100);
        e.Property(c => c.NafCode).HasMaxLength(6);
        e.Property(c => c.Activity).HasMaxLength(200);
        e.Property(c => c.Phone).HasMaxLength(20);
        e.Property(c => c.Fax).HasMaxLength(20);
        // Addresses live in the company's row; billing and convocation fall back to the main one when empty.
        foreach (var address in new[] { nameof(Company.MainAddress), nameof(Company.BillingAddress), nameof(Company.ConvocationAddress) })
            e.ComplexProperty(typeof(PostalAddress), address, a =>
            {
                a.Property(nameof(PostalAddress.Line1)).HasMaxLength(200);
                a.Property(nameof(PostalAddress.Line2)).HasMaxLength(200);
                a.Property(nameof(PostalAddress.PostalCode)).HasMaxLength(5);
                a.Property(nameof(PostalAddress.City)).HasMaxLength(100);
                a.Property(nameof(PostalAddress.CompanyName)).HasMaxLength(200);
            });
    }
}

internal sealed class CompanyContactConfiguration : IEntityTypeConfiguration<CompanyContact>
{
    public void Configure(EntityTypeBuilder<CompanyContact> e)
    {
        e.HasIndex(c => new { c.TenantId, c.CompanyId });
        e.Property(c => c.Function).HasMaxLength(100);
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Email).HasMaxLength(254);
        e.Property(c => c.Phone).HasMaxLength(20);
        e.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}

internal sealed class HealthTeamConfiguration : IEntityTypeConfiguration<HealthTeam>
{
    public void Configure(EntityTypeBuilder<HealthTeam> e)
    {
        e.HasIndex(h => new { h.TenantId, h.CompanyId }).IsUnique();
        foreach (var p in new[] { nameof(HealthTeam.Doctor), nameof(HealthTeam.MedicalSecretary), nameof(HealthTeam.Iprp), nameof(HealthTeam.Asst), nameof(HealthTeam.PreventionAdviser), nameof(HealthTeam.CentreName) })
            e.Property(p).HasMaxLength(200);
        e.Property(h => h.MedicalSecretaryPhone).HasMaxLength(20);
        e.Property(h => h.MedicalSecretaryEmail).HasMaxLength(254);
        e.Property(h => h.CentreAddress).HasMaxLength(300);
        e.Property(h => h.OpeningHours).HasMaxLength(300);
        e.PrimitiveCollection(h => h.Nurses);
        e.HasOne<Company>().WithMany().HasForeignKey(h => h.CompanyId);
    }
}

internal sealed class SituationRequestConfiguration : IEntityTypeConfiguration<SituationRequest>
{
    public void Configure(EntityTypeBuilder<SituationRequest> e)
    {
        e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Reason).HasMaxLength(2000);
        e.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId);
    }
}
