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
        Description = "A step of the declaration wizard, as the tenant's file orders them.";
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
        Description = "Headcount × the year's per-employee rate, apprentices × the apprentice rate, the SEPA discount where it applies; VAT and totals to the cent.";
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
        Field<NonNullGraphType<IntGraphType>>("headcount").Description("Employees present on 31/12 of the year before, apprentices apart.").Resolve(c => c.Source.Headcount);
        Field<EstimateType>("estimate").Resolve(c => c.Source.Estimate);
        Field<DateTimeScalar>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeScalar>("editableUntil").Resolve(c => c.Source.EditableUntil);
        Field<NonNullGraphType<IntGraphType>>("apprentices").Resolve(c => c.Source.Apprentices);
        Field<PaymentMethodType>("paymentMethod").Description("Chosen at declaration where the tenant asks for it.").Resolve(c => c.Source.PaymentMethod);
        Field<DeclarationStepEnumType>("resumeStep").Description("Where a declaration IN_PROGRESS resumes.").Resolve(c => c.Source.Status == DeclarationStatus.InProgress ? c.Source.Step : null);
        Field<NonNullGraphType<BooleanGraphType>>("editable").Description("Can be filled in or changed now (open window, in progress, or within the edit days after submission).").Resolve(c => c.Source.Editable);
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
        Description = "One step of the declaration wizard, answered in the order of the tenant's steps (resumeStep says which one is next).";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IntGraphType>>("year");
        Field<NonNullGraphType<DeclarationStepEnumType>>("step");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("determinants").Description("DETERMINANTS: those of the regulatory list present in the company.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("ownDeterminants").Description("DETERMINANTS: the company's own.");
        Field<PaymentMethodType>("paymentMethod").Description("ESTIMATE: where the tenant asks for it at declaration.");
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
        Description = "No employee at the end of the year before: the declaration is filed with none, with a SUSPENSION or REMOVAL request.";
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
            .Description("Annual headcount declarations, newest year first; the years open now and not started read TO_FILL, those not open NOT_OPEN.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<DeclarationService>().ListAsync(c.Source.Id, c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("submitDeclaration")
            .Description("Signs and files the year's declaration with the employee list as it stands, once the steps before the signature are passed (saveDeclarationStep; else STEP_REQUIRED); a confirmation e-mail goes to the signatory. Within the tenant's edit days, submitting again amends it.")
            .Argument<NonNullGraphType<SubmitDeclarationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SubmitDeclarationInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<DeclarationView>.Fail(NotFound with { Field = "companyId" });
                return await Wizard(c).SubmitAsync(new DeclarationSubmission(companyId, input.Year, input.PaymentMethod, input.SignatoryName, input.SignatoryEmail,
                    input.CertifyAccuracy, input.AcceptTerms), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("saveDeclarationStep")
            .Description("Saves one step of the year's declaration and moves it to the next (the declaration starts at its first step); a step after the one reached is refused (STEP_REQUIRED).")
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
            .Description("« Aviez-vous du personnel au 31/12 ? » Non: files the declaration with no one and asks staff for the suspension or removal of the membership.")
            .Argument<NonNullGraphType<DeclareNoStaffInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeclareNoStaffInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return Outcome<DeclarationView>.Fail(NotFound with { Field = "companyId" });
                return await Wizard(c).DeclareNoStaffAsync(companyId, input.Year, input.Kind, input.Reason, input.EffectiveDate, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<DeclarationPayloadType>>("confirmDeclaration")
            .Description("Staff of the tenant: confirms a submitted declaration, which issues its contribution invoice (status INVOICED).")
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
