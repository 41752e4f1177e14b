using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Declarations;

public sealed class DeclarationStatusEnumType : EnumerationGraphType<DeclarationStatus>
{
    public DeclarationStatusEnumType() => Name = "DeclarationStatus";
}

public sealed class DeclarationType : ObjectGraphType<DeclarationView>
{
    public DeclarationType()
    {
        Name = "Declaration";
        // The one expected now and not started yet has no row: its id names the company and the year.
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id?.ToString() ?? $"{c.Source.CompanyId:N}-{c.Source.Year}");
        Field<NonNullGraphType<IntGraphType>>("year").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<DeclarationStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("headcount").Resolve(c => c.Source.Headcount);
        Field<DateTimeScalar>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeScalar>("editableUntil").Resolve(c => c.Source.EditableUntil);
    }
}

public static class DeclarationOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeclarationType>>>>("declarations")
            .Description("Annual headcount declarations, newest year first; the one the tenant expects now reads TO_FILL until started.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<DeclarationService>().ListAsync(c.Source.Id, c.CancellationToken));
    }
}
