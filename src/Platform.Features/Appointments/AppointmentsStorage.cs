using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Visits;

namespace Platform.Features.Appointments;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> e)
    {
        e.HasIndex(a => new { a.TenantId, a.CompanyId, a.StartsAtUtc });
        e.HasIndex(a => new { a.TenantId, a.EmployeeId, a.StartsAtUtc });
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        // SQLite gives DateTime back without its kind: it was written in UTC.
        e.Property(a => a.StartsAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        e.Property(a => a.Location).HasMaxLength(AppointmentRules.LocationMaxLength);
        e.Property(a => a.HealthProfessional).HasMaxLength(AppointmentRules.HealthProfessionalMaxLength);
        e.Property(a => a.CancellationReason).HasMaxLength(AppointmentRules.ReasonMaxLength);
        e.Ignore(a => a.StartsAt);
        e.Ignore(a => a.Cancelled);
        e.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId);
        // Restrict: SQL Server refuses a second cascade path from the company through the employee.
        e.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<VisitRequest>().WithMany().HasForeignKey(a => a.VisitRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
