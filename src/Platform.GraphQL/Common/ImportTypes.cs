using GraphQL.Types;
using Platform.Features.Imports;

namespace Platform.GraphQL.Common;

public sealed class CsvImportInput
{
    public string CompanyId { get; set; } = "";
    public string Csv { get; set; } = "";
}

public sealed class CsvImportInputType : InputObjectGraphType<CsvImportInput>
{
    public CsvImportInputType()
    {
        Name = "CsvImportInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("csv");
    }
}

public sealed class ImportPayloadType : ObjectGraphType<ImportResult>
{
    public ImportPayloadType()
    {
        Name = "ImportPayload";
        Field<NonNullGraphType<IntGraphType>>("imported").Resolve(c => c.Source.Imported);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportErrorType>>>>("errors").Resolve(c => c.Source.Errors);
        Field<PendingChanges.EmployerChangeType>("pendingChange").Resolve(c => c.Source.Pending);
    }
}

public sealed class ImportErrorType : ObjectGraphType<ImportError>
{
    public ImportErrorType()
    {
        Name = "ImportError";
        Field<NonNullGraphType<IntGraphType>>("line").Resolve(c => c.Source.Line);
        Field<StringGraphType>("column").Resolve(c => c.Source.Column);
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
    }
}
