using Platform.Tenancy.Naming;
using System.Net;
using Platform.Tenancy.Rules;

namespace Platform.Features.Notifications;

/// <summary>An e-mail ready to queue: subject, HTML and plain text, in French.</summary>
public sealed record EmailContent(string Subject, string Html, string Text);

/// <summary>
/// The platform's e-mails, in French, with the tenant's name, colours and contact block. Paragraphs
/// are plain text: they are HTML-encoded here, links are passed apart.
/// </summary>
public static class EmailTemplates
{
    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static EmailContent LoginCode(TenantRules rules, string code, int validityMinutes) => Compose(rules,
        $"Votre code de connexion : {code}",
        [
            "Bonjour,",
            $"Voici votre code de connexion à l'espace adhérent {rules.OfName()} :",
        ],
        highlight: code,
        after:
        [
            $"Ce code est valable {validityMinutes} minutes et ne peut servir qu'une fois.",
            "Si vous n'avez pas demandé à vous connecter, ignorez ce message : votre compte reste protégé.",
        ]);

    public static EmailContent PasswordReset(TenantRules rules, string link, int validityMinutes) => Compose(rules,
        "Réinitialisation de votre mot de passe",
        [
            "Bonjour,",
            $"Une demande de nouveau mot de passe a été faite pour votre compte de l'espace adhérent {rules.OfName()}.",
        ],
        link: (link, "Choisir un nouveau mot de passe"),
        after:
        [
            $"Ce lien est valable {validityMinutes} minutes et ne peut servir qu'une fois.",
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.",
        ]);

    public static EmailContent Invitation(TenantRules rules, string companyName, string invitedBy, IReadOnlyList<string> roles, string link, int validityDays) => Compose(rules,
        $"Invitation à gérer {companyName} sur l'espace adhérent",
        [
            "Bonjour,",
            $"{invitedBy} vous invite à accéder à l'espace adhérent {rules.OfName()} pour l'entreprise {companyName}, avec le{(roles.Count > 1 ? "s" : "")} rôle{(roles.Count > 1 ? "s" : "")} : {string.Join(", ", roles)}.",
            "Votre accès reste en attente de validation tant que vous n'avez pas accepté l'invitation.",
        ],
        link: (link, "Accepter l'invitation"),
        after: [$"Ce lien est valable {validityDays} jours et ne peut servir qu'une fois."]);

    public static EmailContent ManagementRequested(TenantRules rules, string companyName, string requester, string requesterEmail, string link) => Compose(rules,
        $"Demande de gestion {FrenchGrammar.De(companyName)}",
        [
            "Bonjour,",
            $"{requester} ({requesterEmail}) demande à accéder aux données {FrenchGrammar.De(companyName)} sur l'espace adhérent {rules.OfName()}.",
            "En tant qu'administrateur, acceptez la demande en choisissant le type d'accès, ou refusez-la, depuis l'onglet Démarches à valider.",
        ],
        link: (link, "Voir les démarches à valider"));

    public static EmailContent RequestDecided(TenantRules rules, string kind, string? companyName, bool accepted, IReadOnlyList<string> roles) => Compose(rules,
        accepted ? "Votre démarche a été acceptée" : "Votre démarche a été refusée",
        [
            "Bonjour,",
            $"Votre démarche « {kind} »{(companyName is null ? "" : $" pour {companyName}")} a été {(accepted ? "acceptée" : "refusée")}.",
            accepted && roles.Count > 0 ? $"Vos accès : {string.Join(", ", roles)}." : accepted ? "Le service reviendra vers vous si nécessaire." : "Pour toute question, contactez le service adhérents.",
        ]);

    public static EmailContent Activation(TenantRules rules, string firstName, string link, int validityHours) => Compose(rules,
        "Activez votre compte de l'espace adhérent",
        [
            $"Bonjour {firstName},",
            $"Votre compte de l'espace adhérent {rules.OfName()} a été créé. Cliquez sur le lien ci-dessous pour l'activer, puis identifiez-vous avec votre adresse e-mail et votre mot de passe.",
        ],
        link: (link, "Activer mon compte"),
        after: [$"Ce lien est valable {validityHours} heures. Si vous n'avez pas créé de compte, ignorez ce message."]);

