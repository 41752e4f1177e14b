using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

public sealed class InvitationModel(CompanyUsers users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public InvitationView? View { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];

    public async Task OnGetAsync() => View = await users.PeekAsync(Jeton, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, errors) = await users.AcceptAsync(Jeton, FirstName, LastName, Password, HttpContext.RequestAborted);
        if (user is not null)
        {
            await HttpContext.SignInPortalAsync(user);
            return Redirect("/compte");
        }
        Errors = errors;
        View = await users.PeekAsync(Jeton, HttpContext.RequestAborted);
        return Page();
    }
}
