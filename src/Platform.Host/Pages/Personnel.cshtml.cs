using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages;

[Authorize]
public sealed class PersonnelModel(StaffDesk desk, AccountService accounts, CurrentUser currentUser) : PageModel
{
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public IReadOnlyList<LockedAccountView> Locked { get; private set; } = [];
    public CompanyAccessView? Access { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsAdministrator { get; private set; }
    [BindProperty(SupportsGet = true, Name = "adherent")] public string? Adherent { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostDebloquerAsync(Guid userId)
    {
        Errors = (await accounts.UnlockAsync(userId, HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) Message = "Le compte a été débloqué.";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Locked = await desk.LockedAccountsAsync(HttpContext.RequestAborted);
        Access = await desk.CompanyAccessAsync(Adherent, HttpContext.RequestAborted);
        IsAdministrator = currentUser.IsTenantAdministrator;
    }
}
