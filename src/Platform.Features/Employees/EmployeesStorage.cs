using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Companies;
using Platform.Features.Workstations;

namespace Platform.Features.Employees;

// How the Employees entities are stored; PlatformDbContext applies every configuration of this assembly.

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> e)
    {
        WorkforceVersion.DeclareTriggers(e, "Employees");
        // The list: one company's employees in name order, read by keyset (SortName, Id).
        e.HasIndex(x => new { x.TenantId, x.CompanyId, x.SortName, x.Id });
        e.HasIndex(x => new { x.TenantId, x.ValidatedAt });
        // The nightly due-visit refresh walks a tenant's employees by id (keyset), batch after batch.
        e.HasIndex(x => new { x.TenantId, x.Id });
        // The count of the active ones (no end date, or one not passed) without reading the rows.
        e.HasIndex(x => new { x.TenantId, x.CompanyId, x.EndDate });
        e.Property(x => x.Civility).HasMaxLength(10);
        e.Property(x => x.FirstName).HasMaxLength(EmployeeRules.NameMaxLength);
        e.Property(x => x.BirthName).HasMaxLength(EmployeeRules.NameMaxLength);
        e.Property(x => x.MarriedName).HasMaxLength(EmployeeRules.NameMaxLength);
        e.Property(x => x.SortName).HasMaxLength(2 * EmployeeRules.NameMaxLength + 1);
        e.Property(x => x.ProtectedNir).HasMaxLength(500);
        e.Property(x => x.MaskedNir).HasMaxLength(30);
        e.Property(x => x.Contract).HasMaxLength(40);
        e.Property(x => x.DeclaredFollowUp).HasConversion<string>().HasMaxLength(3);
        e.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId);
        // Restrict: SQL Server refuses two cascade paths from a company; a held workstation is never deleted anyway.
        e.HasOne<Workstation>().WithMany().HasForeignKey(x => x.CurrentWorkstationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CareerEntryConfiguration : IEntityTypeConfiguration<CareerEntry>
{
    public void Configure(EntityTypeBuilder<CareerEntry> e)
    {
        WorkforceVersion.DeclareTriggers(e, "CareerEntries");
        e.HasIndex(c => new { c.TenantId, c.EmployeeId });
        e.HasIndex(c => new { c.TenantId, c.WorkstationId, c.EndDate });
        e.Property(c => c.Contract).HasMaxLength(40);
        e.HasOne<Employee>().WithMany().HasForeignKey(c => c.EmployeeId);
        e.HasOne<Workstation>().WithMany().HasForeignKey(c => c.WorkstationId).OnDelete(DeleteBehavior.Restrict);
    }
}
