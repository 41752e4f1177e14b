namespace Platform.Features.Visits;

/// <summary>The words of visit requests as employers read them (seed 001), and the limits of what they type.</summary>
public static class VisitRules
{
    public const int CommentMaxLength = 1000;
    public const int LanguageMaxLength = 50;
    public const int UserCompanyNameMaxLength = 200;

    /// <summary>Situation flags of a request (seed 001) and their French labels.</summary>
    public static readonly IReadOnlyDictionary<string, string> Situations = new Dictionary<string, string>
    {
        ["DISABLED_WORKER"] = "Travailleur handicapé",
        ["INVALIDITY"] = "Titulaire d'une pension d'invalidité",
        ["PREGNANT"] = "Femme enceinte, venant d'accoucher ou allaitante",
        ["APPRENTICE"] = "Apprenti",
        ["OTHER_EXPOSURE"] = "Autre exposition",
    };

    public static string Label(VisitType type) => type switch
    {
        VisitType.Hiring => "Embauche",
        VisitType.Periodic => "Périodique",
        VisitType.MidCareer => "Mi-carrière",
        VisitType.ReturnToWork => "Reprise",
        VisitType.EndOfCareer => "Fin de carrière",
        VisitType.Occasional => "Occasionnelle",
        _ => "Post-exposition",
    };

    public static string Label(VisitRequestState state) => state switch
    {
        VisitRequestState.Pending => "En attente",
        VisitRequestState.Accepted => "Traitée",
        VisitRequestState.Refused => "Refusée",
        _ => "Annulée",
    };
}
