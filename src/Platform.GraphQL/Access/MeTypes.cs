using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.GraphQL.Companies;

namespace Platform.GraphQL.Access;

public sealed class MeType : ObjectGraphType<MeView>
{
    public MeType()
    {
        Name = "Me";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("firstName").Resolve(c => c.Source.FirstName);
        Field<NonNullGraphType<StringGraphType>>("lastName").Resolve(c => c.Source.LastName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipType>>>>("memberships")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<CompanyAccess>().MyMembershipsAsync(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("requestsToDecide")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<Platform.Features.Demarches.AccessRequestDecisions>().ToDecideAsync(c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("myRequests")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<Platform.Features.Demarches.AccessRequestDecisions>().MineAsync(c.CancellationToken));
    }
}

public sealed class MembershipType : ObjectGraphType<MembershipView>
{
    public MembershipType()
    {
        Name = "Membership";
        Field<NonNullGraphType<CompanyType>>("company").Resolve(c => c.Source.Company);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
    }
}

public static class AccessQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<MeType>("me")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<MeService>().GetAsync(c.CancellationToken));
    }
}
