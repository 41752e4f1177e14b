using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages.PersonnelActivation;

public sealed class IndexModel(StaffAccounts staff) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    public StaffEnrolmentView? View { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    public async Task OnGetAsync() => View = await staff.PeekEnrolmentAsync(Jeton, HttpContext.RequestAborted);

    public async Task OnPostAsync()
    {
        Errors = (await staff.CompleteEnrolmentAsync(Jeton, Password, Code, HttpContext.RequestAborted)).Errors;
        Done = Errors.Count == 0;
        if (!Done) View = await staff.PeekEnrolmentAsync(Jeton, HttpContext.RequestAborted);
    }
}
