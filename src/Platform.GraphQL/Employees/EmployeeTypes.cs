using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Features.Regulation;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;
using Platform.GraphQL.Workstations;

namespace Platform.GraphQL.Employees;

public sealed class EmployeeType : ObjectGraphType<EmployeeView>
{
    public EmployeeType()
    {
        Name = "Employee";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("civility").Resolve(c => c.Source.Civility);
        Field<NonNullGraphType<StringGraphType>>("firstName").Resolve(c => c.Source.FirstName);
        Field<NonNullGraphType<StringGraphType>>("birthName").Resolve(c => c.Source.BirthName);
        Field<StringGraphType>("marriedName").Resolve(c => c.Source.MarriedName);
        Field<NonNullGraphType<DateScalar>>("birthDate").Resolve(c => c.Source.BirthDate);
        Field<StringGraphType>("insMasked").Resolve(c => c.Source.MaskedIns);
        Field<NonNullGraphType<BooleanGraphType>>("validated").Resolve(c => c.Source.Validated);
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(c => c.Source.Active);
        Field<NonNullGraphType<StringGraphType>>("contract").Resolve(c => c.Source.Contract);
        Field<WorkstationType>("currentWorkstation").Resolve(c => c.Source.CurrentWorkstation);
        Field<FollowUpEnumType>("followUp").Resolve(c => c.Source.FollowUp);
        Field<FollowUpEnumType>("declaredFollowUp").Resolve(c => c.Source.DeclaredFollowUp);
        Field<NonNullGraphType<DateScalar>>("startDate").Resolve(c => c.Source.StartDate);
        Field<DateScalar>("endDate").Resolve(c => c.Source.EndDate);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkerSituationEnumType>>>>("situations")
            .Resolve(c => c.Source.Situations.AsList());
        Field<DateScalar>("retirementDate").Resolve(c => c.Source.RetirementDate);
        Field<DateScalar>("exposureEndDate").Resolve(c => c.Source.ExposureEndedOn);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PendingEmployeeChangeType>>>>("pendingChanges")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeChanges>().PendingForAsync(c.Source, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CareerEntryType>>>>("career")
            .Resolve(c => c.RequestServices!.GetRequiredService<CareerLoader>().Load(c.Source));
        DueVisits.DueVisitOperations.AddEmployeeFields(this);
    }
}

public sealed class WorkerSituationEnumType : EnumerationGraphType<WorkerSituation>
{
    public WorkerSituationEnumType() => Name = "WorkerSituation";
}

/// <summary>The follow-up situation of an employee, replaced whole.</summary>
public sealed class EmployeeSituationInput
{
    public List<WorkerSituation> Situations { get; set; } = [];
    public DateOnly? RetirementDate { get; set; }
    public DateOnly? ExposureEndDate { get; set; }

    public EmployeeFollowUpSituation ToSituation() => new(Situations, RetirementDate, ExposureEndDate);
}

public sealed class EmployeeSituationInputType : InputObjectGraphType<EmployeeSituationInput>
{
    public EmployeeSituationInputType()
    {
        Name = "EmployeeSituationInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkerSituationEnumType>>>>("situations");
        Field<DateScalar>("retirementDate");
        Field<DateScalar>("exposureEndDate");
    }
}

public sealed class CareerEntryType : ObjectGraphType<CareerEntryView>
{
    public CareerEntryType()
    {
        Name = "CareerEntry";
        Field<NonNullGraphType<WorkstationType>>("workstation").Resolve(c => c.Source.Workstation);
        Field<NonNullGraphType<StringGraphType>>("contract").Resolve(c => c.Source.Contract);
        Field<NonNullGraphType<DateScalar>>("startDate").Resolve(c => c.Source.StartDate);
        Field<DateScalar>("endDate").Resolve(c => c.Source.EndDate);
    }
}

public sealed class EmployeeEdgeType() : PageEdgeType<EmployeeType, EmployeeView>("Employee");
public sealed class EmployeeConnectionType() : PageConnectionType<EmployeeEdgeType, EmployeeView>("Employee");

public sealed class EmployeeFilterInput
{
    public bool ActiveOnly { get; set; } = true;
    public string? Search { get; set; }
    public string? WorkstationId { get; set; }
    public string? Initial { get; set; }
    public string? Sex { get; set; }

