using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Identity and theme: names, colours (with a live preview), logo upload, contact block.</summary>
// Requests are cut a little above the logo's limit before anything is buffered (page filters apply to the whole page).
[RequestSizeLimit(TenantLogos.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = TenantLogos.MaxBytes + 64 * 1024)]
public sealed class IdentiteModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[0];
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? PrimaryColor { get; set; }
    [BindProperty] public string? SecondaryColor { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? OpeningHours { get; set; }
    [BindProperty] public string? Address { get; set; }

    protected override void Fill(TenantRules rules)
    {
        Name = rules.Name;
        DisplayName = rules.DisplayName;
        PrimaryColor = rules.Theme.PrimaryColor;
        SecondaryColor = rules.Theme.SecondaryColor;
        Phone = rules.Theme.Contact.Phone;
        Email = rules.Theme.Contact.Email;
        OpeningHours = rules.Theme.Contact.OpeningHours;
        Address = rules.Theme.Contact.Address;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors) =>
    [
        new("name", JsonValue.Create(Name?.Trim() ?? "")),
        new("displayName", JsonValue.Create(DisplayName?.Trim() ?? "")),
        // Colour inputs send lower case; the file's colours are upper case, so a mere save changes nothing.
        new("theme.primaryColor", JsonValue.Create(PrimaryColor?.Trim().ToUpperInvariant() ?? "")),
        new("theme.secondaryColor", JsonValue.Create(SecondaryColor?.Trim().ToUpperInvariant() ?? "")),
        new("theme.contact.phone", JsonValue.Create(Phone?.Trim() ?? "")),
        new("theme.contact.email", JsonValue.Create(Email?.Trim() ?? "")),
        new("theme.contact.openingHours", JsonValue.Create(OpeningHours?.Trim() ?? "")),
        new("theme.contact.address", Text(Address)),
    ];

    /// <summary>A new logo: SVG (sanitised) or PNG, at most 512 Ko.</summary>
    public async Task OnPostLogoAsync(IFormFile? file)
    {
        var errors = new List<UserError>();
        if (file is null || file.Length == 0)
            errors.Add(new UserError("LOGO_EMPTY", "Choisissez un fichier SVG ou PNG.", "theme.logo"));
        else if (file.Length > TenantLogos.MaxBytes)
            errors.Add(new UserError("LOGO_TOO_LARGE", $"Le logo dépasse {TenantLogos.MaxBytes / 1024} Ko : réduisez-le ou exportez-le en SVG.", "theme.logo"));
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            errors.AddRange((await Administration.UploadLogoAsync(file.FileName, buffer.ToArray(), HttpContext.RequestAborted)).Errors);
        }
        await Saved(errors, "Nouveau logo enregistré.");
    }
}
