using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.TenantSettings;
using Platform.Tenancy;

namespace Platform.GraphQL.Tenants;

public static class TenantQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<TenantType>>("tenant")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var tenant = services.GetRequiredService<ITenantContext>().Current!;
                var effective = await services.GetRequiredService<TenantRulesCache>().GetAsync(tenant);
                return new TenantView(tenant.Slug, effective.Rules);
            });
    }
}
