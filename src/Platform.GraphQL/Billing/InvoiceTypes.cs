using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Billing;

public sealed class InvoiceStatusEnumType : EnumerationGraphType<InvoiceStatus>
{
    public InvoiceStatusEnumType()
    {
        Name = "InvoiceStatus";
    }
}

public sealed class InvoiceKindEnumType : EnumerationGraphType<InvoiceKind>
{
    public InvoiceKindEnumType() => Name = "InvoiceKind";
}

public sealed class InstalmentType : ObjectGraphType<InstalmentView>
{
    public InstalmentType()
    {
        Name = "Instalment";
        Field<NonNullGraphType<DateScalar>>("dueOn").Resolve(c => c.Source.DueOn);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<BooleanGraphType>>("paid").Resolve(c => c.Source.Paid);
        Field<DateScalar>("paidOn").Resolve(c => c.Source.PaidOn);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
    }
}

public sealed class InvoiceType : ObjectGraphType<InvoiceView>
{
    public InvoiceType()
    {
        Name = "Invoice";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<InvoiceKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<DateScalar>>("issuedOn").Resolve(c => c.Source.IssuedOn);
        Field<NonNullGraphType<DateScalar>>("dueOn").Resolve(c => c.Source.DueOn);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<DecimalGraphType>>("totalExclTax").Resolve(c => c.Source.TotalExclTax);
        Field<NonNullGraphType<DecimalGraphType>>("vat").Resolve(c => c.Source.Vat);
        Field<NonNullGraphType<DecimalGraphType>>("totalInclTax").Resolve(c => c.Source.TotalInclTax);
        Field<NonNullGraphType<DecimalGraphType>>("balance").Resolve(c => c.Source.Balance);
        Field<NonNullGraphType<BooleanGraphType>>("paid").Resolve(c => c.Source.Paid);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InstalmentType>>>>("instalments").Resolve(c => c.Source.Instalments);
        Field<NonNullGraphType<DecimalGraphType>>("vatPercent").Resolve(c => c.Source.VatPercent);
        Field<NonNullGraphType<StringGraphType>>("pdfUrl").Resolve(c => $"/api/invoices/{c.Source.Id}/pdf");
        Platform.GraphQL.Payments.PaymentOperations.AddInvoiceFields(this);
    }
}

public sealed class InvoiceEdgeType() : PageEdgeType<InvoiceType, InvoiceView>("Invoice");
public sealed class InvoiceConnectionType() : PageConnectionType<InvoiceEdgeType, InvoiceView>("Invoice");

public static class InvoiceOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<InvoiceConnectionType>>("invoices")
            .Argument<InvoiceStatusEnumType>("status")
            .Argument<IntGraphType>("year")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Argument<StringGraphType>("number", "Part of the invoice or credit note number (any case).")
            .ResolveAsync(async c => await Service(c).ListAsync(c.Source.Id, c.GetArgument<InvoiceStatus?>("status"), c.GetArgument<int?>("year"),
                c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.GetArgument<string?>("number"), c.CancellationToken));
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<InvoiceType>("invoice")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id) ? await Service(c).GetAsync(id, c.CancellationToken) : null);
    }

    private static InvoiceService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<InvoiceService>();
}
