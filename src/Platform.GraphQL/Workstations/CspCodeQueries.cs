using GraphQL;
using GraphQL.Types;
using Platform.Features.Regulation;

namespace Platform.GraphQL.Workstations;

public sealed class CspCodeType : ObjectGraphType<PcsCode>
{
    public CspCodeType()
    {
        Name = "CspCode";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
    }
}

public static class CspCodeQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CspCodeType>>>>("cspCodes")
            .Argument<NonNullGraphType<StringGraphType>>("search")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Resolve(c => PcsNomenclature.Shipped.Search(c.GetArgument<string>("search"), c.GetArgument("first", 20)));
    }
}
