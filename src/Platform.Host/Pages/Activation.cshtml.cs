using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;

namespace Platform.Host.Pages;

public sealed class ActivationModel(AccountCreation creation) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    public bool Activated { get; private set; }

    public async Task OnGetAsync() => Activated = await creation.ActivateAsync(Jeton, HttpContext.RequestAborted);
}
