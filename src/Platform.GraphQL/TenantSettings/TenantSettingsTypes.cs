using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.TenantSettings;
using Platform.GraphQL.Common;
using Platform.GraphQL.Tenants;
using Platform.Tenancy;

namespace Platform.GraphQL.TenantSettings;

public sealed class UpdateTenantRulesInput
{
    public string Path { get; set; } = "";
    public string Value { get; set; } = "";
    public bool ConfirmOutsideNationalRange { get; set; }
}

public sealed class UpdateTenantRulesInputType : InputObjectGraphType<UpdateTenantRulesInput>
{
    public UpdateTenantRulesInputType()
    {
        Name = "UpdateTenantRulesInput";
        Field<NonNullGraphType<StringGraphType>>("path");
        Field<NonNullGraphType<StringGraphType>>("value");
        Field<BooleanGraphType>("confirmOutsideNationalRange").DefaultValue(false)
            ;
    }
}

public sealed record UpdateTenantRulesPayload(TenantView? Tenant, bool NeedsConfirmation, IReadOnlyList<UserError> Errors);

public sealed class UpdateTenantRulesPayloadType : ObjectGraphType<UpdateTenantRulesPayload>
{
    public UpdateTenantRulesPayloadType()
    {
        Name = "UpdateTenantRulesPayload";
        Field<TenantType>("tenant").Resolve(c => c.Source.Tenant);
        Field<NonNullGraphType<BooleanGraphType>>("needsConfirmation").Resolve(c => c.Source.NeedsConfirmation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class TenantRuleChangeType : ObjectGraphType<RuleChangeView>
{
    public TenantRuleChangeType()
    {
        Name = "TenantRuleChange";
        Field<NonNullGraphType<StringGraphType>>("path").Resolve(c => c.Source.Path);
        Field<NonNullGraphType<StringGraphType>>("oldValue").Resolve(c => c.Source.OldValueJson);
        Field<NonNullGraphType<StringGraphType>>("newValue").Resolve(c => c.Source.NewValueJson);
        Field<NonNullGraphType<DateTimeScalar>>("changedAt").Resolve(c => c.Source.ChangedAt);
        Field<NonNullGraphType<StringGraphType>>("changedBy").Resolve(c => c.Source.ChangedBy);
    }
}

public static class TenantSettingsOperations
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TenantRuleChangeType>>>>("tenantRuleChanges")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                return await services.GetRequiredService<TenantRulesAdministration>().HistoryAsync(c.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateTenantRulesPayloadType>>("updateTenantRules")
            .Argument<NonNullGraphType<UpdateTenantRulesInputType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var input = c.GetArgument<UpdateTenantRulesInput>("input");
                var result = await services.GetRequiredService<TenantRulesAdministration>().ChangeAsync(
                    new RuleChangeRequest(input.Path, input.Value, input.ConfirmOutsideNationalRange), c.CancellationToken);
                var tenant = services.GetRequiredService<ITenantContext>().Current!;
                return new UpdateTenantRulesPayload(result.Value is null ? null : new TenantView(tenant.Slug, result.Value),
                    result.NeedsConfirmation(), result.Errors);
            });
    }
}
