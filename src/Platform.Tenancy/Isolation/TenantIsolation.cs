using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Platform.Tenancy.Isolation;

/// <summary>A row that belongs to one tenant. Its TenantId is set by SaveChanges, never by callers.</summary>
public interface ITenantOwned
{
    string TenantId { get; set; }
}

/// <summary>The EF Core primitives behind DESIGN.md section 3 (items 3 and 4).</summary>
public static class TenantIsolation
{
    public const string FilterName = "Tenant";

    /// <summary>
    /// Adds the named query filter "Tenant" to every tenant-owned entity. The filter reads the
    /// context instance's TenantId property (pass <c>() => this.TenantId</c>), so one cached model
    /// serves every tenant and each query takes the tenant of the context that runs it.
    /// </summary>
    public static void ApplyTenantFilters(ModelBuilder modelBuilder, Expression<Func<string?>> contextTenant)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null) continue;
            var row = Expression.Parameter(entityType.ClrType, "row");
            var body = Expression.Equal(Expression.Property(row, nameof(ITenantOwned.TenantId)), contextTenant.Body);
            var entity = modelBuilder.Entity(entityType.ClrType);
            entity.HasQueryFilter(FilterName, Expression.Lambda(body, row));
            entity.Property(nameof(ITenantOwned.TenantId)).HasMaxLength(40).IsRequired();
        }
    }

    /// <summary>Every unique index of a tenant-owned entity must include TenantId (checked when the model is built).</summary>
    public static void EnsureUniqueIndexesIncludeTenant(ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType)) continue;
            foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique))
            {
                if (index.Properties.All(p => p.Name != nameof(ITenantOwned.TenantId)))
                    throw new InvalidOperationException(
                        $"L'index unique ({string.Join(", ", index.Properties.Select(p => p.Name))}) de {entityType.ClrType.Name} doit inclure TenantId.");
            }
        }
    }

    /// <summary>
    /// SaveChanges fails closed: without a tenant nothing is written (an explicit platform scope may
    /// write rows that belong to no tenant, never a tenant's); added rows get the context's tenant;
    /// a modified or deleted row of another tenant throws.
    /// </summary>
    public static void EnforceOnSave(ChangeTracker changeTracker, string? tenantId, bool platformScope = false)
    {
        var changed = changeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changed.Count == 0) return;
        if (tenantId is null && !(platformScope && changed.All(e => e.Entity is not ITenantOwned)))
            throw new TenantIsolationException("Enregistrement refusé : aucun tenant n'est lié à ce contexte de données.");
        if (tenantId is null) return; // a platform scope writing global rows only
        foreach (var entry in changed)
        {
            if (entry.Entity is not ITenantOwned owned) continue;
            var property = entry.Property(nameof(ITenantOwned.TenantId));
            switch (entry.State)
            {
                case EntityState.Added:
                    if (string.IsNullOrEmpty(owned.TenantId)) owned.TenantId = tenantId;
                    else if (owned.TenantId != tenantId)
                        throw new TenantIsolationException($"Ajout refusé : {entry.Metadata.ClrType.Name} appartient au tenant {owned.TenantId}, le contexte au tenant {tenantId}.");
                    break;
                default:
                    if ((string?)property.OriginalValue != tenantId || owned.TenantId != tenantId)
                        throw new TenantIsolationException($"Modification refusée : {entry.Metadata.ClrType.Name} n'appartient pas au tenant {tenantId}.");
                    break;
            }
        }
    }
}
