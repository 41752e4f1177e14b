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
        Field<NonNullGraphType<StringGraphType>>("reference").Resolve(c => c.Source.Reference);
        Field<NonNullGraphType<StringGraphType>>("ibanLast4").Resolve(c => c.Source.IbanLast4);
        Field<DateTimeScalar>("signedAt").Resolve(c => c.Source.SignedAt);
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(c => c.Source.StatusCode);
        Field<NonNullGraphType<StringGraphType>>("holderName").Resolve(c => c.Source.HolderName);
        Field<StringGraphType>("bic").Resolve(c => c.Source.Bic);
        Field<NonNullGraphType<StringGraphType>>("receiptUrl")
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
        Field<NonNullGraphType<StringGraphType>>("holderName");
        Field<NonNullGraphType<StringGraphType>>("iban");
        Field<StringGraphType>("bic");
        Field<NonNullGraphType<BooleanGraphType>>("acceptMandate");
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
        Field<NonNullGraphType<StringGraphType>>("code");
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
            .ResolveAsync(async c => await Mandates(c).GetAsync(c.Source.Id, c.CancellationToken));

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SepaMandatePayloadType>>("startSepaMandate")
            .Argument<NonNullGraphType<StartSepaMandateInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<StartSepaMandateInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<SepaMandateView>.Fail(NotFound);
                return await Mandates(c).StartAsync(new SepaMandateEntry(companyId, input.HolderName, input.Iban, input.Bic, input.AcceptMandate), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<SepaMandatePayloadType>>("confirmSepaMandate")
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