    public static EmailContent AccountAlreadyExists(TenantRules rules, string resetLink) => Compose(rules,
        "Vous avez déjà un compte sur l'espace adhérent",
        [
            "Bonjour,",
            $"Une création de compte a été demandée avec votre adresse e-mail sur l'espace adhérent {rules.OfName()}, mais un compte existe déjà pour cette adresse.",
            "Connectez-vous avec votre mot de passe, ou choisissez-en un nouveau :",
        ],
        link: (resetLink, "Mot de passe oublié"),
        after: ["Si vous n'êtes pas à l'origine de cette demande, ignorez ce message."]);

    public static EmailContent StaffEnrolment(TenantRules rules, string firstName, string link, int validityDays) => Compose(rules,
        $"Votre accès au portail de {rules.DisplayName}",
        [
            $"Bonjour {firstName},",
            $"Un accès du personnel vous a été ouvert sur le portail {rules.OfName()}.",
            "Suivez le lien pour choisir votre mot de passe et enregistrer l'application d'authentification (TOTP) qui confirmera chacune de vos connexions.",
        ],
        link: (link, "Activer mon accès"),
        after: [$"Ce lien est valable {validityDays} jours et ne peut servir qu'une fois."]);

    public static EmailContent AccountBlocked(TenantRules rules, string unlockLink, int validityHours) => Compose(rules,
        "Votre espace adhérent a été bloqué",
        [
            "Bonjour,",
            $"Votre espace adhérent {rules.OfName()} a été bloqué après plusieurs essais de connexion infructueux.",
            "Si c'était vous, ou pour reprendre la main, débloquez-le avec le lien ci-dessous, puis connectez-vous (choisissez un nouveau mot de passe si vous l'avez oublié) :",
        ],
        link: (unlockLink, "Débloquer mon espace"),
        after:
        [
            $"Ce lien est valable {validityHours} heures et ne peut servir qu'une fois. Le service adhérents peut aussi débloquer votre espace.",
        ]);

    public static EmailContent RecoveryEmailChanged(TenantRules rules, string recoveryEmail) => Compose(rules,
        "Votre e-mail de récupération a été modifié",
        [
            "Bonjour,",
            $"L'e-mail de récupération de votre compte de l'espace adhérent {rules.OfName()} est désormais {recoveryEmail} : les liens de nouveau mot de passe y seront envoyés.",
        ],
        after: ["Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le service adhérents."]);

    public static EmailContent ConfirmRecoveryEmail(TenantRules rules, string link, int validityHours) => Compose(rules,
        "Confirmez votre e-mail de récupération",
        [
            "Bonjour,",
            $"Cette adresse a été indiquée comme e-mail de récupération d'un compte de l'espace adhérent {rules.OfName()} : les liens de nouveau mot de passe y seront envoyés.",
            "Confirmez-la avec le lien ci-dessous ; tant qu'elle n'est pas confirmée, l'adresse actuelle reste en vigueur.",
        ],
        link: (link, "Confirmer cette adresse"),
        after: [$"Ce lien est valable {validityHours} heures. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message."]);

    /// <summary>To the contact the service has on file for a company: someone asks to become its administrator.</summary>
    public static EmailContent SynchronizationCode(TenantRules rules, string companyName, string requester, string requesterEmail, string code, int validityHours) => Compose(rules,
        $"Code de synchronisation {FrenchGrammar.De(companyName)}",
        [
            "Bonjour,",
            $"{requester} ({requesterEmail}) demande à synchroniser le compte adhérent {FrenchGrammar.De(companyName)} sur l'espace adhérent {rules.OfName()} et à en devenir l'administrateur.",
            $"Si vous l'y autorisez, transmettez-lui ce code, à saisir dans ses démarches ; il est valable {validityHours} heures :",
        ],
        highlight: code,
        after: ["Si vous ne connaissez pas cette personne, ne transmettez pas ce code et prévenez le service adhérents."]);

    /// <summary>To the signatory of an annual declaration (seed 003: « vous recevrez un mail de confirmation »).</summary>
    public static EmailContent DeclarationFiled(TenantRules rules, string companyName, int year, IReadOnlyList<string> recap, bool amended, string? editableUntil) => Compose(rules,
        $"{(amended ? "Modification" : "Confirmation")} de votre déclaration d'effectif {year} — {companyName}",
        [
            "Bonjour,",
            $"{Capitalized(rules.NameWithArticle())} a bien reçu {(amended ? "la modification de " : "")}la déclaration annuelle d'effectif {year} {FrenchGrammar.De(companyName)}.",
            .. recap,
        ],
        after:
        [
            editableUntil is null ? "Le service adhérents va la contrôler puis émettre la facture de cotisation, qui confirmera le montant."
                : $"Vous pouvez la modifier depuis votre espace adhérent jusqu'au {editableUntil}. Le service adhérents émettra ensuite la facture de cotisation, qui confirmera le montant.",
        ]);

