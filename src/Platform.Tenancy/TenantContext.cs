using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tenancy;

/// <summary>The tenant of the current scope (request or background job). Set once, never changed.</summary>
public interface ITenantContext
{
    Tenant? Current { get; }

    /// <summary>
    /// A platform operation (start-up registration of API clients): no tenant, and only rows that
    /// belong to no tenant may be written.
    /// </summary>
    bool IsPlatformScope { get; }
}

public sealed class TenantContext : ITenantContext
{
    public Tenant? Current { get; private set; }
    public bool IsPlatformScope { get; private set; }

    public void SetPlatformScope()
    {
        if (Current is not null) throw new TenantIsolationException($"Le périmètre est déjà lié au tenant {Current.Slug}.");
        IsPlatformScope = true;
    }

    public void Set(Tenant tenant)
    {
        if (IsPlatformScope) throw new TenantIsolationException("Un périmètre plateforme ne peut pas être lié à un tenant.");
        if (Current is not null && Current != tenant)
            throw new TenantIsolationException($"Le périmètre est déjà lié au tenant {Current.Slug}, il ne peut pas passer à {tenant.Slug}.");
        Current = tenant;
    }
}

public static class TenantContextExtensions
{
    /// <summary>The scope's tenant, for operations that make no sense outside one.</summary>
    public static Tenant RequireTenant(this ITenantContext context) =>
        context.Current ?? throw new TenantIsolationException("Aucun tenant pour cette opération.");
}

/// <summary>Background work runs inside an explicit tenant scope (DESIGN.md 3.5).</summary>
public static class TenantScopes
{
    public static AsyncServiceScope CreateTenantScope(this IServiceProvider services, Tenant tenant)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }

    /// <summary>A scope for platform operations: global rows only, never a tenant's.</summary>
    public static AsyncServiceScope CreatePlatformScope(this IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetPlatformScope();
        return scope;
    }

    public static AsyncServiceScope CreateTenantScope(this IServiceProvider services, string slug)
    {
        var tenant = services.GetRequiredService<TenantCatalog>().FindBySlug(slug)
                     ?? throw new ArgumentException($"Tenant inconnu : {slug}", nameof(slug));
        return services.CreateTenantScope(tenant);
    }
}

public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
