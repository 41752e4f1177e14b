using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;
using Platform.Features.Employees;

namespace Platform.Features.Visits;

// How the Visits entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class VisitRequestConfiguration : IEntityTypeConfiguration<VisitRequest>
{
    public void Configure(EntityTypeBuilder<VisitRequest> e)
    {
        e.HasIndex(r => new { r.TenantId, r.CompanyId, r.State });
        e.HasIndex(r => new { r.TenantId, r.EmployeeId, r.State });
        e.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        e.PrimitiveCollection(r => r.Situations);
        e.Property(r => r.Comment).HasMaxLength(VisitRules.CommentMaxLength);
        e.Property(r => r.InterpreterLanguage).HasMaxLength(VisitRules.LanguageMaxLength);
        e.Property(r => r.ClosingReason).HasMaxLength(300);
        e.Property(r => r.UserCompanyName).HasMaxLength(VisitRules.UserCompanyNameMaxLength);
        e.Property(r => r.SituationDetails).HasMaxLength(VisitRules.DetailsMaxLength);
        e.Property(r => r.ExposureRisk).HasMaxLength(VisitRules.DetailsMaxLength);
        e.Property(r => r.ReasonComment).HasMaxLength(VisitRules.ReasonCommentMaxLength);
        e.Property(r => r.AbsenceNature).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.OccasionalRequester).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.EmployerReason).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.RefusalReason).HasMaxLength(Appointments.AppointmentRules.ReasonMaxLength);
        e.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId);
        // Restrict: SQL Server refuses a second cascade path from the company through the employee.
        e.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
