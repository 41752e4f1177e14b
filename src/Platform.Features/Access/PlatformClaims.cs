using System.Security.Claims;

namespace Platform.Features.Access;

/// <summary>The claims of a signed-in person, the same in the portal cookie and in access tokens.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Tenant = "platform:tenant";
    public const string StaffRole = CurrentUser.StaffRoleClaim;
    /// <summary>The person's security stamp when the session began (Sessions).</summary>
    public const string SecurityStamp = "platform:stamp";

    public static ClaimsIdentity ToIdentity(this SignedInUser user, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Name, "role");
        identity.AddClaim(new Claim(Subject, user.UserId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.UserId.ToString()));
        identity.AddClaim(new Claim(Name, user.DisplayName));
        identity.AddClaim(new Claim(Email, user.Email));
        identity.AddClaim(new Claim(Tenant, user.TenantSlug));
        if (user.StaffRole is { } role) identity.AddClaim(new Claim(StaffRole, role.ToString()));
        if (user.SecurityStamp.Length > 0) identity.AddClaim(new Claim(SecurityStamp, user.SecurityStamp));
        return identity;
    }
}
