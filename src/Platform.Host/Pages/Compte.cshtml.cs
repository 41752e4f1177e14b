using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

[Authorize]
public sealed class CompteModel(CurrentUser currentUser, ConnectionHistory connections, AccountService accounts, ApiClients apiClients) : PageModel
{
    public bool ShowApiClients { get; private set; }
    public bool CanCreateApiClient { get; private set; }
    public IReadOnlyList<ApiClientView> ApiClients { get; private set; } = [];
    public NewApiClient? NewClient { get; private set; }
    public UserError? ApiError { get; private set; }
    [BindProperty] public string? ClientName { get; set; }

    public async Task OnPostCreerAccesAsync()
    {
        var created = await apiClients.CreateAsync(ClientName, HttpContext.RequestAborted);
        (NewClient, ApiError) = (created.Value, created.Errors.FirstOrDefault());
        await LoadAsync();
    }

    public async Task OnPostRevoquerAsync(string clientId)
    {
        ApiError = (await apiClients.RevokeAsync(clientId, HttpContext.RequestAborted)).Errors.FirstOrDefault();
        await LoadAsync();
    }

    /// <summary>The address as people read it: an IPv4 mapped into IPv6 shown as IPv4, this machine named.</summary>
    public string Address(string? ip)
    {
        if (string.IsNullOrEmpty(ip)) return "inconnue";
        if (!System.Net.IPAddress.TryParse(ip, out var address)) return ip;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return System.Net.IPAddress.IsLoopback(address) ? $"{address} (cet ordinateur)" : address.ToString();
    }

    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool HasPassword { get; private set; }
    public IReadOnlyList<ConnectionRecord> History { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public bool PasswordChanged { get; private set; }

    public string? RecoveryEmail { get; private set; }
    public string? PendingRecoveryEmail { get; private set; }
    public IReadOnlyList<UserError> RecoveryErrors { get; private set; } = [];
    public bool RecoveryLinkSent { get; private set; }
    [BindProperty] public string? NewRecoveryEmail { get; set; }

    /// <summary>A new recovery e-mail: a confirmation link goes to it; it replaces the current one only once confirmed.</summary>
    public async Task OnPostRecuperationAsync()
    {
        RecoveryErrors = (await accounts.RequestRecoveryEmailAsync(NewRecoveryEmail, CurrentPassword, SiteUrl.Of(Request), HttpContext.RequestAborted)).Errors;
        RecoveryLinkSent = RecoveryErrors.Count == 0;
        await LoadAsync();
    }

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostAsync()
    {
        Errors = (await accounts.ChangePasswordAsync(CurrentPassword, NewPassword, SiteUrl.Of(Request), HttpContext.RequestAborted)).Errors;
        PasswordChanged = Errors.Count == 0;
        // The change ended every session, this one included: it goes on with the new stamp.
        if (accounts.RenewedSession is { } renewed) await HttpContext.SignInPortalAsync(renewed);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var id = currentUser.UserId!.Value;
        var mine = await accounts.MineAsync(HttpContext.RequestAborted);
        DisplayName = mine.DisplayName;
        Email = mine.Email;
        HasPassword = mine.HasPassword;
        RecoveryEmail = mine.RecoveryEmail;
        PendingRecoveryEmail = mine.PendingRecoveryEmail;
        History = await connections.ListAsync(id);
        // Creating is for firms; the accesses someone already has stay listed, so that they can always be revoked.
        CanCreateApiClient = await apiClients.OfferedAsync(HttpContext.RequestAborted);
        ApiClients = await apiClients.MineAsync(HttpContext.RequestAborted);
        ShowApiClients = CanCreateApiClient || ApiClients.Count > 0;
    }
}
