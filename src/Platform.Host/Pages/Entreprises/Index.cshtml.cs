using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Declarations;

namespace Platform.Host.Pages.Entreprises;

[Authorize]
public sealed class IndexModel(CompanyAccess access, CompanyDirectory companies, NotificationPreferences notifications, DeclarationService declarations, CompanyUsers users,
    Platform.Features.Home.CompanyToDo toDo) : PageModel
{
    public IReadOnlyDictionary<NotificationKind, bool>? Preferences { get; private set; }
    public IReadOnlyList<Platform.Features.UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    [BindProperty] public List<NotificationKind> Enabled { get; set; } = [];

    public static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.Convocations => "Convocations et rendez-vous",
        NotificationKind.Invoices => "Factures et échéances",
        NotificationKind.Declarations => "Déclaration annuelle",
        NotificationKind.Documents => "Documents",
        _ => "Démarches",
    };

    public async Task<IActionResult> OnPostNotificationsAsync(Guid id)
    {
        if (!await access.CanSeeAsync(id)) return NotFound();
        var current = await notifications.MineAsync(id);
        var errors = new List<Platform.Features.UserError>();
        foreach (var (kind, was) in current)
            if (was != Enabled.Contains(kind)) errors.AddRange((await notifications.SetAsync(id, kind, Enabled.Contains(kind))).Errors);
        Errors = errors;
        if (errors.Count == 0) Message = "Vos préférences de notification sont enregistrées.";
        return await OnGetAsync(id);
    }

    public CompanyView Company { get; private set; } = null!;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public bool CanManageUsers { get; private set; }
    public bool CanViewInvoices { get; private set; }
    public bool CanViewVisits { get; private set; }
    public IReadOnlyList<DeclarationView>? Declarations { get; private set; }
    /// <summary>What needs doing, each figure where the caller's roles show it.</summary>
    public Platform.Features.Home.CompanyToDoView? ToDo { get; private set; }

    public static string Label(DeclarationStatus status) => status switch
    {
        DeclarationStatus.ToFill => "À saisir",
        DeclarationStatus.InProgress => "En cours",
        DeclarationStatus.Submitted => "Transmise",
        DeclarationStatus.Confirmed => "Confirmée",
        DeclarationStatus.Invoiced => "Facturée",
        _ => "Non saisissable",
    };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await access.CanSeeAsync(id)) return NotFound();
        Roles = await access.RequireAsync(id, Permission.ViewCompany);
        Company = (await companies.GetAsync(id))!;
        CanManageUsers = await users.CanManageAsync(id);
        CanViewInvoices = await access.HasAsync(id, Permission.ViewInvoices);
        CanViewVisits = await access.HasAsync(id, Permission.ViewAppointments);
        if (await access.HasAsync(id, Permission.ViewDeclarations)) Declarations = await declarations.ListAsync(id);
        if (Roles.Count > 0) Preferences = await notifications.MineAsync(id);
        ToDo = await toDo.ForAsync(id, HttpContext.RequestAborted);
        return Page();
    }
}
