using Platform.Features.Regulation;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Visits;
using Platform.GraphQL.Common;
using Platform.GraphQL.Employees;

namespace Platform.GraphQL.Visits;

public sealed class VisitTypeEnumType : EnumerationGraphType
{
    public VisitTypeEnumType()
    {
        Name = "VisitType";
        Add("HIRING", VisitType.Hiring, VisitRules.Label(VisitType.Hiring));
        Add("PERIODIC", VisitType.Periodic, VisitRules.Label(VisitType.Periodic));
        Add("MID_CAREER", VisitType.MidCareer, VisitRules.Label(VisitType.MidCareer));
        Add("RETURN_TO_WORK", VisitType.ReturnToWork, VisitRules.Label(VisitType.ReturnToWork));
        Add("END_OF_CAREER", VisitType.EndOfCareer, VisitRules.Label(VisitType.EndOfCareer));
        Add("OCCASIONAL", VisitType.Occasional, VisitRules.Label(VisitType.Occasional));
        Add("POST_EXPOSURE", VisitType.PostExposure, VisitRules.Label(VisitType.PostExposure));
    }
}

public sealed class VisitRequestStateEnumType : EnumerationGraphType<VisitRequestState>
{
    public VisitRequestStateEnumType() => Name = "VisitRequestState";
}

public sealed class OccasionalRequesterEnumType : EnumerationGraphType<OccasionalRequester>
{
    public OccasionalRequesterEnumType() => Name = "OccasionalRequester";
}

public sealed class EmployerVisitReasonEnumType : EnumerationGraphType<EmployerVisitReason>
{
    public EmployerVisitReasonEnumType() => Name = "EmployerVisitReason";
}

public sealed class VisitRequestEventKindEnumType : EnumerationGraphType<VisitRequestEventKind>
{
    public VisitRequestEventKindEnumType() => Name = "VisitRequestEventKind";
}

public sealed class VisitRequestEventType : ObjectGraphType<VisitRequestEvent>
{
    public VisitRequestEventType()
    {
        Name = "VisitRequestEvent";
        Field<NonNullGraphType<VisitRequestEventKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => VisitRules.Label(c.Source.Kind));
        Field<NonNullGraphType<DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<StringGraphType>("by").Resolve(c => c.Source.By);
        Field<StringGraphType>("detail").Resolve(c => c.Source.Detail);
    }
}

public sealed class VisitRequestType : ObjectGraphType<VisitRequestView>
{
    public VisitRequestType()
    {
        Name = "VisitRequest";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EmployeeType>>("employee")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeQueries>().GetAsync(c.Source.EmployeeId, c.CancellationToken));
        Field<NonNullGraphType<VisitTypeEnumType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<VisitRequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("situations").Resolve(c => c.Source.Situations);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Comment);
        Field<StringGraphType>("interpreterLanguage").Resolve(c => c.Source.InterpreterLanguage);
        Field<StringGraphType>("userCompanyName")
            .Resolve(c => c.Source.UserCompanyName);
        Field<StringGraphType>("closingReason").Resolve(c => c.Source.ClosingReason);
        Field<StringGraphType>("situationDetails").Resolve(c => c.Source.Details.SituationDetails);
        Field<NonNullGraphType<BooleanGraphType>>("hiringWaiver").Resolve(c => c.Source.Details.HiringWaiver);
        Field<DueVisits.AbsenceNatureEnumType>("absenceNature").Resolve(c => c.Source.Details.AbsenceNature);
        Field<DateScalar>("absenceStart").Resolve(c => c.Source.Details.AbsenceStart);
        Field<DateScalar>("absenceEnd").Resolve(c => c.Source.Details.AbsenceEnd);
        Field<NonNullGraphType<BooleanGraphType>>("therapeuticPartTime").Resolve(c => c.Source.Details.TherapeuticPartTime);
        Field<DateScalar>("retirementDate").Resolve(c => c.Source.Details.RetirementDate);
        Field<StringGraphType>("exposureRisk").Resolve(c => c.Source.Details.ExposureRisk);
        Field<DateScalar>("exposureEndDate").Resolve(c => c.Source.Details.ExposureEndDate);
        Field<OccasionalRequesterEnumType>("occasionalRequester").Resolve(c => c.Source.Details.OccasionalRequester);
        Field<EmployerVisitReasonEnumType>("employerReason").Resolve(c => c.Source.Details.EmployerReason);
        Field<StringGraphType>("reasonComment").Resolve(c => c.Source.Details.ReasonComment);
        Field<DateScalar>("lastOpinionDeadline").Resolve(c => c.Source.Details.LastOpinionDeadline);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Documents.DocumentType>>>>("attachments").Resolve(c => c.Source.Attachments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitRequestEventType>>>>("history").Resolve(c => c.Source.History);
        Appointments.AppointmentOperations.AddVisitRequestFields(this);
    }
}

