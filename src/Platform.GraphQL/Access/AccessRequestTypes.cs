using Platform.Tenancy.Resolution;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
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
        Field<StringGraphType>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
    }
}

public sealed class SynchronizeCompanyInputType : InputObjectGraphType
{
    public SynchronizeCompanyInputType()
    {
        Name = "SynchronizeCompanyInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siren");
    }
}

public sealed class RequestCompanyAccessInputType : InputObjectGraphType
{
    public RequestCompanyAccessInputType()
    {
        Name = "RequestCompanyAccessInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siret");
    }
}

public sealed class DecideAccessRequestInputType : InputObjectGraphType
{
    public DecideAccessRequestInputType()
    {
        Name = "DecideAccessRequestInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<BooleanGraphType>>("accept");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("roles");
    }
}

public sealed class RequestAdministratorChangeInputType : InputObjectGraphType
{
    public RequestAdministratorChangeInputType()
    {
        Name = "RequestAdministratorChangeInput";
        Field<NonNullGraphType<StringGraphType>>("memberNumber");
        Field<NonNullGraphType<StringGraphType>>("siret");
        Field<NonNullGraphType<StringGraphType>>("formerAdministratorEmail");
    }
}

public sealed class ReportTakeoverInputType : InputObjectGraphType
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

public sealed class RequestMergerInputType : InputObjectGraphType
{
    public RequestMergerInputType()
    {
        Name = "RequestMergerInput";
        Field<NonNullGraphType<StringGraphType>>("description");
    }
}

public sealed class CompanyPayloadType : ObjectGraphType<RequestOutcome>
{
    public CompanyPayloadType()
    {
        Name = "CompanyPayload";
        Field<CompanyType>("company").Resolve(c => c.Source.Company);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class AccessRequestPayloadType : ObjectGraphType<RequestOutcome>
{
    public AccessRequestPayloadType()
    {
        Name = "AccessRequestPayload";
        Field<AccessRequestType>("request").Resolve(c => c.Source.Request);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class AccessRequestOperations
{
    private static AccessRequests Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<AccessRequests>();
    private static IDictionary<string, object?> Input(IResolveFieldContext c) => c.GetArgument<Dictionary<string, object?>>("input");
    private static string? Text(IDictionary<string, object?> input, string key) => input.TryGetValue(key, out var v) ? v?.ToString() : null;

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CompanyPayloadType>>("synchronizeCompany")
            .Description("Synchroniser votre adhérent: once per company; the first person becomes Administrateur.")
            .Argument<NonNullGraphType<SynchronizeCompanyInputType>>("input")
            .ResolveAsync(async c => { var i = Input(c); return await Service(c).SynchronizeAsync(Text(i, "memberNumber"), Text(i, "siren"), c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestCompanyAccess")
            .Description("Demander la gestion d'un adhérent: its administrators are e-mailed and decide.")
            .Argument<NonNullGraphType<RequestCompanyAccessInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input(c);
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
                return await Service(c).RequestManagementAsync(Text(i, "memberNumber"), Text(i, "siret"), SiteUrl.Of(http.Request), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("decideAccessRequest")
            .Description("Accept (with the roles granted) or refuse a request addressed to the caller.")
            .Argument<NonNullGraphType<DecideAccessRequestInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = Input(c);
                if (!Guid.TryParse(Text(i, "id"), out var id)) return new RequestOutcome(null, null, [new UserError("NOT_FOUND", "Cette démarche n'existe pas.", "id")]);
                var roles = i.TryGetValue("roles", out var r) && r is IEnumerable<object?> list ? list.Select(x => x?.ToString() ?? "").ToList() : null;
                return await Service(c).DecideAsync(id, i["accept"] is true, roles, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestAdministratorChange")
            .Description("Modifier l'administrateur d'un compte adhérent (processed by the tenant's staff).")
            .Argument<NonNullGraphType<RequestAdministratorChangeInputType>>("input")
            .ResolveAsync(async c => { var i = Input(c); return await Service(c).RequestAdministratorChangeAsync(Text(i, "memberNumber"), Text(i, "siret"), Text(i, "formerAdministratorEmail"), c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("reportTakeover")
            .Description("Signaler un rachat de société ou un changement de dirigeant (staff).")
            .Argument<NonNullGraphType<ReportTakeoverInputType>>("input")
            .ResolveAsync(async c => { var i = Input(c); return await Service(c).ReportTakeoverAsync(Text(i, "memberNumber"), Text(i, "oldSiret"), Text(i, "newSiret"), Text(i, "description"), c.CancellationToken); });
        mutation.Field<NonNullGraphType<AccessRequestPayloadType>>("requestMerger")
            .Description("Demander la fusion/absorption d'entreprises (staff).")
            .Argument<NonNullGraphType<RequestMergerInputType>>("input")
            .ResolveAsync(async c => await Service(c).RequestMergerAsync(Text(Input(c), "description"), c.CancellationToken));
    }
}
