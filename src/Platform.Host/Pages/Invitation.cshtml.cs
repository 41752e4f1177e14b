using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

/// <summary>
/// The e-mailed invitation link. A new person chooses a name and password here; the owner of an existing
/// account signs in first (the link brings them back here) and then accepts.
/// </summary>
public sealed class InvitationModel(CompanyUsers users, CurrentUser currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public InvitationView? View { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    /// <summary>The personal sign-in identifier given on acceptance (member-number tenants).</summary>
    public string? PersonalIdentifier { get; private set; }

    public string SignInLink => "/connexion?retour=" + Uri.EscapeDataString($"{CompanyUsers.AcceptPath}?jeton={Jeton}");

    public async Task OnGetAsync()
    {
        View = await users.PeekAsync(Jeton, HttpContext.RequestAborted);
        (FirstName, LastName) = (FirstName ?? View?.FirstName, LastName ?? View?.LastName);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await users.AcceptAsync(Jeton, FirstName, LastName, Password, HttpContext.RequestAborted);
        if (outcome.Value is { } accepted)
        {
            // A new account is signed in (its e-mail is proven by the link and it has just chosen its password);
            // an existing one already is.
            if (currentUser.UserId != accepted.User.UserId) await HttpContext.SignInPortalAsync(accepted.User);
            if (accepted.PersonalIdentifier is null) return LocalRedirect(await HomeUrls.AfterSignInAsync(HttpContext, accepted.User, null));
            PersonalIdentifier = accepted.PersonalIdentifier;
            return Page();
        }
        Errors = outcome.Errors;
        View = await users.PeekAsync(Jeton, HttpContext.RequestAborted);
        return Page();
    }
}
