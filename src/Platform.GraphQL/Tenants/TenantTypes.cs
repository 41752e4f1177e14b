using GraphQL.Types;
using Platform.Tenancy.Rules;

namespace Platform.GraphQL.Tenants;

/// <summary>What the `tenant` query shows: public facts of the host's tenant, with overrides applied.</summary>
public sealed record TenantView(string Slug, TenantRules Rules);

public sealed class TenantType : ObjectGraphType<TenantView>
{
    public TenantType()
    {
        Name = "Tenant";
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Rules.Name);
        Field<NonNullGraphType<ThemeType>>("theme").Resolve(c => c.Source.Rules);
        Field<NonNullGraphType<LoginMethodType>>("loginMethod").Resolve(c => c.Source.Rules.Login.Proof);
        Field<NonNullGraphType<TenantRulesType>>("rules").Resolve(c => c.Source.Rules);
    }
}

public sealed class ThemeType : ObjectGraphType<TenantRules>
{
    /// <summary>Served by the host for the tenant of the request.</summary>
    public const string LogoPath = "/tenant/logo.svg";

    public ThemeType()
    {
        Name = "Theme";
        Field<NonNullGraphType<StringGraphType>>("primaryColor").Resolve(c => c.Source.Theme.PrimaryColor);
        Field<NonNullGraphType<StringGraphType>>("secondaryColor").Resolve(c => c.Source.Theme.SecondaryColor);
        Field<StringGraphType>("logoUrl").Resolve(_ => LogoPath);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<ContactType>>("contact").Resolve(c => c.Source.Theme.Contact);
    }
}

public sealed class ContactType : ObjectGraphType<ContactRules>
{
    public ContactType()
    {
        Name = "Contact";
        Field<NonNullGraphType<StringGraphType>>("phone").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("openingHours").Resolve(c => c.Source.OpeningHours);
        Field<StringGraphType>("address").Resolve(c => c.Source.Address);
    }
}

public sealed class TenantRulesType : ObjectGraphType<TenantRules>
{
    public TenantRulesType()
    {
        Name = "TenantRules";
        Field<NonNullGraphType<LoginIdentifierType>>("loginIdentifier").Resolve(c => c.Source.Login.Identifier);
        Field<NonNullGraphType<CancellationNoticeType>>("cancellationNotice").Resolve(c => c.Source.Cancellation);
        Field<NonNullGraphType<BillingCycleType>>("billingCycle").Resolve(c => c.Source.Billing.Cycle);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PaymentMethodType>>>>("paymentMethods").Resolve(c => c.Source.Payment.Methods);
        Field<NonNullGraphType<StringGraphType>>("holidayCalendar")
            .Resolve(c => c.Source.HolidayCalendar == HolidayCalendar.AlsaceMoselle ? "ALSACE_MOSELLE" : "FRANCE");
        Field<NonNullGraphType<IntGraphType>>("billingInstalments").Resolve(c => c.Source.Billing.Instalments);
        Field<NonNullGraphType<DecimalGraphType>>("sepaDiscountPercent").Resolve(c => c.Source.Payment.SepaDiscountPercent);
        Field<NonNullGraphType<BooleanGraphType>>("proxyLogin")
            .Resolve(c => c.Source.Login.ProxyLogin);
    }
}

public sealed class CancellationNoticeType : ObjectGraphType<CancellationRules>
{
    public CancellationNoticeType()
    {
        Name = "CancellationNotice";
        Field<IntGraphType>("hours").Resolve(c => c.Source.Hours);
        Field<IntGraphType>("workingDays").Resolve(c => c.Source.WorkingDays);
    }
}

public sealed class LoginMethodType : EnumerationGraphType<LoginProof>
{
    public LoginMethodType() => Name = "LoginMethod";
}

public sealed class LoginIdentifierType : EnumerationGraphType<LoginIdentifier>
{
    public LoginIdentifierType() => Name = "LoginIdentifier";
}

public sealed class BillingCycleType : EnumerationGraphType<BillingCycle>
{
    public BillingCycleType() => Name = "BillingCycle";
}

public sealed class PaymentMethodType : EnumerationGraphType<PaymentMethod>
{
    public PaymentMethodType() => Name = "PaymentMethod";
}
