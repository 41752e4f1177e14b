using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Access;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Access;

public sealed class RequestLoginCodeInput
{
    public string Email { get; set; } = "";
}

public sealed class RequestLoginCodeInputType : InputObjectGraphType<RequestLoginCodeInput>
{
    public RequestLoginCodeInputType()
    {
        Name = "RequestLoginCodeInput";
        Field<NonNullGraphType<StringGraphType>>("email");
    }
}

public sealed record RequestLoginCodePayload(bool Sent, IReadOnlyList<UserError> Errors);

public sealed class RequestLoginCodePayloadType : ObjectGraphType<RequestLoginCodePayload>
{
    public RequestLoginCodePayloadType()
    {
        Name = "RequestLoginCodePayload";
        Field<NonNullGraphType<BooleanGraphType>>("sent")
            .Resolve(c => c.Source.Sent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class LoginCodeMutation
{
    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RequestLoginCodePayloadType>>("requestLoginCode")
            .Argument<NonNullGraphType<RequestLoginCodeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestLoginCodeInput>("input");
                var outcome = await c.RequestServices!.GetRequiredService<EmailCodeSignIn>().RequestAsync(input.Email, c.CancellationToken);
                return new RequestLoginCodePayload(outcome.Succeeded, outcome.Errors);
            });
    }
}
