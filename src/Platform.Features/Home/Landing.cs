using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Regulation;

namespace Platform.Features.Home;

/// <summary>Where a person's work starts on this tenant.</summary>
public enum HomeKind
{
    /// <summary>No company yet: their account.</summary>
    Account,
    /// <summary>One company: its home, with what needs doing.</summary>
    Company,
    /// <summary>Several companies (accountant firms): « Mes entreprises, tous services ».</summary>
    Clients,
    /// <summary>The service's staff: their desk.</summary>
    StaffDesk,
    /// <summary>The tenant's administrators: the rules they configure.</summary>
    Rules,
}

public sealed record HomePage(HomeKind Kind, Guid? CompanyId = null);

/// <summary>
/// The page a person lands on after signing in, or when they open the portal's address signed in:
/// staff on their desk, administrators on the rules, an employer on their company, a firm with
/// several companies on the list of them. Reads only the person's own memberships.
/// </summary>
public sealed class Landing(CompanyAccess access, CurrentUser currentUser, TimeProvider time)
{
    /// <summary>For the person who has just proven who they are (their cookie is not read yet).</summary>
    public Task<HomePage> ForAsync(SignedInUser user, CancellationToken ct = default) => HomeOfAsync(user.UserId, user.StaffRole, ct);

    /// <summary>For the signed-in caller; the account page for anyone else.</summary>
    public Task<HomePage> MineAsync(CancellationToken ct = default)
    {
        if (currentUser.UserId is not { } id) return Task.FromResult(new HomePage(HomeKind.Account));
        StaffRole? role = currentUser.IsTenantAdministrator ? StaffRole.Administrator : currentUser.IsStaff ? StaffRole.Staff : null;
        return HomeOfAsync(id, role, ct);
    }

    private async Task<HomePage> HomeOfAsync(Guid userId, StaffRole? staffRole, CancellationToken ct)
    {
        if (staffRole == StaffRole.Administrator) return new(HomeKind.Rules);
        if (staffRole == StaffRole.Staff) return new(HomeKind.StaffDesk);
        var companies = await access.ActiveMemberships(userId, FrenchTime.Today(time)).AsNoTracking()
            .Select(m => m.CompanyId).OrderBy(id => id).Take(2).ToListAsync(ct); // one company or more: two rows tell
        return companies.Count switch
        {
            0 => new(HomeKind.Account),
            1 => new(HomeKind.Company, companies[0]),
            _ => new(HomeKind.Clients),
        };
    }
}
