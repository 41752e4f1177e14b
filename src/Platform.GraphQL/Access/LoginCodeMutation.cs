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
            .Description("True whenever the request was well-formed: an unknown e-mail gets the same answer, and nothing is sent to it.")
            .Resolve(c => c.Source.Sent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class LoginCodeMutation
{
    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RequestLoginCodePayloadType>>("requestLoginCode")
            .Description("Tenants that sign in with e-mailed codes: send a sign-in code to this e-mail.")
            .Argument<NonNullGraphType<RequestLoginCodeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestLoginCodeInput>("input");
                var outcome = await c.RequestServices!.GetRequiredService<EmailCodeSignIn>().RequestAsync(input.Email, c.CancellationToken);
                return new RequestLoginCodePayload(outcome.Succeeded, outcome.Errors);
            });
    }
}
