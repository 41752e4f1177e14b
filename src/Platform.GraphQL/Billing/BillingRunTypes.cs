using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Billing;
using Platform.GraphQL.Common;
using Platform.GraphQL.Tenants;

namespace Platform.GraphQL.Billing;

public sealed class BillingRunKindEnumType : EnumerationGraphType<BillingRunKind>
{
    public BillingRunKindEnumType()
    {
        Name = "BillingRunKind";
    }
}

public sealed class BillingRunType : ObjectGraphType<BillingRunView>
{
    public BillingRunType()
    {
        Name = "BillingRun";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<BillingRunKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("period").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<DateTimeScalar>>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeScalar>("completedAt").Resolve(c => c.Source.CompletedAt);
        Field<NonNullGraphType<IntGraphType>>("issued").Resolve(c => c.Source.Issued);
        Field<NonNullGraphType<DecimalGraphType>>("totalInclTax").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
    }
}

public sealed class BillingRunLineType : ObjectGraphType<BillingRunLine>
{
    public BillingRunLineType()
    {
        Name = "BillingRunLine";
        Field<NonNullGraphType<IdGraphType>>("companyId").Resolve(c => c.Source.CompanyId);
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<NonNullGraphType<StringGraphType>>("companyName").Resolve(c => c.Source.CompanyName);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<DecimalGraphType>>("totalExclTax").Resolve(c => c.Source.TotalExclTax);
        Field<NonNullGraphType<DecimalGraphType>>("vat").Resolve(c => c.Source.Vat);
        Field<NonNullGraphType<DecimalGraphType>>("totalInclTax").Resolve(c => c.Source.TotalInclTax);
        Field<NonNullGraphType<IntGraphType>>("instalments").Resolve(c => c.Source.Instalments);
        Field<NonNullGraphType<BooleanGraphType>>("alreadyIssued").Resolve(c => c.Source.AlreadyIssued);
    }
}

public sealed class BillingRunPreviewType : ObjectGraphType<BillingRunPreview>
{
    public BillingRunPreviewType()
    {
        Name = "BillingRunPreview";
        Field<NonNullGraphType<BillingRunKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("period").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<StringGraphType>>("periodLabel").Resolve(c => c.Source.PeriodLabel);
        Field<NonNullGraphType<BillingCycleType>>("cycle").Resolve(c => c.Source.Cycle);
        Field<NonNullGraphType<IntGraphType>>("toIssue").Resolve(c => c.Source.ToIssue);
        Field<NonNullGraphType<DecimalGraphType>>("totalInclTax").Resolve(c => c.Source.TotalInclTax);
        Field<NonNullGraphType<IntGraphType>>("alreadyIssued").Resolve(c => c.Source.AlreadyIssued);
        Field<NonNullGraphType<IntGraphType>>("withoutDeclaration").Resolve(c => c.Source.WithoutDeclaration);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BillingRunLineType>>>>("lines").Resolve(c => c.Source.Lines);
        Field<BillingRunType>("run").Resolve(c => c.Source.Run);
    }
}

public sealed record BillingRunPreviewPayload(BillingRunPreview? Preview, IReadOnlyList<UserError> Errors);
public sealed record StartBillingRunPayload(BillingRunView? Run, IReadOnlyList<UserError> Errors);

public sealed class BillingRunPreviewPayloadType : ObjectGraphType<BillingRunPreviewPayload>
{
    public BillingRunPreviewPayloadType()
    {
        Name = "BillingRunPreviewPayload";
        Field<BillingRunPreviewType>("preview").Resolve(c => c.Source.Preview);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class StartBillingRunPayloadType : ObjectGraphType<StartBillingRunPayload>
{
    public StartBillingRunPayloadType()
    {
        Name = "StartBillingRunPayload";
        Field<BillingRunType>("run").Resolve(c => c.Source.Run);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class StartBillingRunInput
{
    public BillingRunKind Kind { get; set; } = BillingRunKind.Contribution;
    public string? Period { get; set; }
}

public sealed class StartBillingRunInputType : InputObjectGraphType<StartBillingRunInput>
{
    public StartBillingRunInputType()
    {
        Name = "StartBillingRunInput";
        Field<BillingRunKindEnumType>("kind").DefaultValue(BillingRunKind.Contribution);
        Field<StringGraphType>("period");
    }
}

public static class BillingRunOperations
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<BillingRunPreviewPayloadType>>("billingRunPreview")
            .Argument<BillingRunKindEnumType>("kind", a => a.DefaultValue = BillingRunKind.Contribution)
            .Argument<StringGraphType>("period")
            .ResolveAsync(async c =>
            {
                var outcome = await S(c).PreviewAsync(c.GetArgument("kind", BillingRunKind.Contribution), c.GetArgument<string?>("period"), c.CancellationToken);
                return new BillingRunPreviewPayload(outcome.Value, outcome.Errors);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BillingRunType>>>>("billingRuns")
            .ResolveAsync(async c => await S(c).ListAsync(c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<StartBillingRunPayloadType>>("startBillingRun")
            .Argument<NonNullGraphType<StartBillingRunInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<StartBillingRunInput>("input");
                var outcome = await S(c).StartAsync(input.Kind, input.Period, c.CancellationToken);
                return new StartBillingRunPayload(outcome.Value, outcome.Errors);
            });

    private static BillingRuns S(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<BillingRuns>();
}
