using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;

namespace Platform.Host.Pages.Entreprises;

[Authorize]
public sealed class UtilisateursModel(CompanyUsers users, CompanyAccess access, CompanyDirectory companies, NotificationPreferences notifications) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<CompanyUserView> Users { get; private set; } = [];
    public IReadOnlyList<RoleDefinition> Catalogue { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? JobFunction { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public List<NotificationKind> Enabled { get; set; } = [];
    /// <summary>Why this page offers no invitation form here (the tenant's way in, a temp-worker account), or null.</summary>
    public UserError? InvitationsClosed { get; private set; }
    /// <summary>Each active user's notification choices (« Modifier les notifications »).</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyDictionary<NotificationKind, bool>> Notifications { get; private set; } = new Dictionary<Guid, IReadOnlyDictionary<NotificationKind, bool>>();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviterAsync()
    {
        Errors = (await users.InviteAsync(Id, new InvitationDraft(Email, Roles, FirstName, LastName, JobFunction, Phone), SiteUrl.Of(Request), HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) { Message = $"Invitation envoyée à {Email}."; (Email, FirstName, LastName, JobFunction, Phone) = (null, null, null, null, null); }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid userId)
    {
        Errors = (await users.ChangeRolesAsync(Id, userId, Roles, HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) Message = "Rôles enregistrés.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid userId)
    {
        Errors = (await users.RemoveAsync(Id, userId, HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) Message = "L'accès de cet utilisateur a été retiré.";
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>An administrator changes which e-mails one user receives; the last recipient of a kind keeps it.</summary>
    public async Task<IActionResult> OnPostNotificationsAsync(Guid userId)
    {
        var errors = new List<UserError>();
        if (await notifications.OfAsync(Id, userId, HttpContext.RequestAborted) is { } current)
            foreach (var (kind, was) in current)
                if (was != Enabled.Contains(kind)) errors.AddRange((await notifications.SetAsync(Id, userId, kind, Enabled.Contains(kind), HttpContext.RequestAborted)).Errors);
        Errors = errors;
        if (errors.Count == 0) Message = "Notifications enregistrées.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAnnulerAsync(Guid invitationId)
    {
        Errors = (await users.CancelInvitationAsync(Id, invitationId, HttpContext.RequestAborted)).Errors;
        if (Errors.Count == 0) Message = "Invitation annulée.";
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await companies.GetAsync(Id) is not { } company) return false;
        CompanyName = company.Name;
        Users = await users.ListAsync(Id, HttpContext.RequestAborted);
        Catalogue = await access.CatalogueAsync();
        InvitationsClosed = await users.InvitationsClosedAsync(Id, HttpContext.RequestAborted);
        var choices = new Dictionary<Guid, IReadOnlyDictionary<NotificationKind, bool>>();
        if (await access.HasAsync(Id, Permission.ManageUsers, HttpContext.RequestAborted))
            foreach (var u in Users)
                if (u.UserId is { } userId && await notifications.OfAsync(Id, userId, HttpContext.RequestAborted) is { } mine) choices[userId] = mine;
        Notifications = choices;
        return true;
    }
}
