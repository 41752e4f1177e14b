using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Appointments;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Visits;
using Platform.GraphQL.Common;
using Platform.GraphQL.Employees;
using Platform.GraphQL.Visits;

namespace Platform.GraphQL.Appointments;

public sealed class AppointmentType : ObjectGraphType<AppointmentView>
{
    public AppointmentType()
    {
        Name = "Appointment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EmployeeType>>("employee")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<EmployeeQueries>().GetAsync(c.Source.EmployeeId, c.CancellationToken));
        Field<NonNullGraphType<VisitTypeEnumType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<DateTimeScalar>>("startsAt").Resolve(c => c.Source.StartsAt);
        Field<StringGraphType>("location").Resolve(c => c.Source.Location);
        Field<StringGraphType>("healthProfessional").Resolve(c => c.Source.HealthProfessional);
        Field<NonNullGraphType<BooleanGraphType>>("cancellable")
            .Resolve(c => c.Source.Cancellable);
        Field<NonNullGraphType<BooleanGraphType>>("cancelled").Resolve(c => c.Source.Cancelled);
        Field<DateTimeScalar>("cancelledAt").Resolve(c => c.Source.CancelledAt);
        Field<StringGraphType>("cancellationReason").Resolve(c => c.Source.CancellationReason);
        Field<DateTimeScalar>("cancellationRequestedAt")
            .Resolve(c => c.Source.CancellationRequestedAt);
        Field<NonNullGraphType<StringGraphType>>("convocationUrl")
            .Resolve(c => $"/api/appointments/{c.Source.Id}/convocation.pdf");
        Field<NonNullGraphType<BooleanGraphType>>("hasCertificate")
            .Resolve(c => c.Source.HasCertificate);
        Field<DateTimeScalar>("certificateUploadedAt").Resolve(c => c.Source.CertificateUploadedAt);
        Field<StringGraphType>("certificateUrl")
            .ResolveAsync(async c => c.Source.HasCertificate
                && await c.RequestServices!.GetRequiredService<VisitCertificates>().MayDownloadAsync(c.Source.CompanyId, c.CancellationToken)
                    ? $"/api/appointments/{c.Source.Id}/certificate.pdf" : null);
    }
}

public sealed class AppointmentEdgeType() : PageEdgeType<AppointmentType, AppointmentView>("Appointment");
public sealed class AppointmentConnectionType() : PageConnectionType<AppointmentEdgeType, AppointmentView>("Appointment");

