using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.DueVisits;
using Platform.Features.Employees;
using Platform.Features.Regulation;
using Platform.GraphQL.Common;
using Platform.GraphQL.Employees;
using Platform.GraphQL.Visits;

namespace Platform.GraphQL.DueVisits;

public sealed class DueVisitKindEnumType : EnumerationGraphType<DueVisitKind>
{
    public DueVisitKindEnumType() => Name = "DueVisitKind";
}

public sealed class HeldVisitKindEnumType : EnumerationGraphType<HeldVisitKind>
{
    public HeldVisitKindEnumType() => Name = "HeldVisitKind";
}

public sealed class AbsenceNatureEnumType : EnumerationGraphType<AbsenceNature>
{
    public AbsenceNatureEnumType() => Name = "AbsenceNature";
}

public sealed class VisitProfessionalEnumType : EnumerationGraphType<VisitProfessional>
{
    public VisitProfessionalEnumType() => Name = "VisitProfessional";
}

public sealed class DueVisitSortEnumType : EnumerationGraphType<DueVisitSort>
{
    public DueVisitSortEnumType() => Name = "DueVisitSort";
}

/// <summary>The contract's DueVisit (type, dueBy), extended with what the « Salariés à convoquer » list shows.</summary>
public sealed class DueVisitType : ObjectGraphType<DueVisitView>
{
    public DueVisitType()
    {
        Name = "DueVisit";
        Field<NonNullGraphType<VisitTypeEnumType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<DateScalar>>("dueBy").Resolve(c => c.Source.DueBy);
        Field<NonNullGraphType<DueVisitKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.KindLabel);
        Field<DateScalar>("dueFrom")
            .Resolve(c => c.Source.DueFrom == DateOnly.MinValue ? null : c.Source.DueFrom);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Resolve(c => c.Source.Overdue);
        Field<NonNullGraphType<StringGraphType>>("rule")
            .Resolve(c => DueVisitRules.RulesByCode.TryGetValue(c.Source.RuleCode, out var r) ? r.Label : c.Source.RuleCode);
        Field<NonNullGraphType<DateScalar>>("ruleSince")
            .Resolve(c => DueVisitRules.RulesByCode.TryGetValue(c.Source.RuleCode, out var r) ? r.From : DateOnly.MinValue);
        Field<NonNullGraphType<VisitProfessionalEnumType>>("seenBy")
            .Resolve(c => DueVisitRules.RulesByCode.TryGetValue(c.Source.RuleCode, out var r) ? r.SeenBy : VisitProfessional.HealthProfessional);
        Field<EmployeeType>("employee")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeQueries>().GetAsync(c.Source.EmployeeId, c.CancellationToken));
        Field<IdGraphType>("visitRequestId")
            .Resolve(c => c.Source.VisitRequestId);
    }
}

public sealed class DueVisitEdgeType() : PageEdgeType<DueVisitType, DueVisitView>("DueVisit");
public sealed class DueVisitConnectionType() : PageConnectionType<DueVisitEdgeType, DueVisitView>("DueVisit");

public sealed class HeldVisitType : ObjectGraphType<HeldVisitView>
{
    public HeldVisitType()
    {
        Name = "HeldVisit";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<HeldVisitKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<DateScalar>>("heldOn").Resolve(c => c.Source.HeldOn);
        Field<NonNullGraphType<StringGraphType>>("source").Resolve(c => c.Source.Source);
    }
}

public sealed class AbsenceType : ObjectGraphType<AbsenceView>
{
    public AbsenceType()
    {
        Name = "Absence";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<AbsenceNatureEnumType>>("nature").Resolve(c => c.Source.Nature);
        Field<NonNullGraphType<DateScalar>>("firstDay").Resolve(c => c.Source.FirstDay);
        Field<NonNullGraphType<DateScalar>>("returnOn").Resolve(c => c.Source.ReturnOn);
    }
}

