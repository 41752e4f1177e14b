using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Access;
using Platform.Features.Companies;

namespace Platform.Features.Demarches;

// A user is a platform row, maybe in another database than the tenant's (IdentityDb): tenant rows keep
// the person's id with an index and no foreign key.

// How the démarches are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> e)
    {
        e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
        e.HasIndex(r => new { r.TenantId, r.RequestedByUserId });
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.CompanyName).HasMaxLength(200);
        e.Property(r => r.MemberNumber).HasMaxLength(20);
        e.Property(r => r.Siret).HasMaxLength(14);
        e.Property(r => r.NewSiret).HasMaxLength(14);
        e.Property(r => r.FormerAdministratorEmail).HasMaxLength(254);
        e.Property(r => r.Description).HasMaxLength(2000);
        e.Property(r => r.ConfirmationCodeHash).HasMaxLength(64);
        e.HasIndex(r => r.RequestedByUserId);
    }
}

internal sealed class CompanyClaimConfiguration : IEntityTypeConfiguration<CompanyClaim>
{
    public void Configure(EntityTypeBuilder<CompanyClaim> e)
    {
        // The constraint that makes a synchronisation a single action: one winner per company and round.
        e.HasIndex(c => new { c.TenantId, c.CompanyId, c.Round }).IsUnique();
        e.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
        e.HasIndex(c => c.UserId);
        e.HasOne<AccessRequest>().WithMany().HasForeignKey(c => c.RequestId);
    }
}
