using Platform.Tenancy.Resolution;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using Platform.Features.Access;
using Platform.Tenancy;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The API's token endpoint (OpenIddict): POST /connect/token on the tenant host. No issuer is set,
/// so each token's issuer is the host that issued it and a token works on its own tenant only.
/// Access tokens are signed JWTs, not encrypted (they carry ids, the staff role and the security
/// stamp, nothing secret), validated from their signature alone: no decryption and no database
/// round-trip per request (DESIGN.md 4). They live 5 minutes, which bounds how long a person whose
/// sessions were ended (Sessions) keeps using the API; refresh tokens are revoked at once and the
/// stamp is checked again when one is redeemed.
/// </summary>
public static class TokenServer
{
    public const string PortalClientId = "portal";
    public const string EmailCodeGrant = "urn:platform:grant-type:email-code";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(5);

    public static void AddTokenServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<Platform.Features.Persistence.IdentityDb>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                o.AllowPasswordFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow().AllowCustomFlow(EmailCodeGrant);
                o.SetAccessTokenLifetime(AccessTokenLifetime);
                // Decrypting an RSA-OAEP token cost each bearer request several milliseconds for nothing secret.
                o.DisableAccessTokenEncryption();
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                AddKeys(o, configuration, environment);
                o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                // Signature and lifetime only: no token or authorization entry is read per request
                // (OpenIddict's EnableTokenEntryValidation / EnableAuthorizationEntryValidation stay off).
                o.UseLocalServer();
                o.UseAspNetCore();
            });
    }

    // Production reads its certificates from configuration; elsewhere OpenIddict's development certificates do.
    private static void AddKeys(OpenIddictServerBuilder o, IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = configuration["Identity:SigningCertificate:Path"];
        var encryption = configuration["Identity:EncryptionCertificate:Path"];
        if (signing is not null && encryption is not null)
        {
            o.AddSigningCertificate(X509CertificateLoader.LoadPkcs12FromFile(signing, configuration["Identity:SigningCertificate:Password"]));
            o.AddEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(encryption, configuration["Identity:EncryptionCertificate:Password"]));
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Identity:SigningCertificate:Path et Identity:EncryptionCertificate:Path (fichiers PFX) sont obligatoires en production.");
        }
        else
        {
            o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
        }
    }

    /// <summary>The portal's public client, used by the portal's own scripts and by outside clients (contract).</summary>
    public static async Task RegisterClientsAsync(IServiceProvider services)
    {
        await using var scope = services.CreatePlatformScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(PortalClientId) is not null) return;
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = PortalClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Portail adhérents",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Prefixes.GrantType + EmailCodeGrant,
            },
        });
    }

    public static RouteHandlerBuilder MapTokenEndpoint(this WebApplication app) => app.MapPost("/connect/token", HandleAsync)
        .WithTags("Jetons")
        .WithSummary("Délivre un jeton d'accès (OAuth 2.0)")
        .WithDescription("application/x-www-form-urlencoded. Logiciel d'un cabinet : grant_type=client_credentials, client_id, client_secret (créés sur /compte). " +
                         "Personne : client_id=portal, grant_type=password, username, password (et authenticator_code pour le personnel du service); " +
                         "grant_type=refresh_token avec refresh_token. Répond access_token, token_type, expires_in ; erreurs au format OAuth 2.0 (400, error).")
        .Accepts<TokenRequestForm>("application/x-www-form-urlencoded")
        .Produces(StatusCodes.Status200OK, contentType: "application/json")
        .Produces(StatusCodes.Status400BadRequest, contentType: "application/json");

    /// <summary>The token request's fields, for the API's description only (OpenIddict reads the form).</summary>
    public sealed record TokenRequestForm(string grant_type, string? client_id, string? client_secret, string? username, string? password,
        string? authenticator_code, string? refresh_token, string? scope);

    private static async Task<IResult> HandleAsync(HttpContext http, SignInService signIn, EmailCodeSignIn emailCodes, ApiClients apiClients,
        Sessions sessions, ITenantContext tenant)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsPasswordGrantType())
        {
            var outcome = await signIn.PasswordAsync(
                new PasswordSignIn(request.Username ?? "", request.Password ?? "", http.Connection.RemoteIpAddress?.ToString(),
                    http.Request.Headers.UserAgent.ToString(), AsProxy: (string?)request["proxy"] == "true", SiteUrl: SiteUrl.Of(http.Request)),
                (string?)request["authenticator_code"], http.RequestAborted);
            if (outcome.SecondFactorRequired)
                return Refuse("Le personnel du service confirme sa connexion avec le code de son application d'authentification (paramètre authenticator_code).");
            return outcome.Succeeded ? SignIn(outcome.User!, request.GetScopes()) : Refuse(outcome.Error!.Message);
        }
        if (request.GrantType == EmailCodeGrant)
        {
            var outcome = await emailCodes.VerifyAsync((string?)request["email"], (string?)request["code"],
                http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
            return outcome.Succeeded ? SignIn(outcome.User!, request.GetScopes()) : Refuse(outcome.Error!.Message);
        }
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret; the client acts as the person who created it.
            var user = await apiClients.ActingUserAsync(request.ClientId, http.RequestAborted);
            return user is null
                ? Refuse("Ce logiciel n'a accès à aucune entreprise de ce service.")
                : SignIn(SignedInUser.Of(user, tenant.Current!.Slug, null), []);
        }
        if (request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var principal = result.Principal;
            // The person may have lost their access, or had their sessions ended, since the token was issued.
            if (principal?.GetClaim(PlatformClaims.Tenant) != tenant.Current!.Slug
                || !Guid.TryParse(principal.GetClaim(Claims.Subject), out var userId)
                || await sessions.ResumeAsync(userId, principal.GetClaim(PlatformClaims.SecurityStamp), http.RequestAborted) is not { } user)
                return Refuse("La session a expiré : reconnectez-vous.");
            return SignIn(user, principal.GetScopes());
        }
        return Results.Forbid(Properties(Errors.UnsupportedGrantType, "Type d'autorisation non pris en charge."),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(SignedInUser user, IEnumerable<string> scopes)
    {
        var identity = user.ToIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        identity.SetScopes(scopes.Where(s => s == Scopes.OfflineAccess));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string message) =>
        Results.Forbid(Properties(Errors.InvalidGrant, message), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    /// <summary>Bearer requests authenticate with the token (OpenIddict, through the validated tokens' memory); all others with the portal cookie.</summary>
    public static string SelectScheme(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? ValidatedBearerTokens.SchemeName
            : PortalAuthentication.CookieScheme;
}
