using GraphQL.Types;
using Platform.Features;

namespace Platform.GraphQL.Common;

/// <summary>A Relay connection over a <see cref="Page{T}"/> (contract: edges/node/cursor, pageInfo, totalCount).</summary>
public abstract class PageConnectionType<TEdgeGraphType, T> : ObjectGraphType<Page<T>> where TEdgeGraphType : IGraphType
{
    protected PageConnectionType(string nodeName)
    {
        Name = $"{nodeName}Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeGraphType>>>>("edges").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}

public abstract class PageEdgeType<TNodeGraphType, T> : ObjectGraphType<PageItem<T>> where TNodeGraphType : IGraphType
{
    protected PageEdgeType(string nodeName)
    {
        Name = $"{nodeName}Edge";
        Field<NonNullGraphType<TNodeGraphType>>("node").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
    }
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}
