using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Documents;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Documents » (seeds 000, 001, 004): upload a PDF under 1 MB with a nature, the history, delete until staff acknowledge it.</summary>
[Authorize]
[UploadLimit(DocumentRules.MaxBytes)]
public sealed class DocumentsModel(DocumentService documents, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>« Un accès à l'historique (case à cocher) » (seed 000): with it, the acknowledged documents too.</summary>
    [FromQuery(Name = "historique")] public bool History { get; set; }
    [BindProperty] public string? Nature { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public IReadOnlyList<DocumentView> List { get; private set; } = [];
    public bool CanManage { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        Company = company;
        List = await documents.ListAsync(Id, History);
        CanManage = await access.HasAsync(Id, Permission.RequestVisits);
        return Page();
    }

    public async Task<IActionResult> OnPostEnvoyerAsync(IFormFile? file)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        byte[] content = [];
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            content = buffer.ToArray();
        }
        var result = await documents.UploadAsync(Id, new NewDocument(DocumentRules.ParseNature(Nature), file?.FileName, content));
        Errors = result.Errors;
        if (result.Value is { } d)
        {
            Message = $"Le document « {d.FileName} » est transmis à l'équipe santé travail.";
            Nature = null;
        }
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid documentId)
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await documents.DeleteAsync(documentId);
        Errors = result.Errors;
        if (result.Value is { } d) Message = $"Le document « {d.FileName} » est supprimé.";
        return await OnGetAsync();
    }
}
