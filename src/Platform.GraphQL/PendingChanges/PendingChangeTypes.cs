using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;

namespace Platform.GraphQL.PendingChanges;

public sealed class PendingChangeKindEnumType : EnumerationGraphType<PendingChangeKind>
{
    public PendingChangeKindEnumType() => Name = "EmployerChangeKind";
}

public sealed class FieldChangeType : ObjectGraphType<FieldChange>
{
    public FieldChangeType()
    {
        Name = "FieldChange";
        Field<NonNullGraphType<StringGraphType>>("field").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<StringGraphType>("oldValue").Resolve(c => c.Source.OldValue);
        Field<StringGraphType>("newValue").Resolve(c => c.Source.NewValue);
    }
}

/// <summary>The fields every view of an employer's change shares (company, employee or any kind).</summary>
public static class PendingChangeFields
{
    public static void Add(ObjectGraphType<PendingChangeView> type)
    {
        type.Field<NonNullGraphType<PendingChangeKindEnumType>>("changeKind").Resolve(c => c.Source.Kind);
        type.Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Subject);
        type.Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Summary);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeType>>>>("fields").Resolve(c => c.Source.Fields);
        type.Field<DateTimeScalar>("decidedAt").Resolve(c => c.Source.DecidedAt);
        type.Field<DateTimeScalar>("appliedAt").Resolve(c => c.Source.AppliedAt);
        type.Field<StringGraphType>("outcome").Resolve(c => c.Source.Outcome);
        type.Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.Status);
    }
}

public sealed class EmployerChangeType : ObjectGraphType<PendingChangeView>
{
    public EmployerChangeType()
    {
        Name = "EmployerChange";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("companyId").Resolve(c => c.Source.CompanyId);
        Field<NonNullGraphType<StringGraphType>>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<IdGraphType>("subjectId").Resolve(c => c.Source.SubjectId);
        Field<NonNullGraphType<RequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateScalar>("effectiveOn").Resolve(c => c.Source.EffectiveOn);
        PendingChangeFields.Add(this);
    }
}

public sealed class EmployerChangeDecisionPayloadType : ObjectGraphType<Outcome<PendingChangeView>>
{
    public EmployerChangeDecisionPayloadType()
    {
        Name = "EmployerChangeDecisionPayload";
        Field<EmployerChangeType>("change").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class PendingChangeOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company) =>
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EmployerChangeType>>>>("employerChanges")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => await S(c).ForCompanyAsync(c.Source.Id, c.GetArgument<int?>("first") ?? 50, c.CancellationToken));

    public static void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EmployerChangeType>>>>("employerChangesAwaitingDecision")
            .ResolveAsync(async c => await S(c).AwaitingDecisionAsync(ct: c.CancellationToken));

    public static void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<EmployerChangeDecisionPayloadType>>("decideEmployerChange")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DecideInput>("input");
                return Guid.TryParse(input.Id, out var id)
                    ? await S(c).DecideAsync(id, input.Accept, ct: c.CancellationToken)
                    : new UserError("NOT_FOUND", "Cette modification n'existe pas.", "id");
            });

    private static Platform.Features.PendingChanges.PendingChanges S(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<Platform.Features.PendingChanges.PendingChanges>();
}
