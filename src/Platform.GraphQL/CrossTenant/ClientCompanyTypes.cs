using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.CrossTenant;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;
using Platform.GraphQL.Tenants;

namespace Platform.GraphQL.CrossTenant;

public sealed class ClientFigureEnumType : EnumerationGraphType<ClientFigure>
{
    public ClientFigureEnumType()
    {
        Name = "ClientFigure";
        Description = "A figure of the accountant's view, shown only where the client's roles grant it.";
    }
}

public sealed class ClientCompanyType : ObjectGraphType<ClientCompanyView>
{
    public ClientCompanyType()
    {
        Name = "ClientCompany";
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => new TenantView(c.Source.Tenant.Slug, c.Source.Rules));
        Field<NonNullGraphType<CompanyType>>("company")
            .Description("Its identity. Its lists (employees, invoices…) are read on its own tenant's host.")
            .Resolve(c => c.Source.Company);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientFigureEnumType>>>>("grantedFigures")
            .Description("The figures this client's roles let the user see; the others read 0 or false.")
            .Resolve(c => c.Source.Granted);
        Field<NonNullGraphType<IntGraphType>>("openInvoices").Resolve(c => c.Source.OpenInvoices);
        Field<NonNullGraphType<DecimalGraphType>>("amountDue").Description("What the company still owes on its invoices (unpaid instalments); 0 where it did not grant its invoices.").Resolve(c => c.Source.AmountDue);
        Field<NonNullGraphType<BooleanGraphType>>("declarationDue").Resolve(c => c.Source.DeclarationDue);
        Field<IntGraphType>("declarationYear").Description("The year of the declaration due, when one is.").Resolve(c => c.Source.DeclarationPeriod?.Year);
        Field<DateScalar>("declarationDueOn").Description("Its deadline in the tenant's calendar.").Resolve(c => c.Source.DeclarationPeriod?.DueOn);
        Field<NonNullGraphType<IntGraphType>>("pendingVisitRequests").Resolve(c => c.Source.PendingVisitRequests);
    }
}

public static class ClientQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientCompanyType>>>>("clientsAcrossTenants")
            .Description("Accountant firms: every client company across all tenants with what needs doing.")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var userId = services.GetRequiredService<CurrentUser>().RequireUserId();
                return await services.GetRequiredService<CrossTenantReader>().ClientsOfAsync(userId, c.CancellationToken);
            });
    }
}
