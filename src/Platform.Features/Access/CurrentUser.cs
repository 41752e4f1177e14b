using System.Security.Claims;

namespace Platform.Features.Access;

/// <summary>
/// Who is calling, for the current scope. The host sets it from the cookie or bearer token; Features
/// check permissions against it, so the portal and the API cannot disagree (DESIGN.md 4).
/// </summary>
public sealed class CurrentUser
{
    public const string StaffRoleClaim = "platform:staff-role";

    public ClaimsPrincipal Principal { get; private set; } = new(new ClaimsIdentity());

    public void Set(ClaimsPrincipal principal) => Principal = principal;

    /// <summary>
    /// The service itself acts in this scope (its billing, the demo data): work no person started.
    /// Only code that opens its own scope says so; a request's scope never does.
    /// </summary>
    public bool IsPlatform { get; private set; }

    public void ActAsPlatform() => IsPlatform = true;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public bool IsStaff => IsAuthenticated && Principal.HasClaim(c => c.Type == StaffRoleClaim);

    public bool IsTenantAdministrator => IsAuthenticated && Principal.HasClaim(StaffRoleClaim, nameof(StaffRole.Administrator));

    public string? DisplayName => Principal.FindFirstValue(PlatformClaims.Name);

    public Guid? UserId =>
        Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? Principal.FindFirstValue("sub"), out var id) ? id : null;

    /// <summary>The signed-in user's id; UNAUTHENTICATED for anonymous callers.</summary>
    public Guid RequireUserId() => UserId ?? throw new AccessDeniedException(AccessDenial.Unauthenticated);

    /// <summary>Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for anyone but the tenant's staff or administrators.</summary>
    public Guid RequireStaff()
    {
        if (!IsAuthenticated || UserId is not { } id) throw new AccessDeniedException(AccessDenial.Unauthenticated);
        if (!IsStaff) throw new AccessDeniedException(AccessDenial.Forbidden);
        return id;
    }

    /// <summary>The service's own work, or its staff; UNAUTHENTICATED for anonymous callers, FORBIDDEN for members.</summary>
    public void RequireStaffOrPlatform()
    {
        if (!IsPlatform) RequireStaff();
    }

    /// <summary>Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for anyone but a tenant administrator.</summary>
    public Guid RequireTenantAdministrator()
    {
        if (!IsAuthenticated || UserId is not { } id) throw new AccessDeniedException(AccessDenial.Unauthenticated);
        if (!IsTenantAdministrator) throw new AccessDeniedException(AccessDenial.Forbidden);
        return id;
    }
}

public enum AccessDenial { Unauthenticated, Forbidden }

/// <summary>The caller may not do this. GraphQL maps it to extensions.code UNAUTHENTICATED or FORBIDDEN.</summary>
public sealed class AccessDeniedException(AccessDenial denial) : Exception(denial == AccessDenial.Unauthenticated
    ? "Vous devez être connecté pour effectuer cette action."
    : "Vous n'avez pas les droits nécessaires pour effectuer cette action.")
{
    public AccessDenial Denial { get; } = denial;
}
