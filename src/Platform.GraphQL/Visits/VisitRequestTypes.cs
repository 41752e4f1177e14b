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

public sealed class VisitRequestType : ObjectGraphType<VisitRequestView>
{
    public VisitRequestType()
    {
        Name = "VisitRequest";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EmployeeType>>("employee")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeService>().GetAsync(c.Source.EmployeeId, c.CancellationToken));
        Field<NonNullGraphType<VisitTypeEnumType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<VisitRequestStateEnumType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeScalar>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("situations").Resolve(c => c.Source.Situations);
        Field<StringGraphType>("comment").Resolve(c => c.Source.Comment);
        Field<StringGraphType>("interpreterLanguage").Resolve(c => c.Source.InterpreterLanguage);
        Field<StringGraphType>("userCompanyName")
            .Description("Temp-worker accounts (NNN.1.x): the company the temp worker is placed with (entreprise utilisatrice).")
            .Resolve(c => c.Source.UserCompanyName);
        Field<StringGraphType>("closingReason").Description("Why it was cancelled or refused.").Resolve(c => c.Source.ClosingReason);
        Appointments.AppointmentOperations.AddVisitRequestFields(this);
    }
}

public sealed class VisitRequestEdgeType() : PageEdgeType<VisitRequestType, VisitRequestView>("VisitRequest");
public sealed class VisitRequestConnectionType() : PageConnectionType<VisitRequestEdgeType, VisitRequestView>("VisitRequest");

public sealed class VisitRequestPayloadType : ObjectGraphType<VisitRequestResult>
{
    public VisitRequestPayloadType()
    {
        Name = "VisitRequestPayload";
        Field<VisitRequestType>("visitRequest").Resolve(c => c.Source.Request);
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
}

public sealed class RequestVisitInputType : InputObjectGraphType<RequestVisitInput>
{
    public RequestVisitInputType()
    {
        Name = "RequestVisitInput";
        Field<NonNullGraphType<IdGraphType>>("employeeId");
        Field<NonNullGraphType<VisitTypeEnumType>>("type");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("situations")
            .Description($"Situation flags: {string.Join(", ", VisitRules.Situations.Keys)}.");
        Field<StringGraphType>("comment").Description("Convocation constraints and remarks, no medical data.");
        Field<StringGraphType>("interpreterLanguage");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("documentIds");
        Field<StringGraphType>("userCompanyName")
            .Description("Required on a temp-worker account (NNN.1.x): the company the temp worker is placed with (seed 000).");
    }
}

public static class VisitRequestOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<VisitRequestConnectionType>>("visitRequests")
            .Description("Visit requests, newest first.")
            .Argument<VisitRequestStateEnumType>("state")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Service(c).ListAsync(c.Source.Id, c.GetArgument<VisitRequestState?>("state"),
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddEmployeePayloadFields(ObjectGraphType<EmployeeResult> payload)
    {
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitRequestType>>>>("cancelledVisitRequests")
            .Description("Visit requests cancelled by this change.")
            .Resolve(c => c.Source.CancelledVisitRequests);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("requestVisit")
            .Argument<NonNullGraphType<RequestVisitInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestVisitInput>("input");
                if (!Guid.TryParse(input.EmployeeId, out var employeeId)) return new VisitRequestResult(null, [EmployeeService.NotFound with { Field = "employeeId" }]);
                return await Service(c).RequestAsync(new VisitRequestDraft(employeeId, input.Type, input.Situations, input.Comment, input.InterpreterLanguage, input.DocumentIds, input.UserCompanyName), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("cancelVisitRequest")
            .Description("Only while the request is pending.")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).CancelAsync(id, c.CancellationToken) : new VisitRequestResult(null, [VisitRequestService.NotFound]));
    }

    private static VisitRequestService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<VisitRequestService>();
}
