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
        Field<StringGraphType>("healthProfessional").Description("The doctor or nurse who sees the employee.").Resolve(c => c.Source.HealthProfessional);
        Field<NonNullGraphType<BooleanGraphType>>("cancellable")
            .Description("Whether the signed-in user may still cancel it under the tenant's notice rule.").Resolve(c => c.Source.Cancellable);
        Field<NonNullGraphType<BooleanGraphType>>("cancelled").Resolve(c => c.Source.Cancelled);
        Field<DateTimeScalar>("cancelledAt").Resolve(c => c.Source.CancelledAt);
        Field<StringGraphType>("cancellationReason").Resolve(c => c.Source.CancellationReason);
        Field<DateTimeScalar>("cancellationRequestedAt")
            .Description("Where cancelling is a request staff confirm (sstbtp-bfc): when the employer asked.").Resolve(c => c.Source.CancellationRequestedAt);
        Field<NonNullGraphType<StringGraphType>>("convocationUrl")
            .Description("GET it with the same credentials: the convocation PDF.").Resolve(c => $"/api/appointments/{c.Source.Id}/convocation.pdf");
        Field<NonNullGraphType<BooleanGraphType>>("hasCertificate")
            .Description("Whether staff uploaded the visit certificate (attestation de suivi).").Resolve(c => c.Source.HasCertificate);
        Field<DateTimeScalar>("certificateUploadedAt").Resolve(c => c.Source.CertificateUploadedAt);
        Field<StringGraphType>("certificateUrl")
            .Description("GET it with the same credentials: the visit certificate PDF; null when there is none or the user may not download certificates.")
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
        Field<NonNullGraphType<IdGraphType>>("id").Description("The pending visit request.");
        Field<NonNullGraphType<DateTimeScalar>>("startsAt");
        Field<StringGraphType>("location");
        Field<StringGraphType>("healthProfessional").Description("Who sees the employee; one appointment per professional at a time.");
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
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What the employer reads.");
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
        Field<NonNullGraphType<IdGraphType>>("id").Description("The held appointment.");
        Field<NonNullGraphType<StringGraphType>>("content").Description("The PDF, base64-encoded (under 1 MB once decoded).");
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
        Field<NonNullGraphType<StringGraphType>>("email").Description("The employee's e-mail address (not kept).");
    }
}

public static class AppointmentOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<AppointmentConnectionType>>("appointments")
            .Description("Upcoming appointments, soonest first; with upcomingOnly: false, all of them, latest first.")
            .Argument<BooleanGraphType>("upcomingOnly", a => a.DefaultValue = true)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await Employer(c).ListAsync(c.Source.Id,
                c.GetArgument("upcomingOnly", true) ? AppointmentPeriod.Upcoming : AppointmentPeriod.All,
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddVisitRequestFields(ObjectGraphType<VisitRequestView> request)
    {
        request.Field<AppointmentType>("appointment").Description("The appointment staff made from it.")
            .ResolveAsync(async c => c.Source.AppointmentId is { } id ? await Employer(c).GetAsync(id, c.CancellationToken) : null);
        request.Field<StringGraphType>("refusalReason").Resolve(c => c.Source.RefusalReason);
        request.Field<DateTimeScalar>("refusedAt").Resolve(c => c.Source.RefusedAt);
    }

    public static void AddEmployeePayloadFields(ObjectGraphType<Employees.EmployeePayload> payload) =>
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AppointmentType>>>>("cancelledAppointments")
            .Description("Appointments cancelled by this change (an exit cancels those after the end of the contract).")
            .Resolve(c => c.Source.CancelledAppointments);

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<VisitRequestType>>>>("visitRequestsToProcess")
            .Description("Staff of the tenant: pending visit requests, oldest first.")
            .ResolveAsync(async c => (await Staff(c).RequestsToProcessAsync(c.CancellationToken)).Select(r => r.Request).ToList());
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AppointmentType>>>>("appointmentCancellationRequests")
            .Description("Staff of the tenant: cancellation requests to confirm (tenants where cancelling is a request).")
            .ResolveAsync(async c => (await Staff(c).CancellationRequestsAsync(c.CancellationToken)).Select(r => r.Appointment).ToList());
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("scheduleVisit")
            .Description("Staff of the tenant: turns a pending request into an appointment and e-mails the convocation to the company.")
            .Argument<NonNullGraphType<ScheduleVisitInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ScheduleVisitInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound);
                return await Staff(c).ScheduleAsync(id, input.StartsAt, input.Location, input.HealthProfessional, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("takeVisitRequestInCharge")
            .Description("Staff of the tenant: starts on a pending request; the employer's history shows it in progress.")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Staff(c).TakeInChargeAsync(id, c.CancellationToken) : Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound));
        mutation.Field<NonNullGraphType<VisitRequestPayloadType>>("refuseVisitRequest")
            .Description("Staff of the tenant: refuses a pending request with a reason.")
            .Argument<NonNullGraphType<RefuseVisitRequestInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ReasonInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<VisitRequestView>.Fail(VisitRequestService.NotFound);
                return await Staff(c).RefuseAsync(id, input.Reason, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("cancelAppointment")
            .Description("Within the tenant's notice: cancels, or asks staff to cancel where that is the tenant's rule; past it, the error says whom to call.")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Employer(c).CancelAsync(id, c.CancellationToken) : Outcome<AppointmentView>.Fail(AppointmentService.NotFound));
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("cancelAppointmentAsStaff")
            .Description("Staff of the tenant: cancels an appointment (confirming a cancellation request, or at the employer's call).")
            .Argument<NonNullGraphType<StaffCancelAppointmentInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ReasonInput>("input");
                return Guid.TryParse(input.Id, out var id) ? await Staff(c).CancelAsync(id, input.Reason, c.CancellationToken) : Outcome<AppointmentView>.Fail(AppointmentService.NotFound);
            });
        mutation.Field<NonNullGraphType<AppointmentPayloadType>>("attachVisitCertificate")
            .Description("Staff of the tenant: attaches (or replaces) the visit certificate of a held appointment.")
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
            .Description("E-mails the convocation PDF to the employee's address.")
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
