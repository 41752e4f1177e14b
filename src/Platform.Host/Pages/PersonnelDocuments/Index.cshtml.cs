using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Documents;

namespace Platform.Host.Pages.PersonnelDocuments;

/// <summary>Staff: the documents employers shared, and acknowledging their receipt (after which employers can no longer delete them).</summary>
[Authorize]
public sealed class IndexModel(DocumentService documents, CurrentUser currentUser) : PageModel
{
    [FromQuery(Name = "valides")] public bool Acknowledged { get; set; }
    public IReadOnlyList<StaffDocumentView> List { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        List = await documents.StaffListAsync(Acknowledged);
        return Page();
    }

    public async Task<IActionResult> OnPostValiderAsync(Guid documentId)
    {
        if (!currentUser.IsStaff) return Forbid();
        var result = await documents.AcknowledgeAsync(documentId);
        Errors = result.Errors;
        if (result.Value is { } d) Message = $"Réception du document « {d.FileName} » validée.";
        return await OnGetAsync();
    }
}
