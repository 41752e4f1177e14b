using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.GraphQL.Access;

namespace Platform.GraphQL.Companies;

public sealed class CompanyType : ObjectGraphType<CompanyView>
{
    public CompanyType()
    {
        Name = "Company";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<NonNullGraphType<StringGraphType>>("siret").Resolve(c => c.Source.Siret);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("legalForm").Resolve(c => c.Source.LegalForm);
        Field<StringGraphType>("nafCode").Resolve(c => c.Source.NafCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompanyUserType>>>>("users")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<CompanyUsers>().ListAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<BooleanGraphType>>("tempWorkerAccount")
            .Resolve(c => c.Source.IsTempWorkerAccount);
        CompanyProfileOperations.AddCompanyFields(this);
        PendingChanges.PendingChangeOperations.AddCompanyFields(this);
        Workstations.WorkstationOperations.AddCompanyFields(this);
        Employees.EmployeeOperations.AddCompanyFields(this);
        Visits.VisitRequestOperations.AddCompanyFields(this);
        Documents.DocumentOperations.AddCompanyFields(this);
        Appointments.AppointmentOperations.AddCompanyFields(this);
        DueVisits.DueVisitOperations.AddCompanyFields(this);
        Declarations.DeclarationOperations.AddCompanyFields(this);
        Billing.InvoiceOperations.AddCompanyFields(this);
        Payments.SepaMandateOperations.AddCompanyFields(this);
        Access.CompanyUsersOperations.AddCompanyFields(this);
    }
}

public static class CompanyQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<CompanyType>("company")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("id"), out var id)) return null;
                return await c.RequestServices!.GetRequiredService<CompanyAccess>().FindVisibleAsync(id, c.CancellationToken);
            });
    }
}