    public EmployeeFilter ToFilter() => new(ActiveOnly, Search, Guid.TryParse(WorkstationId, out var w) ? w : null,
        string.IsNullOrEmpty(Initial) ? null : Initial[0], Sex);
}

public sealed class EmployeeFilterInputType : InputObjectGraphType<EmployeeFilterInput>
{
    public EmployeeFilterInputType()
    {
        Name = "EmployeeFilter";
        Field<BooleanGraphType>("activeOnly").DefaultValue(true);
        Field<StringGraphType>("search");
        Field<IdGraphType>("workstationId");
        Field<StringGraphType>("initial");
        Field<StringGraphType>("sex");
    }
}

public sealed class EmployeeInput
{
    public string? CompanyId { get; set; }
    public string? Id { get; set; }
    public string? Civility { get; set; }
    public string? FirstName { get; set; }
    public string? BirthName { get; set; }
    public string? MarriedName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Ins { get; set; }
    public string? WorkstationId { get; set; }
    public string? Contract { get; set; }
    public DateOnly? StartDate { get; set; }
    public FollowUpCategory? DeclaredFollowUp { get; set; }
    public EmployeeSituationInput? Situation { get; set; }

    public EmployeeDraft Draft() => new(Civility, FirstName, BirthName, MarriedName, BirthDate, Ins, Contract, StartDate,
        Guid.TryParse(WorkstationId, out var w) ? w : null, DeclaredFollowUp);
}

public sealed class CreateEmployeeInputType : InputObjectGraphType<EmployeeInput>
{
    public CreateEmployeeInputType()
    {
        Name = "CreateEmployeeInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("civility");
        Field<NonNullGraphType<StringGraphType>>("firstName");
        Field<NonNullGraphType<StringGraphType>>("birthName");
        Field<StringGraphType>("marriedName");
        Field<NonNullGraphType<DateScalar>>("birthDate");
        Field<StringGraphType>("ins");
        Field<IdGraphType>("workstationId");
        Field<NonNullGraphType<StringGraphType>>("contract");
        Field<NonNullGraphType<DateScalar>>("startDate");
        Field<FollowUpEnumType>("declaredFollowUp");
    }
}

public sealed class UpdateEmployeeInputType : InputObjectGraphType<EmployeeInput>
{
    public UpdateEmployeeInputType()
    {
        Name = "UpdateEmployeeInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("civility");
        Field<StringGraphType>("firstName");
        Field<StringGraphType>("birthName");
        Field<StringGraphType>("marriedName");
        Field<DateScalar>("birthDate");
        Field<StringGraphType>("ins");
        Field<StringGraphType>("contract");
        Field<FollowUpEnumType>("declaredFollowUp");
        Field<EmployeeSituationInputType>("situation")
            ;
    }
}

public sealed class ExitEmployeeInput
{
    public string Id { get; set; } = "";
    public DateOnly EndDate { get; set; }
}

public sealed class ExitEmployeeInputType : InputObjectGraphType<ExitEmployeeInput>
{
    public ExitEmployeeInputType()
    {
        Name = "ExitEmployeeInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<DateScalar>>("endDate");
    }
}

public sealed class ContractChangeInput
{
    public string Id { get; set; } = "";
    public string? WorkstationId { get; set; }
    public string? Contract { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? CurrentEndDate { get; set; }
}

public sealed class ChangeEmployeeWorkstationInputType : InputObjectGraphType<ContractChangeInput>
{
    public ChangeEmployeeWorkstationInputType()
    {
        Name = "ChangeEmployeeWorkstationInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<IdGraphType>>("workstationId");
        Field<StringGraphType>("contract");
        Field<NonNullGraphType<DateScalar>>("startDate");
        Field<DateScalar>("currentEndDate");
    }
}

public sealed class ReactivateEmployeeInputType : InputObjectGraphType<ContractChangeInput>
{
    public ReactivateEmployeeInputType()
    {
        Name = "ReactivateEmployeeInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<IdGraphType>("workstationId");
        Field<NonNullGraphType<StringGraphType>>("contract");
        Field<NonNullGraphType<DateScalar>>("startDate");
    }
}

public sealed class EmployeeChangeKindEnumType : EnumerationGraphType<EmployeeChangeKind>
{
    public EmployeeChangeKindEnumType() => Name = "EmployeeChangeKind";
}

public sealed class PendingEmployeeChangeType : ObjectGraphType<Platform.Features.PendingChanges.PendingChangeView>
{
    public PendingEmployeeChangeType()
    {
        Name = "PendingEmployeeChange";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("employeeId").Resolve(c => c.Source.SubjectId);
        Field<NonNullGraphType<StringGraphType>>("employeeName").Resolve(c => c.Source.Subject);
        Field<NonNullGraphType<EmployeeChangeKindEnumType>>("kind").Resolve(c => EmployeeChanges.KindOf(c.Source.Kind));
        Field<NonNullGraphType<StringGraphType>>("summary").Resolve(c => c.Source.Summary);
        Field<NonNullGraphType<RequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateScalar>("effectiveOn").Resolve(c => c.Source.EffectiveOn);
        Platform.GraphQL.PendingChanges.PendingChangeFields.Add(this);
    }
}

/// <summary>The contract's EmployeePayload: the outcome of a change to an employee, and the visit requests an exit cancelled.</summary>
public sealed record EmployeePayload(Outcome<EmployeeView> Outcome, IReadOnlyList<Platform.Features.Visits.VisitRequestView> CancelledVisitRequests,
    IReadOnlyList<Platform.Features.Appointments.AppointmentView> CancelledAppointments)
{
    public static EmployeePayload Of(Outcome<EmployeeView> outcome) => new(outcome, [], []);

    public static EmployeePayload Of(Outcome<EmployeeExit> exit) =>
        new(new Outcome<EmployeeView>(exit.Value?.Employee, exit.Errors) { Pending = exit.Pending }, exit.Value?.CancelledVisitRequests ?? [], exit.Value?.CancelledAppointments ?? []);
}

public sealed class EmployeePayloadType : ObjectGraphType<EmployeePayload>
{
    public EmployeePayloadType()
    {
        Name = "EmployeePayload";
        Field<EmployeeType>("employee").Resolve(c => c.Source.Outcome.Value);
        Field<PendingEmployeeChangeType>("pendingChange").Resolve(c => c.Source.Outcome.Pending);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Outcome.Errors);
        Visits.VisitRequestOperations.AddEmployeePayloadFields(this);
        Appointments.AppointmentOperations.AddEmployeePayloadFields(this);
    }
}

public sealed class EmployeeChangeDecisionPayloadType : ObjectGraphType<Outcome<Platform.Features.PendingChanges.PendingChangeView>>
{
    public EmployeeChangeDecisionPayloadType()
    {
        Name = "EmployeeChangeDecisionPayload";
        Field<PendingEmployeeChangeType>("change").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ErrorsPayloadType : ObjectGraphType<IReadOnlyList<UserError>>
{
    public ErrorsPayloadType()
    {
        Name = "ErrorsPayload";
        Field<NonNullGraphType<BooleanGraphType>>("ok").Resolve(c => c.Source.Count == 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source);
    }
}

public sealed class EmployeeCheckType : ObjectGraphType<EmployeeCheck>
{
    public EmployeeCheckType()
    {
        Name = "EmployeeCheck";
        Field<NonNullGraphType<EmployeeType>>("employee").Resolve(c => c.Source.Employee);
        Field<NonNullGraphType<StringGraphType>>("problem")
            .Resolve(c => c.Source.Problem == EmployeeProblem.NoWorkstation ? "NO_WORKSTATION" : "FOLLOW_UP_MISMATCH");
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
    }
}

public sealed record AwaitingEmployee(CompanyView Company, EmployeeView Employee);

public sealed class AwaitingEmployeeType : ObjectGraphType<AwaitingEmployee>
{
    public AwaitingEmployeeType()
    {
        Name = "AwaitingEmployee";
        Field<NonNullGraphType<CompanyType>>("company").Resolve(c => c.Source.Company);
        Field<NonNullGraphType<EmployeeType>>("employee").Resolve(c => c.Source.Employee);
    }
}

public static class EmployeeOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<EmployeeConnectionType>>("employees")
            .Argument<EmployeeFilterInputType>("filter")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<EmployeeFilterInput?>("filter")?.ToFilter() ?? new EmployeeFilter();
                return await Queries(c).ListAsync(c.Source.Id, filter, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken);
            });
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EmployeeCheckType>>>>("employeeChecks")
            .ResolveAsync(async c => await Queries(c).CheckAsync(c.Source.Id, c.CancellationToken));
        company.Field<StringGraphType>("employeeSectionLock")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeLock>().LockMessageAsync());
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<EmployeeType>("employee")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id) ? await Queries(c).GetAsync(id, c.CancellationToken) : null);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AwaitingEmployeeType>>>>("employeesAwaitingValidation")
            .ResolveAsync(async c => (await Service(c).AwaitingValidationAsync(ct: c.CancellationToken)).Select(a => new AwaitingEmployee(a.Company, a.Employee)));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PendingEmployeeChangeType>>>>("employeeChangesAwaitingDecision")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeChanges>().AwaitingDecisionAsync(c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("contractTypes")
            .Resolve(_ => EmployeeRules.Contracts);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("createEmployee")
            .Argument<NonNullGraphType<CreateEmployeeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<EmployeeInput>("input");
                return EmployeePayload.Of(Guid.TryParse(input.CompanyId, out var companyId)
                    ? await Declarations(c).CreateAsync(companyId, input.Draft(), c.CancellationToken)
                    : new UserError("NOT_FOUND", "Entreprise introuvable.", "companyId"));
            });
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("updateEmployee")
            .Argument<NonNullGraphType<UpdateEmployeeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<EmployeeInput>("input");
                return EmployeePayload.Of(Guid.TryParse(input.Id, out var id) ? await Declarations(c).UpdateAsync(id, input.Draft(), input.Situation?.ToSituation(), c.CancellationToken) : EmployeeService.NotFound);
            });
        mutation.Field<NonNullGraphType<ErrorsPayloadType>>("deleteEmployee")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? (await Declarations(c).DeleteAsync(id, c.CancellationToken)).Errors : [EmployeeService.NotFound]);
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("exitEmployee")
            .Argument<NonNullGraphType<ExitEmployeeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ExitEmployeeInput>("input");
                return EmployeePayload.Of(Guid.TryParse(input.Id, out var id) ? await Careers(c).ExitAsync(id, input.EndDate, c.CancellationToken) : EmployeeService.NotFound);
            });
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("reactivateEmployee")
            .Argument<NonNullGraphType<ReactivateEmployeeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ContractChangeInput>("input");
                return EmployeePayload.Of(Guid.TryParse(input.Id, out var id)
                    ? await Careers(c).ReactivateAsync(id, input.StartDate, input.Contract, Guid.TryParse(input.WorkstationId, out var w) ? w : null, c.CancellationToken)
                    : EmployeeService.NotFound);
            });
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("changeEmployeeWorkstation")
            .Argument<NonNullGraphType<ChangeEmployeeWorkstationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ContractChangeInput>("input");
                return EmployeePayload.Of(Guid.TryParse(input.Id, out var id) && Guid.TryParse(input.WorkstationId, out var w)
                    ? await Careers(c).ChangeWorkstationAsync(id, w, input.Contract, input.StartDate, input.CurrentEndDate, c.CancellationToken)
                    : EmployeeService.NotFound);
            });
        mutation.Field<NonNullGraphType<EmployeePayloadType>>("validateEmployee")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => EmployeePayload.Of(Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Declarations(c).ValidateAsync(id, c.CancellationToken) : EmployeeService.NotFound));
        mutation.Field<NonNullGraphType<EmployeeChangeDecisionPayloadType>>("decideEmployeeChange")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DecideInput>("input");
                return Guid.TryParse(input.Id, out var id)
                    ? await c.RequestServices!.GetRequiredService<EmployeeChanges>().DecideAsync(id, input.Accept, c.CancellationToken)
                    : EmployeeService.NotFound;
            });
        mutation.Field<NonNullGraphType<ImportPayloadType>>("importEmployees")
            .Argument<NonNullGraphType<CsvImportInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CsvImportInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await Imports(c).ImportNewAsync(companyId, input.Csv, c.CancellationToken) : CompanyNotFound;
            });
        mutation.Field<NonNullGraphType<ImportPayloadType>>("importEmployeeEndDates")
            .Argument<NonNullGraphType<CsvImportInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CsvImportInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await Imports(c).ImportEndDatesAsync(companyId, input.Csv, c.CancellationToken) : CompanyNotFound;
            });
    }

    private static readonly ImportResult CompanyNotFound = ImportResult.Failed(new ImportError(0, null, "NOT_FOUND", "Entreprise introuvable."));

    private static EmployeeService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<EmployeeService>();
    private static EmployeeDeclarations Declarations(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<EmployeeDeclarations>();
    private static EmployeeCareers Careers(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<EmployeeCareers>();
    private static EmployeeQueries Queries(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<EmployeeQueries>();
    private static EmployeeImports Imports(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<EmployeeImports>();
}
