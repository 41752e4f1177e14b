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
        Field<StringGraphType>("jobFunction").Resolve(c => c.Source.JobFunction);
        Field<StringGraphType>("phone").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<StringGraphType>>("status")
            .Resolve(c => c.Source.Status == CompanyUserStatus.Active ? "ACTIVE" : "PENDING");
    }
}

public sealed class InviteUserInput
{
    public string CompanyId { get; set; } = "";
    public string Email { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? JobFunction { get; set; }
    public string? Phone { get; set; }
}

public sealed class InviteUserInputType : InputObjectGraphType<InviteUserInput>
{
    public InviteUserInputType()
    {
        Name = "InviteUserInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<NonNullGraphType<StringGraphType>>("email");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles");
        Field<StringGraphType>("firstName");
        Field<StringGraphType>("lastName");
        Field<StringGraphType>("jobFunction");
        Field<StringGraphType>("phone");
    }
}

public sealed class NotificationKindEnumType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindEnumType()
    {
        Name = "NotificationKind";
    }
}

public sealed record NotificationChoice(NotificationKind Kind, bool Enabled);

public sealed class NotificationChoiceType : ObjectGraphType<NotificationChoice>
{
    public NotificationChoiceType()
    {
        Name = "NotificationChoice";
        Field<NonNullGraphType<NotificationKindEnumType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.Enabled);
    }
}

public sealed class SetNotificationInput
{
    public string CompanyId { get; set; } = "";
    public string? UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public bool Enabled { get; set; }
}

public sealed class SetNotificationInputType : InputObjectGraphType<SetNotificationInput>
{
    public SetNotificationInputType()
    {
        Name = "SetNotificationInput";
        Field<NonNullGraphType<IdGraphType>>("companyId");
        Field<IdGraphType>("userId");
        Field<NonNullGraphType<NotificationKindEnumType>>("kind");
        Field<NonNullGraphType<BooleanGraphType>>("enabled");
    }
}

public sealed record NotificationsPayload(IReadOnlyList<NotificationChoice>? Notifications, IReadOnlyList<UserError> Errors);

public sealed class NotificationsPayloadType : ObjectGraphType<NotificationsPayload>
{
    public NotificationsPayloadType()
    {
        Name = "NotificationsPayload";
        Field<ListGraphType<NonNullGraphType<NotificationChoiceType>>>("notifications").Resolve(c => c.Source.Notifications);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
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
        Field<ListGraphType<NonNullGraphType<CompanyUserType>>>("users").Resolve(c => c.Source.Users);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public static class CompanyUsersOperations
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<CompanyAccess>().CatalogueAsync());
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("inviteUser")
            .Argument<NonNullGraphType<InviteUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<InviteUserInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId)) return NotFound();
                var http = c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                var draft = new InvitationDraft(input.Email, input.Roles, input.FirstName, input.LastName, input.JobFunction, input.Phone);
                var outcome = await users.InviteAsync(companyId, draft, SiteUrl.Of(http.Request), c.CancellationToken);
                return await PayloadAsync(c.RequestServices!, companyId, outcome.Errors, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("changeUserRoles")
            .Argument<NonNullGraphType<ChangeUserRolesInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ChangeUserRolesInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId) || !Guid.TryParse(input.UserId, out var userId)) return NotFound();
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                return await PayloadAsync(c.RequestServices!, companyId, (await users.ChangeRolesAsync(companyId, userId, input.Roles, c.CancellationToken)).Errors, c.CancellationToken);
            });
        mutation.Field<NonNullGraphType<CompanyUsersPayloadType>>("removeUser")
            .Argument<NonNullGraphType<RemoveUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RemoveUserInput>("input");
                if (!Guid.TryParse(input.CompanyId, out var companyId) || !Guid.TryParse(input.UserId, out var userId)) return NotFound();
                var users = c.RequestServices!.GetRequiredService<CompanyUsers>();
                return await PayloadAsync(c.RequestServices!, companyId, (await users.RemoveAsync(companyId, userId, c.CancellationToken)).Errors, c.CancellationToken);
            });
    }

    public static void AddCompanyFields(ObjectGraphType<Platform.Features.Companies.CompanyView> company)
    {
        company.Field<ListGraphType<NonNullGraphType<NotificationChoiceType>>>("notifications")
            .Argument<IdGraphType>("userId")
            .ResolveAsync(async c =>
            {
                Guid? userId = Guid.TryParse(c.GetArgument<string?>("userId"), out var id) ? id : null;
                if (c.GetArgument<string?>("userId") is not null && userId is null) return null;
                return Choices(await c.RequestServices!.GetRequiredService<NotificationPreferences>().OfAsync(c.Source.Id, userId, c.CancellationToken));
            });
    }

    public static void AddNotificationMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<NotificationsPayloadType>>("setNotification")
            .Argument<NonNullGraphType<SetNotificationInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetNotificationInput>("input");
                Guid? userId = Guid.TryParse(input.UserId, out var id) ? id : null;
                if (!Guid.TryParse(input.CompanyId, out var companyId) || (input.UserId is not null && userId is null))
                    return new NotificationsPayload(null, [new UserError("NOT_FOUND", "Entreprise ou utilisateur introuvable.", "companyId")]);
                var preferences = c.RequestServices!.GetRequiredService<NotificationPreferences>();
                var outcome = await preferences.SetAsync(companyId, userId, input.Kind, input.Enabled, c.CancellationToken);
                return new NotificationsPayload(Choices(await preferences.OfAsync(companyId, userId, c.CancellationToken)), outcome.Errors);
            });
    }

    private static List<NotificationChoice>? Choices(IReadOnlyDictionary<NotificationKind, bool>? choices) =>
        choices?.Select(p => new NotificationChoice(p.Key, p.Value)).ToList();

    // The users after the change, when the caller may still see them (an administrator may have stepped down).
    private static async Task<CompanyUsersPayload> PayloadAsync(IServiceProvider services, Guid companyId, IReadOnlyList<UserError> errors, CancellationToken ct) =>
        new(errors.Count == 0 && await services.GetRequiredService<CompanyUsers>().CanManageAsync(companyId, ct)
            ? await services.GetRequiredService<CompanyUsers>().ListAsync(companyId, ct) : null, errors);

    private static CompanyUsersPayload NotFound() =>
        new(null, [new UserError("NOT_FOUND", "Entreprise ou utilisateur introuvable.", "companyId")]);
}
