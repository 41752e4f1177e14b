using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Platform.Host.Pages;

/// <summary>The portal's error page: 404 and other status codes, and unexpected exceptions (with the correlation id).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErreurModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    /// <summary>Shown on every error page: the person quotes it to the service, who finds the request in the logs.</summary>
    public string CorrelationId { get; private set; } = "";
    /// <summary>An exception or a 5xx status: something failed on our side.</summary>
    public bool Failure { get; private set; }

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        var status = exception ? StatusCodes.Status500InternalServerError : code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            404 => ("Page introuvable", "La page demandée n'existe pas ou a été déplacée. Si vous avez suivi un lien du portail, signalez-le au service adhérents en indiquant la référence ci-dessous."),
            403 => ("Accès refusé", "Vous n'avez pas les droits nécessaires pour afficher cette page. Si vous pensez devoir y accéder, contactez le service adhérents en indiquant la référence ci-dessous."),
            401 => ("Connexion requise", "Connectez-vous pour accéder à cette page."),
            413 => ("Fichier trop volumineux", "Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers et envoyez-les l'un après l'autre."),
            _ => ("Une erreur est survenue", "Le service a rencontré un problème. Réessayez dans quelques instants ; si le problème persiste, contactez le service adhérents en indiquant la référence ci-dessous."),
        };
        Failure = status >= 500;
        CorrelationId = HttpContext.TraceIdentifier;
    }
}
