using Platform.Features.Regulation;
namespace Platform.Features.Visits;

/// <summary>The words of visit requests as employers read them (seed 001), and the limits of what they type.</summary>
public static class VisitRules
{
    public const int CommentMaxLength = 1000;
    public const int LanguageMaxLength = 50;
    public const int UserCompanyNameMaxLength = 200;
    public const int DetailsMaxLength = 200;
    public const int ReasonCommentMaxLength = 1000;

    /// <summary>The types whose form offers the situation flags (seed 001: hiring, periodic, mid-career, return to work).</summary>
    public static bool TakesSituations(VisitType type) => type is VisitType.Hiring or VisitType.Periodic or VisitType.MidCareer or VisitType.ReturnToWork;

    /// <summary>Days of absence from which a return-to-work visit is due (R4624-31): 30 for a work accident, 60 for another illness or accident.</summary>
    public static int? MinimumAbsenceDays(AbsenceNature nature) => nature switch
    {
        AbsenceNature.WorkAccident => 30,
        AbsenceNature.IllnessOrAccident => 60,
        _ => null,
    };

    public static string Label(AbsenceNature nature) => nature switch
    {
        AbsenceNature.Maternity => "Congé de maternité",
        AbsenceNature.OccupationalDisease => "Maladie professionnelle",
        AbsenceNature.WorkAccident => "Accident du travail",
        _ => "Maladie ou accident non professionnel",
    };

    public static string Label(OccasionalRequester requester) => requester switch
    {
        OccasionalRequester.Employer => "À la demande de l'employeur",
        OccasionalRequester.Doctor => "À la demande du médecin du travail",
        _ => "À la demande du salarié",
    };

    public static string Label(EmployerVisitReason reason) => reason switch
    {
        EmployerVisitReason.CurrentJobCompatibility => "S'assurer que le poste actuel reste adapté au salarié",
        EmployerVisitReason.JobChange => "Projet d'affectation à un autre poste",
        _ => "Difficultés rencontrées au poste : aménagement à étudier",
    };

    public static string Label(VisitRequestEventKind kind) => kind switch
    {
        VisitRequestEventKind.Sent => "Envoyée",
        VisitRequestEventKind.InProgress => "En cours de traitement",
        VisitRequestEventKind.Accepted => "Acceptée",
        VisitRequestEventKind.Refused => "Refusée",
        _ => "Annulée",
    };

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
