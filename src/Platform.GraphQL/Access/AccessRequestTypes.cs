using Platform.Tenancy.Resolution;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Demarches;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;

namespace Platform.GraphQL.Access;

public sealed class AccessRequestKindType : EnumerationGraphType<AccessRequestKind>
{
    public AccessRequestKindType() => Name = "AccessRequestKind";
}

public sealed class AccessRequestType : ObjectGraphType<AccessRequestView>
{
    public AccessRequestType()
    {
        Name = "AccessRequest";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<AccessRequestKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("state").Description("IN_PROGRESS, ACCEPTED or REFUSED.").Resolve(c => c.Source.StateCode);
        Field<StringGraphType>("companyName").Description("Null for a synchronisation until it is accepted.").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<StringGraphType>("requesterEmail").Description("The requester's e-mail, for the one who decides.").Resolve(c => c.Source.RequesterEmail);
        Field<StringGraphType>("memberNumber").Description("The member number given.").Resolve(c => c.Source.MemberNumber);
        Field<StringGraphType>("siret").Description("The SIRET given (the SIREN for a synchronisation, the old SIRET for a takeover).").Resolve(c => c.Source.Siret);
        Field<StringGraphType>("newSiret").Description("A takeover's new SIRET.").Resolve(c => c.Source.NewSiret);
        Field<StringGraphType>("formerAdministratorEmail").Description("A change of administrator: the former administrator's e-mail given.").Resolve(c => c.Source.FormerAdministratorEmail);
        Field<NonNullGraphType<BooleanGraphType>>("addressedToStaff")
            .Description("A management request for a company without administrator: the service's staff decide it.").Resolve(c => c.Source.AddressedToStaff);
        Field<NonNullGraphType<BooleanGraphType>>("awaitsCode")
            .Description("A synchronisation in progress: confirmCompanySynchronization completes it with the code sent to the company's contact on file (true whether or not a code was sent).").Resolve(c => c.Source.AwaitsCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("staffNotes")
            .Description("For the service's staff: what the register says about the numbers and e-mail given (empty for others).").Resolve(c => c.Source.StaffNotes);
    }
}

public sealed class SynchronizeCompanyInput { public string? MemberNumber { get; set; } public string? Siren { get; set; } }
public sealed class ConfirmCompanySynchronizationInput { public string? RequestId { get; set; } public string? Code { get; set; } }
public sealed class RequestCompanyAccessInput { public string? MemberNumber { get; set; } public string? Siret { get; set; } }
public sealed class DecideAccessRequestInput { public string? Id { get; set; } public bool Accept { get; set; } public List<string>? Roles { get; set; } }
public sealed class RequestAdministratorChangeInput { public string? MemberNumber { get; set; } public string? Siret { get; set; } public string? FormerAdministratorEmail { get; set; } }
public sealed class ReportTakeoverInput { public string? MemberNumber { get; set; } public string? OldSiret { get; set; } public string? NewSiret { get; set; } public string? Description { get; set; } }
public sealed class RequestMergerInput { public string? Description { get; set; } }

public sealed class SynchronizeCompanyInputType : InputObjectGraphType<SynchronizeCompanyInput>
{
    public SynchronizeCompanyInputType()
    {
        Name = "SynchronizeCompanyInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siren");
    }
}

public sealed class ConfirmCompanySynchronizationInputType : InputObjectGraphType<ConfirmCompanySynchronizationInput>
{
    public ConfirmCompanySynchronizationInputType()
    {
        Name = "ConfirmCompanySynchronizationInput";
        Field<NonNullGraphType<IdGraphType>>("requestId").Description("The synchronisation request (synchronizeCompany's request.id).");
        Field<NonNullGraphType<StringGraphType>>("code").Description("The code e-mailed to the company's contact on file.");
    }
}

public sealed class RequestCompanyAccessInputType : InputObjectGraphType<RequestCompanyAccessInput>
{
    public RequestCompanyAccessInputType()
    {
        Name = "RequestCompanyAccessInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siret");
    }
}

public sealed class DecideAccessRequestInputType : InputObjectGraphType<DecideAccessRequestInput>
{
    public DecideAccessRequestInputType()
    {
        Name = "DecideAccessRequestInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<BooleanGraphType>>("accept");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("roles");
    }
}

public sealed class RequestAdministratorChangeInputType : InputObjectGraphType<RequestAdministratorChangeInput>
{
    public RequestAdministratorChangeInputType()
    {
        Name = "RequestAdministratorChangeInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siret");
        Field<NonNullGraphType<StringGraphType>>("formerAdministratorEmail");
    }
}

public sealed class ReportTakeoverInputType : InputObjectGraphType<ReportTakeoverInput>
{
    public ReportTakeoverInputType()
    {
        Name = "ReportTakeoverInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("oldSiret");
        Field<NonNullGraphType<StringGraphType>>("newSiret");
        Field<NonNullGraphType<StringGraphType>>("description");
    }
}

