using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.Payments.Sepa;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Payments;

/// <summary>The contract's <c>SepaMandate</c>: the reference, the IBAN's last 4 characters only, the signature date and the state.</summary>
public sealed class SepaMandateType : ObjectGraphType<SepaMandateView>
{
    public SepaMandateType()
    {
        Name = "SepaMandate";
        Field<NonNullGraphType<StringGraphType>>("reference").Description("The mandate reference (RUM).").Resolve(c => c.Source.Reference);
        Field<NonNullGraphType<StringGraphType>>("ibanLast4").Description("The last 4 characters of the debited IBAN: all that is ever shown of it.").Resolve(c => c.Source.IbanLast4);
        Field<DateTimeScalar>("signedAt").Description("Null while the e-mailed code has not signed it.").Resolve(c => c.Source.SignedAt);
        Field<NonNullGraphType<StringGraphType>>("status").Description("AWAITING_CODE, ACTIVE (a green tick on the portal), REVOKED.").Resolve(c => c.Source.StatusCode);
        Field<NonNullGraphType<StringGraphType>>("holderName").Resolve(c => c.Source.HolderName);
        Field<StringGraphType>("bic").Resolve(c => c.Source.Bic);
        Field<NonNullGraphType<StringGraphType>>("receiptUrl").Description("The signed mandate's receipt (PDF; same host, same credentials).")
            .Resolve(c => $"/api/companies/{c.Source.CompanyId}/sepa-mandate/receipt.pdf");
    }
}

public sealed class SepaMandatePayloadType : ObjectGraphType<Outcome<SepaMandateView>>
{
    public SepaMandatePayloadType()
    {
        Name = "SepaMandatePayload";
        Field<SepaMandateType>("mandate").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class StartSepaMandateInput
{
    public string CompanyId { get; set; } = "";
    public string? HolderName { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public bool AcceptMandate { get; set; }
}

public sealed class StartSepaMandateInputType : InputObjectGraphType<StartSepaMandateInput>
{
    public StartSepaMandateInputType()
    {
        Name = "StartSepaMandateInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("holderName").Description("Account holder as on the RIB.");
        Field<NonNullGraphType<StringGraphType>>("iban").Description("Spaces allowed; French IBANs have 27 characters.");
        Field<StringGraphType>("bic").Description("Optional: 8 or 11 characters.");
        Field<NonNullGraphType<BooleanGraphType>>("acceptMandate").Description("The signer accepts the mandate's terms.");
    }
}

public sealed class ConfirmSepaMandateInput
{
    public string CompanyId { get; set; } = "";
    public string Code { get; set; } = "";
}

public sealed class ConfirmSepaMandateInputType : InputObjectGraphType<ConfirmSepaMandateInput>
{
    public ConfirmSepaMandateInputType()
    {
        Name = "ConfirmSepaMandateInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("code").Description("The code e-mailed to the signer.");
    }
}

public sealed class CompanyIdInput
{
    public string CompanyId { get; set; } = "";
}

public sealed class RevokeSepaMandateInputType : InputObjectGraphType<CompanyIdInput>
{
    public RevokeSepaMandateInputType()
    {
        Name = "RevokeSepaMandateInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
    }
}

public static class SepaMandateOperations
{
    private static readonly UserError NotFound = new("NOT_FOUND", "Cette entreprise est introuvable.", "companyId");

    public static void AddCompanyFields(ObjectGraphType<CompanyView> company) =>
        company.Field<SepaMandateType>("sepaMandate")
            .Description("The active SEPA mandate, else one waiting for its code; null when none. Needs a role that shows invoices.")
            .ResolveAsync(async c => await Mandates(c).GetAsync(c.Source.Id, c.CancellationToken));

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SepaMandatePayloadType>>("startSepaMandate")
            .Description("A member with the billing right enters a SEPA mandate; a one-time code is e-mailed to them to sign it (confirmSepaMandate).")
            .Argument<NonNullGraphType<StartSepaMandateInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<StartSepaMandateInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<SepaMandateView>.Fail(NotFound);
                return await Mandates(c).StartAsync(new SepaMandateEntry(companyId, input.HolderName, input.Iban, input.Bic, input.AcceptMandate), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<SepaMandatePayloadType>>("confirmSepaMandate")
            .Description("Signs the entered mandate with the e-mailed code: it becomes active and its receipt is e-mailed.")
            .Argument<NonNullGraphType<ConfirmSepaMandateInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ConfirmSepaMandateInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<SepaMandateView>.Fail(NotFound);
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext;
                var context = new SepaSignatureContext(http?.Connection.RemoteIpAddress?.ToString(), http?.Request.Headers.UserAgent.ToString());
                return await Mandates(c).ConfirmAsync(companyId, input.Code, context, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<SepaMandatePayloadType>>("revokeSepaMandate")
            .Description("Ends the company's active mandate: no further debit is presented.")
            .Argument<NonNullGraphType<RevokeSepaMandateInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CompanyIdInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<SepaMandateView>.Fail(NotFound);
                return await Mandates(c).RevokeAsync(companyId, c.CancellationToken);
            });
    }

    private static SepaMandates Mandates(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<SepaMandates>();
}
