using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Regulation;
using Platform.Features.Workstations;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Workstations;

/// <summary>The contract's Risk names, which are not the C# names in constant case (BIOLOGICAL_GROUP_3_4).</summary>
public sealed class RiskEnumType : EnumerationGraphType
{
    public static readonly IReadOnlyDictionary<string, Risk> Names = new Dictionary<string, Risk>
    {
        ["ASBESTOS"] = Risk.Asbestos,
        ["BIOLOGICAL_GROUP_3_4"] = Risk.BiologicalGroup3And4,
        ["HYPERBARIC"] = Risk.Hyperbaric,
        ["NIGHT_WORK"] = Risk.NightWork,
        ["ELECTROMAGNETIC_FIELDS"] = Risk.ElectromagneticFields,
        ["CMR"] = Risk.Cmr,
        ["ELECTRICAL_CLEARANCE"] = Risk.ElectricalClearance,
        ["SCAFFOLD_FALL"] = Risk.ScaffoldFall,
        ["CACES"] = Risk.Caces,
        ["LEAD"] = Risk.Lead,
        ["IONISING_RADIATION"] = Risk.IonisingRadiation,
        ["MANUAL_LOADS_OVER_55KG"] = Risk.ManualLoadsOver55Kg,
        ["BIOLOGICAL_GROUP_2"] = Risk.BiologicalGroup2,
        ["OTHER"] = Risk.Other,
    };

    public RiskEnumType()
    {
        Name = "Risk";
        foreach (var (name, risk) in Names) Add(name, risk, WorkstationRules.Question(risk));
    }
}

public sealed class FollowUpEnumType : EnumerationGraphType
{
    public FollowUpEnumType()
    {
        Name = "FollowUp";
        Add("SI", FollowUpCategory.SI, "Suivi individuel simple");
        Add("SIA", FollowUpCategory.SIA, "Suivi individuel adapté");
        Add("SIR", FollowUpCategory.SIR, "Suivi individuel renforcé");
    }
}

public sealed class WorkstationType : ObjectGraphType<WorkstationView>
{
    public WorkstationType()
    {
        Name = "Workstation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<StringGraphType>>("cspCode").Resolve(c => c.Source.CspCode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskEnumType>>>>("risks").Resolve(c => c.Source.Risks);
        Field<NonNullGraphType<FollowUpEnumType>>("followUp").Resolve(c => c.Source.FollowUp);
        Field<NonNullGraphType<BooleanGraphType>>("closed").Resolve(c => c.Source.Closed);
        Field<NonNullGraphType<BooleanGraphType>>("editable").Resolve(c => c.Source.Editable);
        Field<StringGraphType>("radiationCategory").Resolve(c => c.Source.RadiationCategory);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("cacesCategories").Resolve(c => c.Source.CacesCategories);
        Field<StringGraphType>("otherRiskDescription").Resolve(c => c.Source.OtherRiskDescription);
        Field<NonNullGraphType<BooleanGraphType>>("detailsMissing")
            .Resolve(c => c.Source.DetailsMissing);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("attestations")
            .Resolve(c => c.Source.Attestations);
    }
}

public sealed class WorkstationEdgeType() : PageEdgeType<WorkstationType, WorkstationView>("Workstation");
public sealed class WorkstationConnectionType() : PageConnectionType<WorkstationEdgeType, WorkstationView>("Workstation");

public sealed class WorkstationInput
{
    public string? CompanyId { get; set; }
    public string? Id { get; set; }
    public string Label { get; set; } = "";
    public string CspCode { get; set; } = "";
    public List<Risk> Risks { get; set; } = [];
    public string? RadiationCategory { get; set; }
    public List<string>? CacesCategories { get; set; }
    public string? OtherRiskDescription { get; set; }
    public bool ConfirmDuplicate { get; set; }

    public WorkstationDraft Draft() => new(Label, CspCode, Risks, RadiationCategory, CacesCategories, OtherRiskDescription);
}

public sealed class CreateWorkstationInputType : InputObjectGraphType<WorkstationInput>
{
    public CreateWorkstationInputType()
    {
        Name = "CreateWorkstationInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        WorkstationFields.Add(this);
        Field<BooleanGraphType>("confirmDuplicate").DefaultValue(false);
    }
}

public sealed class UpdateWorkstationInputType : InputObjectGraphType<WorkstationInput>
{
    public UpdateWorkstationInputType()
    {
        Name = "UpdateWorkstationInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        WorkstationFields.Add(this);
    }
}

internal static class WorkstationFields
{
    public static void Add(InputObjectGraphType<WorkstationInput> type)
    {
        type.Field<NonNullGraphType<StringGraphType>>("label");
        type.Field<NonNullGraphType<StringGraphType>>("cspCode");
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskEnumType>>>>("risks");
        type.Field<StringGraphType>("radiationCategory");
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("cacesCategories");
        type.Field<StringGraphType>("otherRiskDescription");
    }
}

