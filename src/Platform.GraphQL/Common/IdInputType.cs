using GraphQL.Types;

namespace Platform.GraphQL.Common;

public sealed class IdInput
{
    public string Id { get; set; } = "";
}

public sealed class IdInputType : InputObjectGraphType<IdInput>
{
    public IdInputType()
    {
        Name = "IdInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}
