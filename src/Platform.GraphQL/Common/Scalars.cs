using GraphQL.Types;

namespace Platform.GraphQL.Common;

/// <summary>The contract's Date: a calendar date, yyyy-MM-dd.</summary>
public sealed class DateScalar : DateOnlyGraphType
{
    public DateScalar()
    {
        Name = "Date";
    }
}

/// <summary>The contract's DateTime: an instant in ISO 8601 with its offset.</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
    }
}
