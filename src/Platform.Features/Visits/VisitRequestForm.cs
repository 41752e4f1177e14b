using Platform.Features.Regulation;
using Platform.Features.Documents;

namespace Platform.Features.Visits;

/// <summary>
/// The checks of a request's own fields (SPEC.md 3.5, seed 001): what each type needs, what it may not
/// carry, and the dates that must agree. Every error names its field. Pure: the service reads the rest.
/// </summary>
public static class VisitRequestForm
{
    public static List<UserError> Check(VisitType type, IReadOnlyCollection<string> situations, VisitRequestDetails d,
        IReadOnlyCollection<DocumentNature> attachmentNatures, DateOnly today)
    {
        var errors = new List<UserError>();
        var typeLabel = VisitRules.Label(type);
        void NotForType(bool present, string field, string what, params VisitType[] types)
        {
            if (present && !types.Contains(type))
                errors.Add(new("NOT_FOR_THIS_TYPE", $"{what} ne se renseigne pas pour une visite « {typeLabel} ».", field));
        }
        void Required(bool present, string field, string message)
        {
            if (!present) errors.Add(new("REQUIRED", message, field));
        }
        void TooLong(string? text, int max, string field, string what)
        {
            if (text?.Length > max) errors.Add(new("TOO_LONG", $"{what} dépasse {max} caractères.", field));
        }

        // Situation flags, and the details « Autre exposition » asks for.
        if (situations.Count > 0 && !VisitRules.TakesSituations(type))
            errors.Add(new("NOT_FOR_THIS_TYPE", $"Les situations particulières ne se déclarent pas pour une visite « {typeLabel} ».", "situations"));
        else if (situations.Contains("OTHER_EXPOSURE"))
            Required(d.SituationDetails is not null, "situationDetails", "Précisez l'autre exposition du salarié.");
        else if (d.SituationDetails is not null)
            errors.Add(new("NOT_FOR_THIS_TYPE", "La précision ne se renseigne qu'avec la situation « Autre exposition ».", "situationDetails"));
        TooLong(d.SituationDetails, VisitRules.DetailsMaxLength, "situationDetails", "La précision de l'exposition");

        // Hiring-visit waiver: only with the last follow-up certificate attached (seed 001).
        NotForType(d.HiringWaiver, "hiringWaiver", "La dispense de visite d'embauche", VisitType.Hiring);
        if (d.HiringWaiver && type == VisitType.Hiring && !attachmentNatures.Contains(DocumentNature.FollowUpCertificate))
            errors.Add(new("CERTIFICATE_REQUIRED",
                "Une demande de dispense de visite d'embauche doit être accompagnée de la dernière attestation de suivi du salarié : joignez-la avec la nature « Attestation de suivi ».", "documentIds"));

        // Return to work: the absence, its dates, the part-time therapeutic return.
        NotForType(d.AbsenceNature is not null, "absenceNature", "La nature de l'arrêt", VisitType.ReturnToWork);
        NotForType(d.AbsenceStart is not null, "absenceStart", "La date de début de l'arrêt", VisitType.ReturnToWork);
        NotForType(d.AbsenceEnd is not null, "absenceEnd", "La date de fin de l'arrêt", VisitType.ReturnToWork);
        NotForType(d.TherapeuticPartTime, "therapeuticPartTime", "La reprise à temps partiel thérapeutique", VisitType.ReturnToWork);
        if (type == VisitType.ReturnToWork)
        {
            Required(d.AbsenceNature is not null, "absenceNature", "Indiquez la nature de l'arrêt de travail.");
            Required(d.AbsenceStart is not null, "absenceStart", "Indiquez la date de début de l'arrêt de travail.");
            Required(d.AbsenceEnd is not null, "absenceEnd", "Indiquez la date de fin de l'arrêt de travail (la veille de la reprise).");
            if (d.AbsenceStart is { } start && d.AbsenceEnd is { } end)
            {
                if (end < start)
                    errors.Add(new("INCONSISTENT_DATES", "La fin de l'arrêt de travail précède son début.", "absenceEnd"));
                else if (d.AbsenceNature is { } nature && VisitRules.MinimumAbsenceDays(nature) is { } minimum && end.DayNumber - start.DayNumber + 1 < minimum)
                    errors.Add(new("ABSENCE_TOO_SHORT",
                        $"Un arrêt « {VisitRules.Label(nature).ToLowerInvariant()} » de moins de {minimum} jours n'appelle pas de visite de reprise : demandez une visite occasionnelle si elle vous semble utile.", "absenceEnd"));
            }
        }

        // End of career and post-exposure: the risk; the retirement date or the end of the exposure.
        NotForType(d.RetirementDate is not null, "retirementDate", "La date de départ en retraite", VisitType.EndOfCareer);
        NotForType(d.ExposureRisk is not null, "exposureRisk", "Le risque d'exposition", VisitType.EndOfCareer, VisitType.PostExposure);
        NotForType(d.ExposureEndDate is not null, "exposureEndDate", "La date de fin d'exposition", VisitType.PostExposure);
        TooLong(d.ExposureRisk, VisitRules.DetailsMaxLength, "exposureRisk", "Le risque d'exposition");
        if (type == VisitType.EndOfCareer)
        {
            Required(d.RetirementDate is not null, "retirementDate", "Indiquez la date de départ en retraite.");
            if (d.RetirementDate is { } retirement && retirement < today)
                errors.Add(new("DATE_IN_PAST", "La visite de fin de carrière a lieu avant le départ en retraite : la date de départ ne peut pas être passée.", "retirementDate"));
            Required(d.ExposureRisk is not null, "exposureRisk", "Précisez le risque auquel le salarié a été exposé.");
        }
        if (type == VisitType.PostExposure)
        {
            Required(d.ExposureRisk is not null, "exposureRisk", "Précisez le risque auquel le salarié a été exposé.");
            Required(d.ExposureEndDate is not null, "exposureEndDate", "Indiquez la date de fin de l'exposition.");
        }

        // Occasional: who asks; the employer's reason and comment; the deadline of the doctor's last opinion.
        NotForType(d.OccasionalRequester is not null, "occasionalRequester", "Le demandeur", VisitType.Occasional);
        var byEmployer = type == VisitType.Occasional && d.OccasionalRequester == OccasionalRequester.Employer;
        var byDoctor = type == VisitType.Occasional && d.OccasionalRequester == OccasionalRequester.Doctor;
        if (!byEmployer)
        {
            if (d.EmployerReason is not null) errors.Add(new("NOT_FOR_THIS_TYPE", "Le motif de l'employeur ne se renseigne que pour une visite occasionnelle à la demande de l'employeur.", "employerReason"));
            if (d.ReasonComment is not null) errors.Add(new("NOT_FOR_THIS_TYPE", "Le commentaire du motif ne se renseigne que pour une visite occasionnelle à la demande de l'employeur.", "reasonComment"));
        }
        if (!byDoctor && d.LastOpinionDeadline is not null)
            errors.Add(new("NOT_FOR_THIS_TYPE", "La date butoir ne se renseigne que pour une visite occasionnelle à la demande du médecin du travail.", "lastOpinionDeadline"));
        if (type == VisitType.Occasional)
            Required(d.OccasionalRequester is not null, "occasionalRequester", "Indiquez qui demande la visite occasionnelle : l'employeur, le médecin du travail ou le salarié.");
        if (byEmployer)
        {
            Required(d.EmployerReason is not null, "employerReason", "Motivez votre demande en choisissant l'un des trois motifs proposés.");
            Required(d.ReasonComment is not null, "reasonComment", "Commentez la situation qui vous amène à demander la visite.");
        }
        TooLong(d.ReasonComment, VisitRules.ReasonCommentMaxLength, "reasonComment", "Le commentaire du motif");
        if (byDoctor)
            Required(d.LastOpinionDeadline is not null, "lastOpinionDeadline", "Indiquez la date butoir figurant sur le dernier avis médical ou la dernière attestation de suivi.");
        return errors;
    }

    /// <summary>Blank text reads as absent; the rest is trimmed.</summary>
    public static VisitRequestDetails Clean(VisitRequestDetails d) => d with
    {
        SituationDetails = Text(d.SituationDetails), ExposureRisk = Text(d.ExposureRisk), ReasonComment = Text(d.ReasonComment),
    };

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
