using GraphQL.Types;
using Platform.GraphQL.Access;
using Platform.GraphQL.Billing;
using Platform.GraphQL.CrossTenant;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;
using Platform.GraphQL.Employees;
using Platform.GraphQL.TenantSettings;
using Platform.GraphQL.Visits;
using Platform.GraphQL.Workstations;
using Platform.GraphQL.Tenants;

namespace Platform.GraphQL;

/// <summary>The platform's schema. Each capability adds its fields from its own folder.</summary>
public sealed class PlatformSchema : Schema
{
    public PlatformSchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        TenantQueries.Add(query);
        AccessQueries.Add(query);
        CompanyQueries.Add(query);
        CompanyUsersOperations.AddQueries(query);
        CspCodeQueries.Add(query);
        CompanyProfileOperations.AddQueries(query);
        Platform.GraphQL.PendingChanges.PendingChangeOperations.AddQueries(query);
        WorkstationOperations.AddQueries(query);
        EmployeeOperations.AddQueries(query);
        TenantSettingsOperations.AddQueries(query);
        InvoiceOperations.AddQueries(query);
        BillingRunOperations.AddQueries(query);
        ClientQueries.Add(query);
        Platform.GraphQL.Appointments.AppointmentOperations.AddQueries(query);
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        LoginCodeMutation.Add(mutation);
        CompanyUsersOperations.AddMutations(mutation);
        CompanyUsersOperations.AddNotificationMutations(mutation);
        AccessRequestOperations.AddMutations(mutation);
        TenantSettingsOperations.AddMutations(mutation);
        CompanyProfileOperations.AddMutations(mutation);
        Platform.GraphQL.PendingChanges.PendingChangeOperations.AddMutations(mutation);
        WorkstationOperations.AddMutations(mutation);
        EmployeeOperations.AddMutations(mutation);
        VisitRequestOperations.AddMutations(mutation);
        Platform.GraphQL.Documents.DocumentOperations.AddMutations(mutation);
        Platform.GraphQL.Appointments.AppointmentOperations.AddMutations(mutation);
        Platform.GraphQL.Declarations.DeclarationOperations.AddMutations(mutation);
        DueVisits.DueVisitOperations.AddMutations(mutation);
        BillingRunOperations.AddMutations(mutation);
        Platform.GraphQL.Payments.SepaMandateOperations.AddMutations(mutation);
        Payments.PaymentOperations.AddMutations(mutation);
        Mutation = mutation;

        // Every type, field, argument and enum value described in French, from one file (Common/schema-descriptions.txt).
        RegisterVisitor(new FrenchDescriptions());

        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
    }
}
