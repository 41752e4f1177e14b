using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.CrossTenant;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;
using Platform.GraphQL.Http;
using Platform.GraphQL.Tenants;

namespace Platform.GraphQL.CrossTenant;

public sealed class ClientFigureEnumType : EnumerationGraphType<ClientFigure>
{
    public ClientFigureEnumType()
    {
        Name = "ClientFigure";
    }
}

public sealed class ClientCompanyType : ObjectGraphType<ClientCompanyView>
{
    public ClientCompanyType()
    {
        Name = "ClientCompany";
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => new TenantView(c.Source.Tenant.Slug, c.Source.Rules));
        Field<NonNullGraphType<CompanyType>>("company")
            .Resolve(c => c.Source.Company);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientFigureEnumType>>>>("grantedFigures")
            .Resolve(c => c.Source.Granted);
        Field<NonNullGraphType<IntGraphType>>("openInvoices").Resolve(c => c.Source.OpenInvoices);
        Field<NonNullGraphType<DecimalGraphType>>("amountDue").Resolve(c => c.Source.AmountDue);
        Field<NonNullGraphType<BooleanGraphType>>("declarationDue").Resolve(c => c.Source.DeclarationDue);
        Field<IntGraphType>("declarationYear").Resolve(c => c.Source.DeclarationPeriod?.Year);
        Field<DateScalar>("declarationDueOn").Resolve(c => c.Source.DeclarationPeriod?.DueOn);
        Field<NonNullGraphType<IntGraphType>>("pendingVisitRequests").Resolve(c => c.Source.PendingVisitRequests);
    }
}

public static class ClientQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientCompanyType>>>>("clientsAcrossTenants")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var userId = services.GetRequiredService<CurrentUser>().RequireUserId();
                var (clients, unanswered) = await services.GetRequiredService<CrossTenantReader>().ClientsOfAsync(userId, c.CancellationToken);
                // The clients of the services that answered, and an error naming each one that did not (partial data).
                foreach (var tenant in unanswered)
                    c.Errors.Add(new ExecutionError($"Les entreprises suivies auprès de {tenant.FileRules.Name} ne peuvent pas être lues pour le moment : réessayez dans quelques minutes.")
                    {
                        Code = GraphQLErrors.TenantUnavailable, Path = c.Path,
                    });
                return clients;
            });
    }
}