public sealed class VisitRequestEdgeType() : PageEdgeType<VisitRequestType, VisitRequestView>("VisitRequest");
public sealed class VisitRequestConnectionType() : PageConnectionType<VisitRequestEdgeType, VisitRequestView>("VisitRequest");

public sealed class VisitRequestPayloadType : ObjectGraphType<Outcome<VisitRequestView>>
{
    public VisitRequestPayloadType()
    {
        Name = "VisitRequestPayload";
        Field<VisitRequestType>("visitRequest").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class RequestVisitInput
{
    public string EmployeeId { get; set; } = "";
    public VisitType Type { get; set; }
    public List<string>? Situations { get; set; }
    public string? Comment { get; set; }
    public string? InterpreterLanguage { get; set; }
    public List<string>? DocumentIds { get; set; }
    public string? UserCompanyName { get; set; }
    public string? SituationDetails { get; set; }
    public bool? HiringWaiver { get; set; }
    public AbsenceNature? AbsenceNature { get; set; }
    public DateOnly? AbsenceStart { get; set; }
    public DateOnly? AbsenceEnd { get; set; }
    public bool? TherapeuticPartTime { get; set; }
    public DateOnly? RetirementDate { get; set; }
    public string? ExposureRisk { get; set; }
    public DateOnly? ExposureEndDate { get; set; }
    public OccasionalRequester? OccasionalRequester { get; set; }
    public EmployerVisitReason? EmployerReason { get; set; }
    public string? ReasonComment { get; set; }
    public DateOnly? LastOpinionDeadline { get; set; }

    public VisitRequestDetails Details => new(SituationDetails, HiringWaiver ?? false, AbsenceNature, AbsenceStart, AbsenceEnd, TherapeuticPartTime ?? false,
        RetirementDate, ExposureRisk, ExposureEndDate, OccasionalRequester, EmployerReason, ReasonComment, LastOpinionDeadline);
}

public sealed class RequestVisitInputType : InputObjectGraphType<RequestVisitInput>
{
    public RequestVisitInputType()
    {
        Name = "RequestVisitInput";
        Field<NonNullGraphType<IdGraphType>>("employeeId");
        Field<NonNullGraphType<VisitTypeEnumType>>("type");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("situations");
        Field<StringGraphType>("comment");
        Field<StringGraphType>("interpreterLanguage");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("documentIds");
        Field<StringGraphType>("userCompanyName")
            ;
        Field<StringGraphType>("situationDetails");
        Field<BooleanGraphType>("hiringWaiver");
        Field<DueVisits.AbsenceNatureEnumType>("absenceNature");
        Field<DateScalar>("absenceStart");
        Field<DateScalar>("absenceEnd");
        Field<BooleanGraphType>("therapeuticPartTime");
        Field<DateScalar>("retirementDate");
        Field<StringGraphType>("exposureRisk");
        Field<DateScalar>("exposureEndDate");
        Field<OccasionalRequesterEnumType>("occasionalRequester");
        Field<EmployerVisitReasonEnumType>("employerReason");
        Field<StringGraphType>("reasonComment");
        Field<DateScalar>("lastOpinionDeadline");
    }
}

public static class VisitRequestOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<VisitRequestConnectionType>>("visitRequests")
            .Argument<VisitRequestStateEnumType>("state")
            .Argument<VisitTypeEnumType>("type")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Service(c).ListAsync(c.Source.Id, c.GetArgument<VisitRequestState?>("state"), c.GetArgument<VisitType?>("type"),
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddEmployeePayloadFields(ObjectGraphType<EmployeePayload> payload)
    {
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitRequestType>>>>("cancelledVisitRequests")
            .Resolve(c => c.Source.CancelledVisitRequests);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("requestVisit")
            .Argument<NonNullGraphType<RequestVisitInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestVisitInput>("input");
                if (!Guid.TryParse(input.EmployeeId, out var employeeId)) return Outcome<VisitRequestView>.Fail(EmployeeService.NotFound with { Field = "employeeId" });
                return await Service(c).RequestAsync(new VisitRequestDraft(employeeId, input.Type, input.Situations, input.Comment, input.InterpreterLanguage, input.DocumentIds, input.UserCompanyName)
                    { Details = input.Details }, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("cancelVisitRequest")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).CancelAsync(id, c.CancellationToken) : Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound));
    }

    private static VisitRequestService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<VisitRequestService>();
}
