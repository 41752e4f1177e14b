using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

[Authorize]
public sealed class CompteModel(PlatformDbContext db, CurrentUser currentUser, ConnectionHistory connections, AccountService accounts, ApiClients apiClients) : PageModel
{
    public bool ShowApiClients { get; private set; }
    public IReadOnlyList<ApiClientView> ApiClients { get; private set; } = [];
    public NewApiClient? NewClient { get; private set; }
    public UserError? ApiError { get; private set; }
    [BindProperty] public string? ClientName { get; set; }

    public async Task OnPostCreerAccesAsync()
    {
        (NewClient, ApiError) = await apiClients.CreateAsync(ClientName, HttpContext.RequestAborted);
        await LoadAsync();
    }

    public async Task OnPostRevoquerAsync(string clientId)
    {
        ApiError = await apiClients.RevokeAsync(clientId, HttpContext.RequestAborted);
        await LoadAsync();
    }

    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool HasPassword { get; private set; }
    public IReadOnlyList<ConnectionRecord> History { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public bool PasswordChanged { get; private set; }

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostAsync()
    {
        Errors = await accounts.ChangePasswordAsync(CurrentPassword, NewPassword, HttpContext.RequestAborted);
        PasswordChanged = Errors.Count == 0;
        // The change ended every session, this one included: it goes on with the new stamp.
        if (accounts.RenewedSession is { } renewed) await HttpContext.SignInPortalAsync(renewed);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var id = currentUser.UserId!.Value;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        DisplayName = $"{user.FirstName} {user.LastName}";
        Email = user.Email;
        HasPassword = user.PasswordHash is not null;
        History = await connections.ListAsync(id);
        ShowApiClients = !currentUser.IsStaff && await db.Memberships.AnyAsync(m => m.UserId == id);
        if (ShowApiClients) ApiClients = await apiClients.MineAsync(HttpContext.RequestAborted);
    }
}
