using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Mon entreprise » (seeds 001, 003): details and addresses, contacts, health team, change of situation.</summary>
[Authorize]
public sealed class FicheModel(CompanyProfile profile, PendingChanges pendingChanges, CompanyContacts contacts, HealthTeams teams, SituationRequests situations, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "contact")] public Guid? EditContactId { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? LegalForm { get; set; }
    [BindProperty] public DateOnly? CreationDate { get; set; }
    [BindProperty] public string? NafCode { get; set; }
    [BindProperty] public string? Activity { get; set; }
    [BindProperty] public PostalAddress? Main { get; set; }
    [BindProperty] public PostalAddress? Billing { get; set; }
    [BindProperty] public PostalAddress? Convocation { get; set; }
    [BindProperty] public string? CompanyPhone { get; set; }
    [BindProperty] public string? CompanyFax { get; set; }

    [BindProperty] public string? Function { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public SituationChange? Kind { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? EffectiveDate { get; set; }

    public CompanyDetailsView Details { get; private set; } = null!;
    /// <summary>The employer's changes kept for staff, newest first (sst68): pending, accepted, applied or refused.</summary>
    public IReadOnlyList<PendingChangeView> Changes { get; private set; } = [];
    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];
    public HealthTeamView? Team { get; private set; }
    public IReadOnlyList<SituationRequestView> Situations { get; private set; } = [];
    public bool CanManage { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Section { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var d = Details;
        (Name, LegalForm, CreationDate, NafCode, Activity, Main, Billing, Convocation, CompanyPhone, CompanyFax) =
            (d.Company.Name, d.Company.LegalForm, d.CreationDate, d.Company.NafCode, d.Activity, d.MainAddress, d.BillingAddress, d.ConvocationAddress, d.Phone, d.Fax);
        if (EditContactId is { } cid && Contacts.FirstOrDefault(c => c.Id == cid) is { } contact)
            (Function, ContactName, Email, Phone) = (contact.Function, contact.Name, contact.Email, contact.Phone);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync()
    {
        Section = "details";
        // The form sends every field; only those that differ from the company now are changed.
        var result = await profile.UpdateAsync(Id, new CompanyDetails(Name, LegalForm, CreationDate, NafCode, Activity, Main, Billing, Convocation, CompanyPhone, CompanyFax), ct: HttpContext.RequestAborted);
        Errors = result.Errors;
        if (result.Pending is not null) Message = Waiting;
        else if (result.Value is not null) Message = "Les informations de l'entreprise sont enregistrées.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostContactAsync(Guid? contactId)
    {
        Section = "contacts";
        var saved = await contacts.SaveAsync(Id, contactId, Function, ContactName, Email, Phone, HttpContext.RequestAborted);
        Errors = saved.Errors;
        if (saved.Value is not null || saved.Pending is not null)
        {
            Message = saved.Value is { } contact ? $"Le contact {contact.Name} est enregistré." : Waiting;
            (Function, ContactName, Email, Phone) = (null, null, null, null); EditContactId = null; ModelState.Clear();
        }
        else EditContactId = contactId;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSupprimerContactAsync(Guid contactId)
    {
        Section = "contacts";
        var result = await contacts.DeleteAsync(Id, contactId, HttpContext.RequestAborted);
        Errors = result.Errors;
        if (Errors.Count == 0) Message = result.Pending is null ? "Le contact est supprimé." : Waiting;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSituationAsync()
    {
        Section = "situation";
        var requested = await situations.RequestAsync(Id, Kind, Reason, EffectiveDate, HttpContext.RequestAborted);
        Errors = requested.Errors;
        if (requested.Value is not null) { Message = "Votre demande est transmise au service, qui vous répondra."; Kind = null; Reason = null; EffectiveDate = null; ModelState.Clear(); }
        return await LoadAsync() ? Page() : NotFound();
    }

    private const string Waiting = "Votre modification est transmise au service : elle prendra effet le lendemain de sa validation.";

    private async Task<bool> LoadAsync()
    {
        if (await profile.GetAsync(Id, HttpContext.RequestAborted) is not { } details) return false;
        Details = details;
        Changes = await pendingChanges.ForCompanyAsync(Id, 20, HttpContext.RequestAborted);
        Contacts = await contacts.ListAsync(Id, HttpContext.RequestAborted);
        Team = await teams.GetAsync(Id, HttpContext.RequestAborted);
        Situations = await situations.ForCompanyAsync(Id, HttpContext.RequestAborted);
        CanManage = await access.HasAsync(Id, Permission.ManageCompany);
        return true;
    }
}