    /// <summary>The nightly digest of the employees newly due for a visit (« Salariés à convoquer »): one line each, the rest counted.</summary>
    public static EmailContent DueVisitsDigest(TenantRules rules, string companyName, IReadOnlyList<string> lines, int total, string link) => Compose(rules,
        total == 1 ? $"1 salarié à convoquer — {companyName}" : $"{total} salariés à convoquer — {companyName}",
        [
            "Bonjour,",
            $"Depuis notre dernier message, {(total == 1 ? "une visite médicale est devenue due" : $"{total} visites médicales sont devenues dues")} pour les salariés {FrenchGrammar.De(companyName)} :",
            .. lines,
            .. (total > lines.Count ? new[] { $"… et {total - lines.Count} autre(s) : voir la liste complète." } : Array.Empty<string>()),
        ],
        link: (link, "Voir les salariés à convoquer"),
        after: ["Vous recevez ce message parce que vous suivez les convocations de l'entreprise ; vous pouvez le désactiver dans vos notifications."]);

    /// <summary>A new invoice to the company's billing contacts: number, amount, schedule, where to download it.</summary>
    public static EmailContent InvoiceIssued(TenantRules rules, string companyName, string number, string label, string totalInclTax,
        IReadOnlyList<string> schedule, string link) => Compose(rules,
        $"Nouvelle facture {number} — {companyName}",
        [
            "Bonjour,",
            $"{Capitalized(rules.NameWithArticle())} a émis la facture {number} pour {companyName} : {label}.",
            $"Montant TTC : {totalInclTax}.",
            schedule.Count == 1 ? $"Échéance : {schedule[0]}." : $"Échéancier : {string.Join(" ; ", schedule)}.",
        ],
        link: (link, "Voir mes factures"),
        after: ["La facture au format PDF est téléchargeable depuis l'espace adhérent, rubrique Factures."]);

    public static EmailContent Compose(TenantRules rules, string subject, string[] before, string? highlight = null,
        (string Url, string Label)? link = null, string[]? after = null)
    {
        var contact = rules.Theme.Contact;
        var signature = $"{rules.Name} — Service adhérents";
        var contactLine = $"{contact.Phone} · {contact.Email} · {contact.OpeningHours}";
        var text = string.Join("\n\n", before)
                   + (highlight is null ? "" : $"\n\n    {highlight}")
                   + (link is null ? "" : $"\n\n{link.Value.Label} : {link.Value.Url}")
                   + (after is null ? "" : "\n\n" + string.Join("\n\n", after))
                   + $"\n\n--\n{signature}\n{contactLine}\n";

        static string P(string s) => $"<p style=\"margin:0 0 12px\">{WebUtility.HtmlEncode(s)}</p>";
        var primary = rules.Theme.PrimaryColor;
        var html = $"""
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="margin:0;background:#f5f7fa;font-family:Arial,sans-serif;color:#1f2933">
            <div style="max-width:560px;margin:0 auto;background:#fff;border-top:6px solid {primary}">
            <div style="padding:16px 24px;background:{primary};color:#fff;font-size:18px;font-weight:bold">{WebUtility.HtmlEncode(rules.DisplayName)}</div>
            <div style="padding:24px">
            {string.Concat(before.Select(P))}
            {(highlight is null ? "" : $"<p style=\"font-size:28px;letter-spacing:6px;font-weight:bold;color:{primary}\">{WebUtility.HtmlEncode(highlight)}</p>")}
            {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link.Value.Url)}\" style=\"display:inline-block;background:{rules.Theme.SecondaryColor};color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none\">{WebUtility.HtmlEncode(link.Value.Label)}</a></p>")}
            {string.Concat((after ?? []).Select(P))}
            </div>
            <div style="padding:16px 24px;border-top:1px solid #e4e7eb;font-size:13px;color:#52606d">
            <strong>{WebUtility.HtmlEncode(signature)}</strong><br>{WebUtility.HtmlEncode(contactLine)}
            </div></div></body></html>
            """;
        return new EmailContent(subject, html, text);
    }
}