public sealed class HeldVisitPayloadType : ObjectGraphType<Outcome<HeldVisitView>>
{
    public HeldVisitPayloadType()
    {
        Name = "RecordPastVisitPayload";
        Field<HeldVisitType>("heldVisit").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class AbsencePayloadType : ObjectGraphType<Outcome<AbsenceView>>
{
    public AbsencePayloadType()
    {
        Name = "RecordAbsencePayload";
        Field<AbsenceType>("absence").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class RecordPastVisitInput
{
    public string EmployeeId { get; set; } = "";
    public HeldVisitKind Kind { get; set; }
    public DateOnly HeldOn { get; set; }
}

public sealed class RecordPastVisitInputType : InputObjectGraphType<RecordPastVisitInput>
{
    public RecordPastVisitInputType()
    {
        Name = "RecordPastVisitInput";
        Field<NonNullGraphType<IdGraphType>>("employeeId");
        Field<NonNullGraphType<HeldVisitKindEnumType>>("kind");
        Field<NonNullGraphType<DateScalar>>("heldOn");
    }
}

public sealed class RecordAbsenceInput
{
    public string EmployeeId { get; set; } = "";
    public AbsenceNature Nature { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly ReturnOn { get; set; }
}

public sealed class RecordAbsenceInputType : InputObjectGraphType<RecordAbsenceInput>
{
    public RecordAbsenceInputType()
    {
        Name = "RecordAbsenceInput";
        Field<NonNullGraphType<IdGraphType>>("employeeId");
        Field<NonNullGraphType<AbsenceNatureEnumType>>("nature");
        Field<NonNullGraphType<DateScalar>>("firstDay");
        Field<NonNullGraphType<DateScalar>>("returnOn");
    }
}

public static class DueVisitOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<DueVisitConnectionType>>("dueVisits")
            .Argument<VisitTypeEnumType>("type")
            .Argument<DueVisitSortEnumType>("sort")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<DueVisitList>().ListAsync(c.Source.Id,
                new DueVisitFilter(c.GetArgument<Platform.Features.Visits.VisitType?>("type"), c.GetArgument<DueVisitSort?>("sort") ?? DueVisitSort.DueByAscending),
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddEmployeeFields(ObjectGraphType<EmployeeView> employee)
    {
        employee.Field<DueVisitType>("nextVisitDue")
            .ResolveAsync(async c =>
            {
                var next = await c.RequestServices!.GetRequiredService<DueVisitList>().NextForAsync(c.Source, c.CancellationToken);
                if (next is null) return null;
                var today = c.RequestServices!.GetRequiredService<TimeProvider>().Today();
                return new DueVisitView(Guid.Empty, c.Source.CompanyId, c.Source.Id, c.Source.DisplayName, next.Kind, next.Type, next.DueFrom, next.DueBy,
                    next.Rule.Code, next.IsOverdueOn(today), null);
            });
        employee.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HeldVisitType>>>>("pastVisits")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<FollowUpHistoryService>().VisitsAsync(c.Source.Id, c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<HeldVisitPayloadType>>("recordPastVisit")
            .Argument<NonNullGraphType<RecordPastVisitInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RecordPastVisitInput>("input");
                if (!Guid.TryParse(input.EmployeeId, out var id)) return Outcome<HeldVisitView>.Fail(EmployeeService.NotFound with { Field = "employeeId" });
                return await c.RequestServices!.GetRequiredService<FollowUpHistoryService>().RecordVisitAsync(id, input.Kind, input.HeldOn, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AbsencePayloadType>>("recordAbsence")
            .Argument<NonNullGraphType<RecordAbsenceInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RecordAbsenceInput>("input");
                if (!Guid.TryParse(input.EmployeeId, out var id)) return Outcome<AbsenceView>.Fail(EmployeeService.NotFound with { Field = "employeeId" });
                return await c.RequestServices!.GetRequiredService<FollowUpHistoryService>().RecordAbsenceAsync(id, input.Nature, input.FirstDay, input.ReturnOn, c.CancellationToken);
            });
    }
}
