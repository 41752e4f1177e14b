using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Documents;

public sealed class DocumentNatureEnumType : EnumerationGraphType
{
    public DocumentNatureEnumType()
    {
        Name = "DocumentNature";
        foreach (var n in Enum.GetValues<DocumentNature>()) Add(DocumentRules.ToConstant(n), n, DocumentRules.Label(n));
    }
}

public sealed class DocumentType : ObjectGraphType<DocumentView>
{
    public DocumentType()
    {
        Name = "Document";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DocumentNatureEnumType>>("nature").Resolve(c => c.Source.Nature);
        Field<NonNullGraphType<StringGraphType>>("fileName").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<IntGraphType>>("sizeBytes").Resolve(c => (int)c.Source.SizeBytes);
        Field<NonNullGraphType<DateTimeScalar>>("uploadedAt").Resolve(c => c.Source.UploadedAt);
        Field<IdGraphType>("visitRequestId").Resolve(c => c.Source.VisitRequestId);
        Field<NonNullGraphType<BooleanGraphType>>("acknowledged").Resolve(c => c.Source.Acknowledged);
        Field<DateTimeScalar>("acknowledgedAt").Resolve(c => c.Source.AcknowledgedAt);
        Field<NonNullGraphType<StringGraphType>>("downloadUrl").Resolve(c => $"/api/documents/{c.Source.Id}");
    }
}

public sealed class DocumentPayloadType : ObjectGraphType<Outcome<DocumentView>>
{
    public DocumentPayloadType()
    {
        Name = "DocumentPayload";
        Field<DocumentType>("document").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class DocumentOperations
{
    public static void AddCompanyFields(ObjectGraphType<CompanyView> company)
    {
        company.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DocumentType>>>>("documents")
            .Argument<BooleanGraphType>("history")
            .ResolveAsync(async c => await Service(c).ListAsync(c.Source.Id, c.GetArgument("history", false), c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DocumentPayloadType>>("deleteDocument")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).DeleteAsync(id, c.CancellationToken) : Outcome<DocumentView>.Fail(DocumentService.NotFound));
        mutation.Field<NonNullGraphType<DocumentPayloadType>>("acknowledgeDocument")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<IdInput>("input").Id, out var id)
                ? await Service(c).AcknowledgeAsync(id, c.CancellationToken) : Outcome<DocumentView>.Fail(DocumentService.NotFound));
    }

    private static DocumentService Service(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<DocumentService>();
}
