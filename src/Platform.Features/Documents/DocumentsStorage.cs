using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;

namespace Platform.Features.Documents;

// How the Documents entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.HasIndex(d => new { d.TenantId, d.CompanyId, d.AcknowledgedAt });
        e.HasIndex(d => new { d.TenantId, d.VisitRequestId });
        e.Property(d => d.Nature).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.FileName).HasMaxLength(DocumentRules.FileNameMaxLength);
        e.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId);
        // The request is the company's too: SQL Server refuses a second cascade path; a deleted request keeps nothing attached (set null by the feature).
        e.HasOne<Visits.VisitRequest>().WithMany().HasForeignKey(d => d.VisitRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
