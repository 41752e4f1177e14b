using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Billing;
using Platform.Features.Payments;
using Platform.GraphQL.Common;
using Platform.GraphQL.Tenants;
using Platform.Tenancy.Resolution;

namespace Platform.GraphQL.Payments;

public sealed class PaymentStatusEnumType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusEnumType()
    {
        Name = "PaymentStatus";
    }
}

public sealed class PaymentType : ObjectGraphType<PaymentView>
{
    public PaymentType()
    {
        Name = "Payment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("instalmentId").Resolve(c => c.Source.InstalmentId);
        Field<NonNullGraphType<DateScalar>>("instalmentDueOn").Resolve(c => c.Source.InstalmentDueOn);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<PaymentMethodType>>("method").Resolve(c => c.Source.Method);
        Field<NonNullGraphType<PaymentStatusEnumType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeScalar>>("startedAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("settledAt").Resolve(c => c.Source.SettledAt);
        Field<DateTimeScalar>("refundedAt").Resolve(c => c.Source.RefundedAt);
    }
}

public sealed record PaymentRefundPayload(PaymentView? Payment, IReadOnlyList<UserError> Errors);

public sealed class PaymentRefundPayloadType : ObjectGraphType<PaymentRefundPayload>
{
    public PaymentRefundPayloadType()
    {
        Name = "PaymentRefundPayload";
        Field<PaymentType>("payment").Resolve(c => c.Source.Payment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed record CardPaymentPayload(string? CheckoutUrl, IReadOnlyList<UserError> Errors);

public sealed class CardPaymentPayloadType : ObjectGraphType<CardPaymentPayload>
{
    public CardPaymentPayloadType()
    {
        Name = "CardPaymentPayload";
        Field<StringGraphType>("checkoutUrl")
            .Resolve(c => c.Source.CheckoutUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class PaymentOperations
{
    public static void AddInvoiceFields(ObjectGraphType<InvoiceView> invoice) =>
        invoice.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentType>>>>("payments")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<PaymentHistory>().ForInvoicesAsync([c.Source.Id], c.CancellationToken));

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PaymentRefundPayloadType>>("markPaymentRefunded")
            .Argument<NonNullGraphType<IdGraphType>>("paymentId")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("paymentId"), out var paymentId))
                    return new PaymentRefundPayload(null, [new UserError("NOT_FOUND", "Ce paiement n'existe pas.", "paymentId")]);
                var outcome = await c.RequestServices!.GetRequiredService<Refunds>().MarkRefundedAsync(paymentId, c.CancellationToken);
                return new PaymentRefundPayload(outcome.Value, outcome.Errors);
            });
        AddCardPayment(mutation);
    }

    private static void AddCardPayment(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CardPaymentPayloadType>>("payInvoiceByCard")
            .Argument<NonNullGraphType<IdGraphType>>("invoiceId")
            .Argument<IdGraphType>("instalmentId")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("invoiceId"), out var invoiceId))
                    return new CardPaymentPayload(null, [new UserError("NOT_FOUND", "Cette facture n'existe pas.", "invoiceId")]);
                Guid? instalmentId = null;
                if (c.GetArgument<string?>("instalmentId") is { } raw)
                {
                    if (!Guid.TryParse(raw, out var parsed)) return new CardPaymentPayload(null, [new UserError("NOT_FOUND", "Cette échéance n'existe pas sur cette facture.", "instalmentId")]);
                    instalmentId = parsed;
                }
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
                var outcome = await c.RequestServices!.GetRequiredService<CardPayments>().StartAsync(invoiceId, instalmentId, SiteUrl.Of(http.Request), c.CancellationToken);
                return new CardPaymentPayload(outcome.Value?.CheckoutUrl, outcome.Errors);
            });
}