public sealed class RequestMergerInputType : InputObjectGraphType<RequestMergerInput>
{
    public RequestMergerInputType()
    {
        Name = "RequestMergerInput";
        Field<NonNullGraphType<StringGraphType>>("description");
    }
}

public sealed class CompanyPayloadType : ObjectGraphType<Outcome<Synchronization>>
{
    public CompanyPayloadType()
    {
        Name = "CompanyPayload";
        Field<CompanyType>("company").Resolve(c => c.Source.Value?.Company);
        Field<AccessRequestType>("request")
            .Description("synchronizeCompany: the request opened, the same whether the numbers matched or not; a code goes to the company's contact on file.")
            .Resolve(c => c.Source.Value?.Request);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class AccessRequestPayloadType : ObjectGraphType<Outcome<AccessRequestView>>
{
    public AccessRequestPayloadType()
    {
        Name = "AccessRequestPayload";
        Field<AccessRequestType>("request").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class AccessRequestOperations
{
    /// <summary>The mutations that try public facts against the register: each gets the tight per-account budget.</summary>
    public static readonly IReadOnlySet<string> Sensitive = new HashSet<string>(StringComparer.Ordinal)
    {
        "synchronizeCompany", "confirmCompanySynchronization", "requestCompanyAccess", "requestAdministratorChange", "reportTakeover",
    };

    private static T Service<T>(IResolveFieldContext c) where T : notnull => c.RequestServices!.GetRequiredService<T>();
    private static T Input<T>(IResolveFieldContext c) => c.GetArgument<T>("input");
    private static readonly UserError NotFound = new("NOT_FOUND", "Cette démarche n'existe pas.", "id");

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CompanyPayloadType>>("synchronizeCompany")
            .Description("Synchroniser votre adhérent: opens a request; a code goes to the company's contact on file (confirmCompanySynchronization), or the service's staff decide. Once per company; the first person becomes Administrateur.")
            .Argument<NonNullGraphType<SynchronizeCompanyInputType>>("input")
            .ResolveAsync(async c => { var i = Input<SynchronizeCompanyInput>(c); return await Service<CompanySynchronization>(c).StartAsync(i.MemberNumber, i.Siren, c.CancellationToken); });
        mutation.Field<NonNullGraphType<CompanyPayloadType>>("confirmCompanySynchronization")
            .Description("Completes a synchronisation with the code e-mailed to the company's contact; the company is returned on success.")
            .Argument<NonNullGraphType<ConfirmCompanySynchronizationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<ConfirmCompanySynchronizationInput>(c);
                return Guid.TryParse(i.RequestId, out var id)
                    ? await Service<CompanySynchronization>(c).ConfirmAsync(id, i.Code, c.CancellationToken)
                    : NotFound with { Field = "requestId" };
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestCompanyAccess")
            .Description("Demander la gestion d'un adhérent: its administrators are e-mailed and decide (the service's staff when it has none).")
            .Argument<NonNullGraphType<RequestCompanyAccessInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<RequestCompanyAccessInput>(c);
                var http = Service<IHttpContextAccessor>(c).HttpContext!;
                return await Service<ManagementRequests>(c).RequestAsync(i.MemberNumber, i.Siret, SiteUrl.Of(http.Request), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("decideAccessRequest")
            .Description("Accept (with the roles granted) or refuse a request addressed to the caller.")
            .Argument<NonNullGraphType<DecideAccessRequestInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<DecideAccessRequestInput>(c);
                return Guid.TryParse(i.Id, out var id)
                    ? await Service<AccessRequestDecisions>(c).DecideAsync(id, i.Accept, i.Roles, c.CancellationToken)
                    : NotFound;
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestAdministratorChange")
            .Description("Modifier l'administrateur d'un compte adhérent (processed by the tenant's staff).")
            .Argument<NonNullGraphType<RequestAdministratorChangeInputType>>("input")
            .ResolveAsync(async c => { var i = Input<RequestAdministratorChangeInput>(c); return await Service<AdministratorChanges>(c).RequestAsync(i.MemberNumber, i.Siret, i.FormerAdministratorEmail, c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("reportTakeover")
            .Description("Signaler un rachat de société ou un changement de dirigeant (staff).")
            .Argument<NonNullGraphType<ReportTakeoverInputType>>("input")
            .ResolveAsync(async c => { var i = Input<ReportTakeoverInput>(c); return await Service<TakeoverReports>(c).ReportAsync(i.MemberNumber, i.OldSiret, i.NewSiret, i.Description, c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestMerger")
            .Description("Demander la fusion/absorption d'entreprises (staff).")
            .Argument<NonNullGraphType<RequestMergerInputType>>("input")
            .ResolveAsync(async c => await Service<MergerRequests>(c).RequestAsync(Input<RequestMergerInput>(c).Description, c.CancellationToken));
    }
}
