using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Employees;

namespace Platform.Features.DueVisits;

// How the DueVisits entities are stored; PlatformDbContext applies every configuration of this assembly.
// No foreign key to the company: the employee's cascades from it already (SQL Server allows one path).

internal sealed class HeldVisitConfiguration : IEntityTypeConfiguration<HeldVisit>
{
    public void Configure(EntityTypeBuilder<HeldVisit> e)
    {
        e.HasIndex(v => new { v.TenantId, v.EmployeeId, v.Kind, v.HeldOn });
        e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.Source).HasMaxLength(20);
        e.HasOne<Employee>().WithMany().HasForeignKey(v => v.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmployeeAbsenceConfiguration : IEntityTypeConfiguration<EmployeeAbsence>
{
    public void Configure(EntityTypeBuilder<EmployeeAbsence> e)
    {
        e.HasIndex(a => new { a.TenantId, a.EmployeeId, a.ReturnOn });
        e.Property(a => a.Nature).HasConversion<string>().HasMaxLength(30);
        e.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DueVisitEntryConfiguration : IEntityTypeConfiguration<DueVisitEntry>
{
    public void Configure(EntityTypeBuilder<DueVisitEntry> e)
    {
        // The list: one company's due visits by deadline.
        e.HasIndex(d => new { d.TenantId, d.CompanyId, d.DueBy, d.Id });
        // The refresh compares an employee's rows; one row per visit and deadline.
        e.HasIndex(d => new { d.TenantId, d.EmployeeId, d.Kind, d.DueBy }).IsUnique();
        // The digest: the rows no e-mail named yet.
        e.HasIndex(d => new { d.TenantId, d.NotifiedAt });
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.RuleCode).HasMaxLength(40);
        e.HasOne<Employee>().WithMany().HasForeignKey(d => d.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
