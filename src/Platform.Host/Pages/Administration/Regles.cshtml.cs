using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration;

/// <summary>Tenant administrators: change a rule of their tenant and read the audit history.</summary>
[Authorize]
public sealed class ReglesModel(TenantRulesAdministration administration) : PageModel
{
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public IReadOnlyList<RuleChangeView> History { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string EffectiveJson { get; private set; } = "";
    public string? Message { get; private set; }
    public bool NeedsConfirmation { get; private set; }
    [BindProperty] public string? Path { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostAsync()
    {
        var result = await administration.ChangeAsync(new RuleChangeRequest(Path ?? "", Value ?? "", Confirm), HttpContext.RequestAborted);
        Errors = result.Errors;
        NeedsConfirmation = result.NeedsConfirmation();
        if (Errors.Count == 0) { Message = $"La règle {Path} a été enregistrée."; Path = null; Value = null; }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        History = await administration.HistoryAsync(HttpContext.RequestAborted);
        EffectiveJson = (await administration.EffectiveJsonAsync()).ToJsonString(TenantRulesJson.Options);
    }
}