/// <summary>The contract's WorkstationPayload: the outcome of a change to a workstation, and the similar ones a creation asks to confirm against.</summary>
public sealed record WorkstationPayload(Outcome<WorkstationView> Outcome, IReadOnlyList<WorkstationView> Similar)
{
    public static WorkstationPayload Of(Outcome<WorkstationView> outcome) => new(outcome, []);

    public static WorkstationPayload Of(Outcome<NewWorkstation> created) =>
        new(new Outcome<WorkstationView>(created.Value?.Workstation, created.Errors) { Pending = created.Pending }, created.Value?.Similar ?? []);
}

public sealed class WorkstationPayloadType : ObjectGraphType<WorkstationPayload>
{
    public WorkstationPayloadType()
    {
        Name = "WorkstationPayload";
        Field<WorkstationType>("workstation").Resolve(c => c.Source.Outcome.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkstationType>>>>("similar").Resolve(c => c.Source.Similar);
        Field<PendingChanges.EmployerChangeType>("pendingChange").Resolve(c => c.Source.Outcome.Pending);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Outcome.Errors);
    }
}

public sealed class DeleteWorkstationPayloadType : ObjectGraphType<Outcome<WorkstationDeletion>>
{
    public DeleteWorkstationPayloadType()
    {
        Name = "DeleteWorkstationPayload";
        Field<NonNullGraphType<BooleanGraphType>>("deleted").Resolve(c => c.Source.Value?.Deleted ?? false);
        Field<WorkstationType>("closed").Resolve(c => c.Source.Value?.Closed);
        Field<PendingChanges.EmployerChangeType>("pendingChange").Resolve(c => c.Source.Pending);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class WorkstationOperations
{
    public static void AddCompanyFields(ObjectGraphType<Platform.Features.Companies.CompanyView> company)
    {
        company.Field<NonNullGraphType<WorkstationConnectionType>>("workstations")
            .Argument<BooleanGraphType>("includeClosed", a => a.DefaultValue = false)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<WorkstationService>()
                .ListAsync(c.Source.Id, c.GetArgument("includeClosed", false), c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), c.CancellationToken));
    }

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<WorkstationType>("workstation")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id)
                ? await c.RequestServices!.GetRequiredService<WorkstationService>().GetAsync(id, c.CancellationToken) : null);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CspCodeType>>>>("cacesCategories")
            .Resolve(_ => WorkstationRules.CacesRecommendations.Select(r => new PcsCode(r.Code, r.Label)));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<WorkstationPayloadType>>("createWorkstation")
            .Argument<NonNullGraphType<CreateWorkstationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<WorkstationInput>("input");
                return WorkstationPayload.Of(Guid.TryParse(input.CompanyId, out var companyId)
                    ? await Service(c).CreateAsync(companyId, input.Draft(), input.ConfirmDuplicate, c.CancellationToken) : CompanyNotFound);
            });
        mutation.Field<NonNullGraphType<WorkstationPayloadType>>("updateWorkstation")
            .Argument<NonNullGraphType<UpdateWorkstationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<WorkstationInput>("input");
                return WorkstationPayload.Of(Guid.TryParse(input.Id, out var id) ? await Service(c).UpdateAsync(id, input.Draft(), c.CancellationToken) : WorkstationService.NotFound);
            });
        mutation.Field<NonNullGraphType<DeleteWorkstationPayloadType>>("deleteWorkstation")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).DeleteAsync(id, c.CancellationToken) : WorkstationService.NotFound);
        mutation.Field<NonNullGraphType<WorkstationPayloadType>>("closeWorkstation")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => WorkstationPayload.Of(Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).CloseAsync(id, c.CancellationToken) : WorkstationService.NotFound));
        mutation.Field<NonNullGraphType<WorkstationPayloadType>>("reopenWorkstation")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => WorkstationPayload.Of(Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).ReopenAsync(id, c.CancellationToken) : WorkstationService.NotFound));
        mutation.Field<NonNullGraphType<ImportPayloadType>>("importWorkstations")
            .Argument<NonNullGraphType<CsvImportInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CsvImportInput>("input");
                return Guid.TryParse(input.CompanyId, out var companyId)
                    ? await Service(c).ImportAsync(companyId, input.Csv, c.CancellationToken)
                    : Platform.Features.Imports.ImportResult.Failed(new Platform.Features.Imports.ImportError(0, null, "NOT_FOUND", "Entreprise introuvable."));
            });
    }

    private static readonly UserError CompanyNotFound = new("NOT_FOUND", "Entreprise introuvable.", "companyId");

    private static WorkstationService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<WorkstationService>();
}
