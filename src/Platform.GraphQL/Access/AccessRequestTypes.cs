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
        Field<NonNullGraphType<StringGraphType>>("state").Resolve(c => c.Source.StateCode);
        Field<StringGraphType>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<StringGraphType>("requesterEmail").Resolve(c => c.Source.RequesterEmail);
        Field<StringGraphType>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<StringGraphType>("siret").Resolve(c => c.Source.Siret);
        Field<StringGraphType>("newSiret").Resolve(c => c.Source.NewSiret);
        Field<StringGraphType>("formerAdministratorEmail").Resolve(c => c.Source.FormerAdministratorEmail);
        Field<NonNullGraphType<BooleanGraphType>>("addressedToStaff")
            .Resolve(c => c.Source.AddressedToStaff);
        Field<NonNullGraphType<BooleanGraphType>>("awaitsCode")
            .Resolve(c => c.Source.AwaitsCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("staffNotes")
            .Resolve(c => c.Source.StaffNotes);
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
        Field<NonNullGraphType<IdGraphType>>("requestId");
        Field<NonNullGraphType<StringGraphType>>("code");
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
            .Argument<NonNullGraphType<SynchronizeCompanyInputType>>("input")
            .ResolveAsync(async c => { var i = Input<SynchronizeCompanyInput>(c); return await Service<CompanySynchronization>(c).StartAsync(i.MemberNumber, i.Siren, c.CancellationToken); });
        mutation.Field<NonNullGraphType<CompanyPayloadType>>("confirmCompanySynchronization")
            .Argument<NonNullGraphType<ConfirmCompanySynchronizationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<ConfirmCompanySynchronizationInput>(c);
                return Guid.TryParse(i.RequestId, out var id)
                    ? await Service<CompanySynchronization>(c).ConfirmAsync(id, i.Code, c.CancellationToken)
                    : NotFound with { Field = "requestId" };
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestCompanyAccess")
            .Argument<NonNullGraphType<RequestCompanyAccessInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<RequestCompanyAccessInput>(c);
                var http = Service<IHttpContextAccessor>(c).HttpContext!;
                return await Service<ManagementRequests>(c).RequestAsync(i.MemberNumber, i.Siret, SiteUrl.Of(http.Request), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("decideAccessRequest")
            .Argument<NonNullGraphType<DecideAccessRequestInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input<DecideAccessRequestInput>(c);
                return Guid.TryParse(i.Id, out var id)
                    ? await Service<AccessRequestDecisions>(c).DecideAsync(id, i.Accept, i.Roles, c.CancellationToken)
                    : NotFound;
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestAdministratorChange")
            .Argument<NonNullGraphType<RequestAdministratorChangeInputType>>("input")
            .ResolveAsync(async c => { var i = Input<RequestAdministratorChangeInput>(c); return await Service<AdministratorChanges>(c).RequestAsync(i.MemberNumber, i.Siret, i.FormerAdministratorEmail, c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("reportTakeover")
            .Argument<NonNullGraphType<ReportTakeoverInputType>>("input")
            .ResolveAsync(async c => { var i = Input<ReportTakeoverInput>(c); return await Service<TakeoverReports>(c).ReportAsync(i.MemberNumber, i.OldSiret, i.NewSiret, i.Description, c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestMerger")
            .Argument<NonNullGraphType<RequestMergerInputType>>("input")
            .ResolveAsync(async c => await Service<MergerRequests>(c).RequestAsync(Input<RequestMergerInput>(c).Description, c.CancellationToken));
    }
}
