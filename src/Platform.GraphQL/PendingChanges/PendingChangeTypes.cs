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
        Description = "One field the employer changed: its value when asked and the value asked for.";
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
        type.Field<NonNullGraphType<PendingChangeKindEnumType>>("changeKind").Description("What the change does (company details, contact, workstation, employee).").Resolve(c => c.Source.Kind);
        type.Field<NonNullGraphType<StringGraphType>>("subject").Description("What it is about: the company, contact, workstation or employee.").Resolve(c => c.Source.Subject);
        type.Field<NonNullGraphType<StringGraphType>>("description").Description("The change in one French sentence.").Resolve(c => c.Source.Summary);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FieldChangeType>>>>("fields").Description("The fields changed, old and new value.").Resolve(c => c.Source.Fields);
        type.Field<DateTimeScalar>("decidedAt").Resolve(c => c.Source.DecidedAt);
        type.Field<DateTimeScalar>("appliedAt").Description("When the pending-changes job applied it (or found it no longer held: see outcome).").Resolve(c => c.Source.AppliedAt);
        type.Field<StringGraphType>("outcome").Description("Why an accepted change could not apply on its day.").Resolve(c => c.Source.Outcome);
        type.Field<NonNullGraphType<StringGraphType>>("status").Description("Pending, accepted for a day, applied, refused: in French.").Resolve(c => c.Source.Status);
    }
}

public sealed class EmployerChangeType : ObjectGraphType<PendingChangeView>
{
    public EmployerChangeType()
    {
        Name = "EmployerChange";
        Description = "An employer's change kept for staff where the tenant validates every change (sst68): pending, accepted (effective on effectiveOn), applied or refused.";
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
            .Description("The employer's changes kept for staff, newest first: pending, accepted, applied or refused.")
            .Argument<IntGraphType>("first")
            .ResolveAsync(async c => await S(c).ForCompanyAsync(c.Source.Id, c.GetArgument<int?>("first") ?? 50, c.CancellationToken));

    public static void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EmployerChangeType>>>>("employerChangesAwaitingDecision")
            .Description("Staff: every employer change waiting for validation (company, contacts, workstations, employees), oldest first.")
            .ResolveAsync(async c => await S(c).AwaitingDecisionAsync(ct: c.CancellationToken));

    public static void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<EmployerChangeDecisionPayloadType>>("decideEmployerChange")
            .Description("Staff: accept (effective the next day where the tenant says so) or refuse any employer change.")
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
