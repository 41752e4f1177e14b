using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.GraphQL.Common;
using Platform.GraphQL.Companies;
using Platform.GraphQL.Tenants;
using Platform.Tenancy.Rules;

namespace Platform.GraphQL.Declarations;

public sealed class DeclarationStatusEnumType : EnumerationGraphType<DeclarationStatus>
{
    public DeclarationStatusEnumType() => Name = "DeclarationStatus";
}

public sealed class DeclarationStepEnumType : EnumerationGraphType<DeclarationStep>
{
    public DeclarationStepEnumType()
    {
        Name = "DeclarationStep";
    }
}

public sealed class EstimateLineType : ObjectGraphType<EstimateLine>
{
    public EstimateLineType()
    {
        Name = "EstimateLine";
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<IntGraphType>>("quantity").Resolve(c => c.Source.Quantity);
        Field<NonNullGraphType<DecimalGraphType>>("unitPrice").Resolve(c => c.Source.UnitPrice);
        Field<NonNullGraphType<DecimalGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class EstimateType : ObjectGraphType<Estimate>
{
    public EstimateType()
    {
        Name = "Estimate";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EstimateLineType>>>>("lines").Resolve(c => c.Source.Lines);
        Field<NonNullGraphType<DecimalGraphType>>("totalExclTax").Resolve(c => c.Source.TotalExclTax);
        Field<NonNullGraphType<DecimalGraphType>>("vat").Resolve(c => c.Source.Vat);
        Field<NonNullGraphType<DecimalGraphType>>("totalInclTax").Resolve(c => c.Source.TotalInclTax);
    }
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
        Field<EstimateType>("estimate").Resolve(c => c.Source.Estimate);
        Field<DateTimeScalar>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeScalar>("editableUntil").Resolve(c => c.Source.EditableUntil);
        Field<NonNullGraphType<IntGraphType>>("apprentices").Resolve(c => c.Source.Apprentices);
        Field<PaymentMethodType>("paymentMethod").Resolve(c => c.Source.PaymentMethod);
        Field<DeclarationStepEnumType>("resumeStep").Resolve(c => c.Source.Status == DeclarationStatus.InProgress ? c.Source.Step : null);
        Field<NonNullGraphType<BooleanGraphType>>("editable").Resolve(c => c.Source.Editable);
    }
}

public sealed class SubmitDeclarationInput
{
    public string CompanyId { get; set; } = "";
    public int Year { get; set; }
    public PaymentMethod? PaymentMethod { get; set; }
    public string? SignatoryName { get; set; }
    public string? SignatoryEmail { get; set; }
    public bool CertifyAccuracy { get; set; }
    public bool AcceptTerms { get; set; }
}

public sealed class SubmitDeclarationInputType : InputObjectGraphType<SubmitDeclarationInput>
{
    public SubmitDeclarationInputType()
    {
        Name = "SubmitDeclarationInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IntGraphType>>("year");
        Field<PaymentMethodType>("paymentMethod");
        Field<NonNullGraphType<StringGraphType>>("signatoryName");
        Field<NonNullGraphType<StringGraphType>>("signatoryEmail");
        Field<NonNullGraphType<BooleanGraphType>>("certifyAccuracy");
        Field<NonNullGraphType<BooleanGraphType>>("acceptTerms");
    }
}

public sealed class SaveDeclarationStepInput
{
    public string CompanyId { get; set; } = "";
    public int Year { get; set; }
    public DeclarationStep Step { get; set; }
    public List<string>? Determinants { get; set; }
    public List<string>? OwnDeterminants { get; set; }
    public PaymentMethod? PaymentMethod { get; set; }
}

public sealed class SaveDeclarationStepInputType : InputObjectGraphType<SaveDeclarationStepInput>
{
    public SaveDeclarationStepInputType()
    {
        Name = "SaveDeclarationStepInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IntGraphType>>("year");
        Field<NonNullGraphType<DeclarationStepEnumType>>("step");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("determinants");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("ownDeterminants");
        Field<PaymentMethodType>("paymentMethod");
    }
}

public sealed class DeclareNoStaffInput
{
    public string CompanyId { get; set; } = "";
    public int Year { get; set; }
    public SituationChange Kind { get; set; }
    public string? Reason { get; set; }
    public DateOnly? EffectiveDate { get; set; }
}

public sealed class DeclareNoStaffInputType : InputObjectGraphType<DeclareNoStaffInput>
{
    public DeclareNoStaffInputType()
    {
        Name = "DeclareNoStaffInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IntGraphType>>("year");
        Field<NonNullGraphType<SituationChangeEnumType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("reason");
        Field<NonNullGraphType<DateScalar>>("effectiveDate");
    }
}

public sealed class DeclarationPayloadType : ObjectGraphType<Outcome<DeclarationView>>
{
    public DeclarationPayloadType()
    {
        Name = "DeclarationPayload";
        Field<DeclarationType>("declaration").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class DeclarationOperations
{
    private static readonly UserError NotFound = new("NOT_FOUND", "Introuvable.", "id");

    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeclarationType>>>>("declarations")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<DeclarationService>().ListAsync(c.Source.Id, c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("submitDeclaration")
            .Argument<NonNullGraphType<SubmitDeclarationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SubmitDeclarationInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<DeclarationView>.Fail(NotFound with { Field = "companyId" });
                return await Wizard(c).SubmitAsync(new DeclarationSubmission(companyId, input.Year, input.PaymentMethod, input.SignatoryName, input.SignatoryEmail,
                    input.CertifyAccuracy, input.AcceptTerms), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("saveDeclarationStep")
            .Argument<NonNullGraphType<SaveDeclarationStepInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SaveDeclarationStepInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<DeclarationView>.Fail(NotFound with { Field = "companyId" });
                return await Wizard(c).SaveStepAsync(companyId, input.Year, new DeclarationStepAnswer(input.Step)
                {
                    Determinants = input.Determinants ?? [], OwnDeterminants = input.OwnDeterminants ?? [], PaymentMethod = input.PaymentMethod,
                }, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("declareNoStaff")
            .Argument<NonNullGraphType<DeclareNoStaffInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeclareNoStaffInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<DeclarationView>.Fail(NotFound with { Field = "companyId" });
                return await Wizard(c).DeclareNoStaffAsync(companyId, input.Year, input.Kind, input.Reason, input.EffectiveDate, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("confirmDeclaration")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<IdInput>("input");
                if (!Guid.TryParse(input.Id, out var id)) return Outcome<DeclarationView>.Fail(NotFound);
                return await Wizard(c).ConfirmAsync(id, c.CancellationToken);
            });
    }

    private static DeclarationWizard Wizard(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<DeclarationWizard>();
}