public sealed class AppointmentPayloadType : ObjectGraphType<Outcome<AppointmentView>>
{
    public AppointmentPayloadType()
    {
        Name = "AppointmentPayload";
        Field<AppointmentType>("appointment").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ForwardConvocationPayloadType : ObjectGraphType<Outcome>
{
    public ForwardConvocationPayloadType()
    {
        Name = "ForwardConvocationPayload";
        Field<NonNullGraphType<BooleanGraphType>>("sent").Resolve(c => c.Source.Succeeded);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ScheduleVisitInput
{
    public string Id { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public string? Location { get; set; }
    public string? HealthProfessional { get; set; }
}

public sealed class ScheduleVisitInputType : InputObjectGraphType<ScheduleVisitInput>
{
    public ScheduleVisitInputType()
    {
        Name = "ScheduleVisitInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<DateTimeScalar>>("startsAt");
        Field<StringGraphType>("location");
        Field<StringGraphType>("healthProfessional");
    }
}

public sealed class ReasonInput
{
    public string Id { get; set; } = "";
    public string? Reason { get; set; }
}

public sealed class RefuseVisitRequestInputType : InputObjectGraphType<ReasonInput>
{
    public RefuseVisitRequestInputType()
    {
        Name = "RefuseVisitRequestInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}

public sealed class StaffCancelAppointmentInputType : InputObjectGraphType<ReasonInput>
{
    public StaffCancelAppointmentInputType()
    {
        Name = "StaffCancelAppointmentInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<StringGraphType>("reason");
    }
}

public sealed class AttachVisitCertificateInput
{
    public string Id { get; set; } = "";
    public string Content { get; set; } = "";
}

public sealed class AttachVisitCertificateInputType : InputObjectGraphType<AttachVisitCertificateInput>
{
    public AttachVisitCertificateInputType()
    {
        Name = "AttachVisitCertificateInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("content");
    }
}

public sealed class ForwardConvocationInput
{
    public string Id { get; set; } = "";
    public string Email { get; set; } = "";
}

public sealed class ForwardConvocationInputType : InputObjectGraphType<ForwardConvocationInput>
{
    public ForwardConvocationInputType()
    {
        Name = "ForwardConvocationInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("email");
    }
}

public static class AppointmentOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<AppointmentConnectionType>>("appointments")
            .Argument<BooleanGraphType>("upcomingOnly", a => a.DefaultValue = true)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Employer(c).ListAsync(c.Source.Id,
                c.GetArgument("upcomingOnly", true) ? AppointmentPeriod.Upcoming : AppointmentPeriod.All,
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddVisitRequestFields(ObjectGraphType<VisitRequestView> request)
    {
        request.Field<AppointmentType>("appointment")
            .ResolveAsync(async c => c.Source.AppointmentId is { } id ? await Employer(c).GetAsync(id, c.CancellationToken) : null);
        request.Field<StringGraphType>("refusalReason").Resolve(c => c.Source.RefusalReason);
        request.Field<DateTimeScalar>("refusedAt").Resolve(c => c.Source.RefusedAt);
    }

    public static void AddEmployeePayloadFields(ObjectGraphType<Employees.EmployeePayload> payload) =>
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AppointmentType>>>>("cancelledAppointments")
            .Resolve(c => c.Source.CancelledAppointments);

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitRequestType>>>>("visitRequestsToProcess")
            .ResolveAsync(async c => (await Staff(c).RequestsToProcessAsync(c.CancellationToken)).Select(r => r.Request).ToList());
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AppointmentType>>>>("appointmentCancellationRequests")
            .ResolveAsync(async c => (await Staff(c).CancellationRequestsAsync(c.CancellationToken)).Select(r => r.Appointment).ToList());
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("scheduleVisit")
            .Argument<NonNullGraphType<ScheduleVisitInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ScheduleVisitInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound);
                return await Staff(c).ScheduleAsync(id, input.StartsAt, input.Location, input.HealthProfessional, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("takeVisitRequestInCharge")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Staff(c).TakeInChargeAsync(id, c.CancellationToken) : Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound));
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("refuseVisitRequest")
            .Argument<NonNullGraphType<RefuseVisitRequestInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ReasonInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound);
                return await Staff(c).RefuseAsync(id, input.Reason, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("cancelAppointment")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Employer(c).CancelAsync(id, c.CancellationToken) : Outcome<AppointmentView>.Fail(AppointmentService.NotFound));
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("cancelAppointmentAsStaff")
            .Argument<NonNullGraphType<StaffCancelAppointmentInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ReasonInput>("input");
                return Guid.TryParse(input.Id, out var id) ? await Staff(c).CancelAsync(id, input.Reason, c.CancellationToken) : Outcome<AppointmentView>.Fail(AppointmentService.NotFound);
            });
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("attachVisitCertificate")
            .Argument<NonNullGraphType<AttachVisitCertificateInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AttachVisitCertificateInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<AppointmentView>.Fail(AppointmentService.NotFound);
                var content = new byte[input.Content.Length * 3 / 4 + 3];
                if (!Convert.TryFromBase64String(input.Content, content, out var length))
                    return Outcome<AppointmentView>.Fail(new UserError("NOT_A_PDF", "Le fichier n'est pas lisible : envoyez le PDF encodé en base64.", "content"));
                return await c.RequestServices!.GetRequiredService<VisitCertificates>().AttachAsync(id, content[..length], "content", c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<ForwardConvocationPayloadType>>("forwardConvocation")
            .Argument<NonNullGraphType<ForwardConvocationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ForwardConvocationInput>("input");
                return Guid.TryParse(input.Id, out var id) ? await Employer(c).ForwardConvocationAsync(id, input.Email, c.CancellationToken) : Outcome.Fail(AppointmentService.NotFound);
            });
    }

    private static AppointmentService Employer(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<AppointmentService>();
    private static VisitScheduling Staff(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<VisitScheduling>();
}
