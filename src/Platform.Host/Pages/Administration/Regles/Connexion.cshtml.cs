using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>Sign-in: identifier, proof (password rule or e-mailed code), lockout, connection history, proxy sign-in.</summary>
public sealed class ConnexionModel(TenantRulesAdministration administration) : RulesPageModel(administration)
{
    public override RuleGroup Group => RuleGroup.All[1];
    [BindProperty] public string Identifier { get; set; } = "";
    [BindProperty] public string Proof { get; set; } = "";
    [BindProperty] public string? MinLength { get; set; }
    [BindProperty] public bool RequireUpper { get; set; }
    [BindProperty] public bool RequireLower { get; set; }
    [BindProperty] public bool RequireDigit { get; set; }
    [BindProperty] public bool RequireSpecial { get; set; }
    [BindProperty] public bool StrengthMeter { get; set; }
    [BindProperty] public string? CodeDigits { get; set; }
    [BindProperty] public string? CodeValidityMinutes { get; set; }
    [BindProperty] public string? CodeMaxWrongTries { get; set; }
    [BindProperty] public string? CodeResendAfterSeconds { get; set; }
    [BindProperty] public string LockoutMode { get; set; } = "";
    [BindProperty] public string? MaxFailures { get; set; }
    [BindProperty] public string? LockMinutes { get; set; }
    [BindProperty] public string? LockoutMessage { get; set; }
    [BindProperty] public string? ConnectionHistorySize { get; set; }
    [BindProperty] public bool ProxyLogin { get; set; }

    protected override void Fill(TenantRules rules)
    {
        var login = rules.Login;
        Identifier = login.Identifier.ToString();
        Proof = login.Proof.ToString();
        var password = login.PasswordRule ?? PasswordRule.PlatformMinimum;
        MinLength = password.MinLength.ToString(French);
        (RequireUpper, RequireLower, RequireDigit, RequireSpecial, StrengthMeter) =
            (password.RequireUpper, password.RequireLower, password.RequireDigit, password.RequireSpecial, password.StrengthMeter);
        var code = login.EmailCode ?? new EmailCodeRule();
        CodeDigits = code.Digits.ToString(French);
        CodeValidityMinutes = code.ValidityMinutes.ToString(French);
        CodeMaxWrongTries = code.MaxWrongTries.ToString(French);
        CodeResendAfterSeconds = code.ResendAfterSeconds.ToString(French);
        LockoutMode = login.Lockout.Mode.ToString();
        MaxFailures = login.Lockout.MaxFailures > 0 ? login.Lockout.MaxFailures.ToString(French) : "";
        LockMinutes = login.Lockout.LockMinutes?.ToString(French);
        LockoutMessage = login.Lockout.Message;
        ConnectionHistorySize = login.ConnectionHistorySize.ToString(French);
        ProxyLogin = login.ProxyLogin;
    }

    protected override IReadOnlyList<RuleValue> ToValues(List<UserError> errors)
    {
        var byPassword = Proof == nameof(LoginProof.Password);
        JsonNode? password = null, code = null;
        if (byPassword)
            password = new JsonObject
            {
                ["minLength"] = Number(MinLength, "login.passwordRule.minLength", errors, integer: true),
                ["requireUpper"] = RequireUpper, ["requireLower"] = RequireLower, ["requireDigit"] = RequireDigit,
                ["requireSpecial"] = RequireSpecial, ["strengthMeter"] = StrengthMeter,
            };
        else
            code = new JsonObject
            {
                ["digits"] = Number(CodeDigits, "login.emailCode.digits", errors, integer: true),
                ["validityMinutes"] = Number(CodeValidityMinutes, "login.emailCode.validityMinutes", errors, integer: true),
                ["maxWrongTries"] = Number(CodeMaxWrongTries, "login.emailCode.maxWrongTries", errors, integer: true),
                ["resendAfterSeconds"] = Number(CodeResendAfterSeconds, "login.emailCode.resendAfterSeconds", errors, integer: true),
            };
        var lockout = new JsonObject { ["mode"] = LockoutMode };
        if (LockoutMode != nameof(Platform.Tenancy.Rules.LockoutMode.None))
        {
            lockout["maxFailures"] = Number(MaxFailures, "login.lockout.maxFailures", errors, integer: true);
            if (LockoutMode == nameof(Platform.Tenancy.Rules.LockoutMode.Temporary))
                lockout["lockMinutes"] = Number(LockMinutes, "login.lockout.lockMinutes", errors, integer: true);
            if (Text(LockoutMessage) is { } message) lockout["message"] = message;
        }
        return
        [
            new("login.identifier", JsonValue.Create(Identifier)),
            new("login.proof", JsonValue.Create(Proof)),
            new("login.passwordRule", password),
            new("login.emailCode", code),
            new("login.lockout", lockout),
            new("login.connectionHistorySize", Number(ConnectionHistorySize, "login.connectionHistorySize", errors, integer: true)),
            new("login.proxyLogin", JsonValue.Create(ProxyLogin)),
        ];
    }
}
