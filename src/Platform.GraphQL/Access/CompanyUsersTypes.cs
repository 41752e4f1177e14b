using Platform.Tenancy.Resolution;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features;
using Platform.Features.Access;
using Platform.GraphQL.Common;

namespace Platform.GraphQL.Access;

public sealed class RoleType : ObjectGraphType<RoleDefinition>
{
    public RoleType()
    {
        Name = "Role";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("permissions")
            .Description("What the role allows, in French (voir les autorisations du rôle).")
            .Resolve(c => c.Source.Permissions.Select(RoleCatalogue.Label));
    }
}

public sealed class CompanyUserType : ObjectGraphType<CompanyUserView>
{
    public CompanyUserType()
    {
        Name = "CompanyUser";
        Field<IdGraphType>("userId").Resolve(c => c.Source.UserId);
        Field<IdGraphType>("invitationId").Resolve(c => c.Source.InvitationId);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Email);
        Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<StringGraphType>>("status").Description("ACTIVE, or PENDING until the invitation is accepted.")
            .Resolve(c => c.Source.Status == CompanyUserStatus.Active ? "ACTIVE" : "PENDING");
    }
}

public sealed class InviteUserInput
{
    public string CompanyId { get; set; } = "";
    public string Email { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

public sealed class InviteUserInputType : InputObjectGraphType<InviteUserInput>
{
    public InviteUserInputType()
    {
        Name = "InviteUserInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("email");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles");
    }
}

public sealed class ChangeUserRolesInput
{
    public string CompanyId { get; set; } = "";
    public string UserId { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

public sealed class ChangeUserRolesInputType : InputObjectGraphType<ChangeUserRolesInput>
{
    public ChangeUserRolesInputType()
    {
        Name = "ChangeUserRolesInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IdGraphType>>("userId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles");
    }
}

public sealed class RemoveUserInput
{
    public string CompanyId { get; set; } = "";
    public string UserId { get; set; } = "";
}

public sealed class RemoveUserInputType : InputObjectGraphType<RemoveUserInput>
{
    public RemoveUserInputType()
    {
        Name = "RemoveUserInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<IdGraphType>>("userId");
    }
}

public sealed record CompanyUsersPayload(IReadOnlyList<CompanyUserView>? Users, IReadOnlyList<UserError> Errors);

public sealed class CompanyUsersPayloadType : ObjectGraphType<CompanyUsersPayload>
{
    public CompanyUsersPayloadType()
    {
        Name = "CompanyUsersPayload";
        Field<ListGraphType<NonNullGraphType<CompanyUserType>>>("users").Description("The company's users after the change.").Resolve(c => c.Source.Users);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class CompanyUsersOperations
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .Description("The tenant's company roles and what each allows.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<CompanyAccess>().CatalogueAsync());
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("inviteUser")
            .Description("Company administrators: invite a person by e-mail with roles; pending until they accept the link.")
            .Argument<NonNullGraphType<InviteUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<InviteUserInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return NotFound();
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                var errors = await users.InviteAsync(companyId, input.Email, input.Roles, SiteUrl.Of(http.Request), c.CancellationToken);
                return await PayloadAsync(c.RequestServices!, companyId, errors, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("changeUserRoles")
            .Description("Company administrators: change a user's roles; the last administrator cannot be demoted.")
            .Argument<NonNullGraphType<ChangeUserRolesInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ChangeUserRolesInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId) || !Guid.TryParse(input.UserId, out var userId)) return NotFound();
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                return await PayloadAsync(c.RequestServices!, companyId, await users.ChangeRolesAsync(companyId, userId, input.Roles, c.CancellationToken), c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("removeUser")
            .Description("Company administrators: remove a user's access; the last administrator cannot be removed.")
            .Argument<NonNullGraphType<RemoveUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RemoveUserInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId) || !Guid.TryParse(input.UserId, out var userId)) return NotFound();
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                return await PayloadAsync(c.RequestServices!, companyId, await users.RemoveAsync(companyId, userId, c.CancellationToken), c.CancellationToken);
            });
    }

    // The users after the change, when the caller may still see them (an administrator may have stepped down).
    private static async Task<CompanyUsersPayload> PayloadAsync(IServiceProvider services, Guid companyId, IReadOnlyList<UserError> errors, CancellationToken ct) =>
        new(errors.Count == 0 && await services.GetRequiredService<CompanyAccess>().HasAsync(companyId, Permission.ManageUsers, ct)
            ? await services.GetRequiredService<CompanyUsers>().ListAsync(companyId, ct) : null, errors);

    private static CompanyUsersPayload NotFound() =>
        new(null, [new UserError("NOT_FOUND", "Entreprise ou utilisateur introuvable.", "companyId")]);
}
