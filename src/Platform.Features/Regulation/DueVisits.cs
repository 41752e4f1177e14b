using Platform.Features.Visits;

namespace Platform.Features.Regulation;

/// <summary>
/// The kinds of visit the follow-up history records (the last one of each kind is what the rules start
/// from). Appointments held will feed it; until then staff enter the dates for history.
/// </summary>
public enum HeldVisitKind
{
    /// <summary>Visite d'information et de prévention, initial or periodic (SI, SIA).</summary>
    Vip,
    /// <summary>Examen médical d'aptitude (SIR), initial or renewed.</summary>
    AptitudeExam,
    /// <summary>Visite intermédiaire of SIR follow-up, by a health professional.</summary>
    IntermediateVisit,
    MidCareer,
    /// <summary>Attestation de non contre-indication (CACES, habilitation électrique) since décret 2025-355.</summary>
    Attestation,
    ReturnToWork,
    /// <summary>Visite de fin de carrière (R4624-28-1), before retirement.</summary>
    EndOfCareer,
    /// <summary>Visite post-exposition (R4624-28-1), once the exposure to particular risks ended.</summary>
    PostExposure,
}

/// <summary>What is due; each maps to the contract's VisitType and to the held kind that settles it.</summary>
public enum DueVisitKind { InitialVip, PeriodicVip, InitialAptitudeExam, AptitudeExamRenewal, IntermediateVisit, MidCareer, Attestation, ReturnToWork, EndOfCareer, PostExposure }

/// <summary>Absences after which a return-to-work visit is due (R4624-31).</summary>
public enum AbsenceNature { Maternity, OccupationalDisease, WorkAccident, IllnessOrAccident }

/// <summary>An absence: its first day and the day of return (the first day back at work).</summary>
public sealed record Absence(AbsenceNature Nature, DateOnly FirstDay, DateOnly ReturnOn)
{
    public int Days => ReturnOn.DayNumber - FirstDay.DayNumber;
}

/// <summary>
/// An employee's follow-up facts on a day: who they are, the risks of the workstation they hold (since
/// <paramref name="AssignedOn"/>), their situations, the last visit of each kind and their absences.
/// <paramref name="RetirementDate"/>: the day they retire, when known (an end-of-career request gives it);
/// <paramref name="ExposureEndedOn"/>: the last day of their exposure to particular risks (SIR), when it ended.
/// </summary>
public sealed record FollowUpFacts(
    DateOnly BirthDate,
    DateOnly StartDate,
    DateOnly? EndDate,
    bool Apprentice,
    IReadOnlyCollection<Risk> Risks,
    string? RadiationCategory = null,
    DateOnly? AssignedOn = null,
    IReadOnlyCollection<WorkerSituation>? Situations = null,
    IReadOnlyDictionary<HeldVisitKind, DateOnly>? LastVisits = null,
    IReadOnlyCollection<Absence>? Absences = null,
    DateOnly? RetirementDate = null,
    DateOnly? ExposureEndedOn = null)
{
    public DateOnly? Last(HeldVisitKind kind) => LastVisits is not null && LastVisits.TryGetValue(kind, out var d) ? d : null;
}

/// <summary>
/// Who holds a visit: any health professional of the team (médecin, collaborateur médecin, interne, infirmier, under
/// the doctor's protocol), or the occupational doctor (médecin du travail) in person.
/// </summary>
public enum VisitProfessional { HealthProfessional, Doctor }

/// <summary>A rule of SPEC.md 4.2 with its source, the date it takes effect, and who holds the visit it asks for.</summary>
public sealed record DueRule(string Code, string Label, DateOnly From, VisitProfessional SeenBy = VisitProfessional.HealthProfessional);

/// <summary>
/// A visit due: from when it can be convened (<paramref name="DueFrom"/>) and its deadline
/// (<paramref name="DueBy"/>), with the rule that asks for it.
/// </summary>
public sealed record DueVisit(DueVisitKind Kind, DateOnly DueFrom, DateOnly DueBy, DueRule Rule)
{
    public VisitType Type => DueVisitRules.TypeOf(Kind);
    public VisitProfessional SeenBy => Rule.SeenBy;
    public bool IsDueOn(DateOnly day) => DueFrom <= day;
    public bool IsOverdueOn(DateOnly day) => DueBy < day;
}

/// <summary>
/// When visits are due (SPEC.md 4.2), judged on a day by the rules in force that day. Pure: the facts in,
/// the visits due out, soonest deadline first.
/// </summary>
public static class DueVisitRules
{
    /// <summary>Periodic visits are convened from this long before their deadline.</summary>
    public const int ConvocationLeadMonths = 3;

    // Décret 2016-1908: VIP, SIA and SIR follow-up as they stand, from 1 January 2017.
    public static readonly DateOnly Reform2017 = new(2017, 1, 1);
    // Décret 2018-1340: apprentices' VIP within 2 months, from 1 January 2019.
    public static readonly DateOnly Apprentices2019 = new(2019, 1, 1);
    // Loi 2021-1018 and décret 2022-372: mid-career visit, and 60 days (instead of 30) for a non-occupational absence, from 31 March 2022.
    public static readonly DateOnly Reform2022 = new(2022, 3, 31);

    public static readonly DueRule InitialVip = new("VIP_INITIALE", "Visite d'information et de prévention dans les 3 mois de la prise de poste (R4624-10)", Reform2017);
    public static readonly DueRule InitialVipApprentice = new("VIP_INITIALE_APPRENTI", "Apprenti : visite d'information et de prévention dans les 2 mois de l'embauche (R6222-40-1)", Apprentices2019);
    public static readonly DueRule InitialVipBeforeAssignment = new("VIP_AVANT_AFFECTATION", "Visite d'information et de prévention avant l'affectation au poste (R4624-18)", Reform2017);
    public static readonly DueRule PeriodicVipSi = new("VIP_PERIODIQUE_SI", "Visite périodique au plus tard 5 ans après la dernière (SI, R4624-16)", Reform2017);
    public static readonly DueRule PeriodicVipSia = new("VIP_PERIODIQUE_SIA", "Visite périodique au plus tard 3 ans après la dernière (SIA, R4624-17)", Reform2017);
    // R4624-19 and R4624-20: a disabled worker, an invalidity pension holder, a pregnant woman, one who just gave birth or
    // breastfeeds is oriented without delay to the occupational doctor; their adapted follow-up is the doctor's.
    public static readonly DueRule InitialVipOrientedToDoctor = new("VIP_INITIALE_MEDECIN",
        "Visite d'information et de prévention initiale, avec orientation sans délai vers le médecin du travail (travailleur handicapé, pension d'invalidité, grossesse ou allaitement ; R4624-19, R4624-20)",
        Reform2017, VisitProfessional.Doctor);
    public static readonly DueRule PeriodicVipSiaDoctor = new("VIP_PERIODIQUE_SIA_MEDECIN",
        "Suivi adapté par le médecin du travail au plus tard 3 ans après la dernière visite (travailleur handicapé, pension d'invalidité, grossesse ou allaitement ; R4624-17, R4624-19, R4624-20)",
        Reform2017, VisitProfessional.Doctor);
    public static readonly DueRule InitialExam = new("EXAMEN_SIR", "Examen médical d'aptitude avant l'affectation au poste (SIR, R4624-24)", Reform2017, VisitProfessional.Doctor);
    public static readonly DueRule ExamRenewal = new("EXAMEN_SIR_RENOUVELLEMENT", "Renouvellement de l'examen d'aptitude au plus tard 4 ans après le dernier (SIR, R4624-28)", Reform2017, VisitProfessional.Doctor);
    public static readonly DueRule ExamRenewalCategoryA = new("EXAMEN_SIR_CATEGORIE_A", "Rayonnements ionisants catégorie A : examen d'aptitude chaque année (R4451-82)", Reform2017, VisitProfessional.Doctor);
    public static readonly DueRule Intermediate = new("VISITE_INTERMEDIAIRE_SIR", "Visite intermédiaire au plus tard 2 ans après l'examen d'aptitude (SIR, R4624-28)", Reform2017);
    public static readonly DueRule MidCareer = new("MI_CARRIERE", "Visite de mi-carrière l'année des 45 ans (L4624-2-2)", Reform2022);
    public static readonly DueRule Attestation = new("ATTESTATION_NON_CONTRE_INDICATION",
        "Attestation de non contre-indication valable 5 ans (CACES, habilitation électrique ; décret 2025-355)", FollowUpRules.Decree2025355, VisitProfessional.Doctor);
    public static readonly DueRule ReturnToWork = new("REPRISE", "Visite de reprise le jour de la reprise ou dans les 8 jours (R4624-31)", Reform2017, VisitProfessional.Doctor);
    // Loi 2021-1018 and décret 2022-372 (R4624-28-1 to R4624-28-3 as rewritten): the end-of-career visit of those who are or were
    // in reinforced follow-up, and the post-exposure visit once their exposure ends, from 31 March 2022.
    public static readonly DueRule EndOfCareer = new("FIN_DE_CARRIERE",
        "Visite de fin de carrière avant le départ à la retraite, salarié exposé ou ayant été exposé à des risques particuliers (R4624-28-1)", Reform2022, VisitProfessional.Doctor);
    public static readonly DueRule PostExposure = new("POST_EXPOSITION",
        "Visite post-exposition dans les meilleurs délais après la fin de l'exposition à des risques particuliers (R4624-28-1)", Reform2022, VisitProfessional.Doctor);

    /// <summary>The end-of-career visit is convened from this long before the retirement date (the employer informs the service as soon as it knows).</summary>
    public const int EndOfCareerLeadMonths = 6;
    /// <summary>
    /// « Dans les meilleurs délais » sets no deadline: the platform lists the post-exposure visit as overdue one month
    /// after the exposure ended, so that it shows among the visits to convene now.
    /// </summary>
    public const int PostExposureMonths = 1;

    public static readonly IReadOnlyDictionary<string, DueRule> RulesByCode = new[]
    {
        InitialVip, InitialVipApprentice, InitialVipBeforeAssignment, InitialVipOrientedToDoctor, PeriodicVipSi, PeriodicVipSia, PeriodicVipSiaDoctor, InitialExam, ExamRenewal, ExamRenewalCategoryA,
        Intermediate, MidCareer, Attestation, ReturnToWork, EndOfCareer, PostExposure,
    }.ToDictionary(r => r.Code);

    /// <summary>Every visit due for the employee as of <paramref name="on"/> (open or not yet), soonest deadline first; none after the exit.</summary>
    public static IReadOnlyList<DueVisit> For(FollowUpFacts facts, DateOnly on)
    {
        if (facts.EndDate is { } end && end < on) return [];
        var due = new List<DueVisit>();
        var assigned = facts.AssignedOn ?? facts.StartDate;
        var situations = (facts.Situations ?? []).ToList();
        if (AgeOn(facts.BirthDate, on) < 18) situations.Add(WorkerSituation.UnderEighteen);
        var category = FollowUpRules.For(facts.Risks, on, situations);

        if (category == FollowUpCategory.SIR) AddReinforced(facts, assigned, due);
        else AddVip(facts, situations, category, assigned, due);
        AddAttestation(facts, on, assigned, due);
        AddMidCareer(facts, due);
        AddReturnToWork(facts, due);
        AddEndOfCareerAndPostExposure(facts, category, due);
        // Each rule adds at most one visit of its own kinds: (employee, kind, deadline), the refresh's key, is unique.
        return due.OrderBy(d => d.DueBy).ThenBy(d => d.Kind).ToList();
    }

    /// <summary>The next visit: the soonest deadline among those due.</summary>
    public static DueVisit? Next(FollowUpFacts facts, DateOnly on) => For(facts, on).FirstOrDefault();

    private static void AddVip(FollowUpFacts facts, IReadOnlyCollection<WorkerSituation> situations, FollowUpCategory category, DateOnly assigned, List<DueVisit> due)
    {
        var doctor = situations.Any(s => s is WorkerSituation.DisabledWorker or WorkerSituation.InvalidityPension or WorkerSituation.PregnantOrBreastfeeding);
        // An aptitude exam (held while the worker was SIR, e.g. CACES before October 2025) covers the VIP.
        if (Latest(facts.Last(HeldVisitKind.Vip), facts.Last(HeldVisitKind.AptitudeExam)) is { } last)
        {
            var rule = category != FollowUpCategory.SIA ? PeriodicVipSi : doctor ? PeriodicVipSiaDoctor : PeriodicVipSia;
            var periodicBy = last.AddYears(category == FollowUpCategory.SIA ? 3 : 5);
            due.Add(new(DueVisitKind.PeriodicVip, periodicBy.AddMonths(-ConvocationLeadMonths), periodicBy, rule));
            return;
        }
        var beforeAssignment = facts.Risks.Any(r => r is Risk.NightWork or Risk.BiologicalGroup2 or Risk.ElectromagneticFields)
                               || situations.Contains(WorkerSituation.NightWorker) || AgeOn(facts.BirthDate, assigned) < 18;
        var (by, initial) = beforeAssignment ? (assigned, InitialVipBeforeAssignment)
            : facts.Apprentice && facts.StartDate >= Apprentices2019 ? (facts.StartDate.AddMonths(2), InitialVipApprentice)
            : (facts.StartDate.AddMonths(3), InitialVip);
        // The deadline stays the one above; the doctor sees them (R4624-19, R4624-20).
        due.Add(new(DueVisitKind.InitialVip, DateOnly.MinValue, by, doctor ? InitialVipOrientedToDoctor : initial));
    }

    private static void AddReinforced(FollowUpFacts facts, DateOnly assigned, List<DueVisit> due)
    {
        if (facts.Last(HeldVisitKind.AptitudeExam) is not { } exam)
        {
            due.Add(new(DueVisitKind.InitialAptitudeExam, DateOnly.MinValue, assigned, InitialExam));
            return;
        }
        if (facts.Risks.Contains(Risk.IonisingRadiation) && string.Equals(facts.RadiationCategory, "A", StringComparison.OrdinalIgnoreCase))
        {
            var yearly = exam.AddYears(1);
            due.Add(new(DueVisitKind.AptitudeExamRenewal, yearly.AddMonths(-ConvocationLeadMonths), yearly, ExamRenewalCategoryA));
            return;
        }
        var renewal = exam.AddYears(4);
        due.Add(new(DueVisitKind.AptitudeExamRenewal, renewal.AddMonths(-ConvocationLeadMonths), renewal, ExamRenewal));
        // The intermediate visit falls between two exams: once held after the last exam, it is settled.
        if (facts.Last(HeldVisitKind.IntermediateVisit) is not { } held || held < exam)
        {
            var by = exam.AddYears(2);
            due.Add(new(DueVisitKind.IntermediateVisit, by.AddMonths(-ConvocationLeadMonths), by, Intermediate));
        }
    }

    private static void AddAttestation(FollowUpFacts facts, DateOnly on, DateOnly assigned, List<DueVisit> due)
    {
        if (!FollowUpRules.Attestations(facts.Risks, on).Any()) return;
        // Valid 5 years; without one, before driving or working on electrical installations. For the workers
        // who were SIR for it before décret 2025-355, their last aptitude exam counts as the last attestation.
        if ((facts.Last(HeldVisitKind.Attestation) ?? facts.Last(HeldVisitKind.AptitudeExam)) is { } last)
        {
            var by = last.AddYears(5);
            due.Add(new(DueVisitKind.Attestation, by.AddMonths(-ConvocationLeadMonths), by, Attestation));
        }
        else due.Add(new(DueVisitKind.Attestation, DateOnly.MinValue, Max(assigned, Attestation.From), Attestation));
    }

    private static void AddMidCareer(FollowUpFacts facts, List<DueVisit> due)
    {
        var year = facts.BirthDate.Year + 45;
        var yearEnd = new DateOnly(year, 12, 31);
        if (yearEnd < MidCareer.From) return; // the 45th year passed before the visit existed
        var yearStart = new DateOnly(year, 1, 1);
        if (facts.Last(HeldVisitKind.MidCareer) is { } held && held >= yearStart) return;
        if (facts.EndDate is { } end && end < yearStart) return;
        due.Add(new(DueVisitKind.MidCareer, Max(yearStart, MidCareer.From), yearEnd, MidCareer));
    }

    private static void AddReturnToWork(FollowUpFacts facts, List<DueVisit> due)
    {
        var last = facts.Last(HeldVisitKind.ReturnToWork);
        var pending = (facts.Absences ?? []).Where(a => a.ReturnOn >= ReturnToWork.From && CallsForReturnVisit(a))
            .Where(a => last is null || last < a.ReturnOn)
            .OrderByDescending(a => a.ReturnOn).FirstOrDefault();
        if (pending is not null)
            due.Add(new(DueVisitKind.ReturnToWork, pending.ReturnOn, pending.ReturnOn.AddDays(8), ReturnToWork));
    }

    /// <summary>
    /// Whoever is or was in reinforced follow-up (SIR now, or an aptitude exam in their history — only SIR workers
    /// have one): before retirement, the end-of-career visit; once the exposure ended while they keep working, the
    /// post-exposure visit. A retirement that ends the exposure calls for the end-of-career visit alone.
    /// </summary>
    private static void AddEndOfCareerAndPostExposure(FollowUpFacts facts, FollowUpCategory category, List<DueVisit> due)
    {
        var wasExposed = category == FollowUpCategory.SIR || facts.Last(HeldVisitKind.AptitudeExam) is not null || facts.ExposureEndedOn is not null;
        if (!wasExposed) return;
        if (facts.RetirementDate is { } retirement && retirement >= EndOfCareer.From
            && (facts.EndDate is null || facts.EndDate >= retirement.AddDays(-1)))
        {
            // One held in the year before the retirement settles it.
            var done = facts.Last(HeldVisitKind.EndOfCareer) is { } held && held >= retirement.AddYears(-1);
            if (!done) due.Add(new(DueVisitKind.EndOfCareer, retirement.AddMonths(-EndOfCareerLeadMonths), retirement, EndOfCareer));
        }
        if (facts.ExposureEndedOn is { } ended && ended >= PostExposure.From && category != FollowUpCategory.SIR
            && (facts.RetirementDate is not { } retires || ended < retires.AddDays(-1)))
        {
            var done = facts.Last(HeldVisitKind.PostExposure) is { } held && held >= ended;
            if (!done) due.Add(new(DueVisitKind.PostExposure, ended.AddDays(1), ended.AddMonths(PostExposureMonths), PostExposure));
        }
    }

    /// <summary>Maternity and occupational disease always; a work accident of 30 days or more; another illness or accident of 60 days or more (30 before 31 March 2022).</summary>
    public static bool CallsForReturnVisit(Absence absence) => absence.Nature switch
    {
        AbsenceNature.Maternity or AbsenceNature.OccupationalDisease => true,
        AbsenceNature.WorkAccident => absence.Days >= 30,
        _ => absence.Days >= (absence.ReturnOn >= Reform2022 ? 60 : 30),
    };

    public static VisitType TypeOf(DueVisitKind kind) => kind switch
    {
        DueVisitKind.InitialVip or DueVisitKind.InitialAptitudeExam => VisitType.Hiring,
        DueVisitKind.MidCareer => VisitType.MidCareer,
        DueVisitKind.ReturnToWork => VisitType.ReturnToWork,
        DueVisitKind.EndOfCareer => VisitType.EndOfCareer,
        DueVisitKind.PostExposure => VisitType.PostExposure,
        _ => VisitType.Periodic,
    };

    /// <summary>The history kind whose visit settles this due one.</summary>
    public static HeldVisitKind SettledBy(DueVisitKind kind) => kind switch
    {
        DueVisitKind.InitialVip or DueVisitKind.PeriodicVip => HeldVisitKind.Vip,
        DueVisitKind.InitialAptitudeExam or DueVisitKind.AptitudeExamRenewal => HeldVisitKind.AptitudeExam,
        DueVisitKind.IntermediateVisit => HeldVisitKind.IntermediateVisit,
        DueVisitKind.MidCareer => HeldVisitKind.MidCareer,
        DueVisitKind.Attestation => HeldVisitKind.Attestation,
        DueVisitKind.EndOfCareer => HeldVisitKind.EndOfCareer,
        DueVisitKind.PostExposure => HeldVisitKind.PostExposure,
        _ => HeldVisitKind.ReturnToWork,
    };

    public static string Label(DueVisitKind kind) => kind switch
    {
        DueVisitKind.InitialVip => "Visite d'information et de prévention initiale",
        DueVisitKind.PeriodicVip => "Visite d'information et de prévention périodique",
        DueVisitKind.InitialAptitudeExam => "Examen médical d'aptitude initial (SIR)",
        DueVisitKind.AptitudeExamRenewal => "Renouvellement de l'examen d'aptitude (SIR)",
        DueVisitKind.IntermediateVisit => "Visite intermédiaire (SIR)",
        DueVisitKind.MidCareer => "Visite de mi-carrière",
        DueVisitKind.Attestation => "Attestation de non contre-indication",
        DueVisitKind.EndOfCareer => "Visite de fin de carrière",
        DueVisitKind.PostExposure => "Visite post-exposition",
        _ => "Visite de reprise",
    };

    public static string Label(VisitProfessional seenBy) => seenBy == VisitProfessional.Doctor ? "Médecin du travail" : "Professionnel de santé de l'équipe";

    public static string Label(HeldVisitKind kind) => kind switch
    {
        HeldVisitKind.Vip => "Visite d'information et de prévention",
        HeldVisitKind.AptitudeExam => "Examen médical d'aptitude (SIR)",
        HeldVisitKind.IntermediateVisit => "Visite intermédiaire (SIR)",
        HeldVisitKind.MidCareer => "Visite de mi-carrière",
        HeldVisitKind.Attestation => "Attestation de non contre-indication",
        HeldVisitKind.EndOfCareer => "Visite de fin de carrière",
        HeldVisitKind.PostExposure => "Visite post-exposition",
        _ => "Visite de reprise",
    };

    public static string Label(AbsenceNature nature) => nature switch
    {
        AbsenceNature.Maternity => "Congé de maternité",
        AbsenceNature.OccupationalDisease => "Maladie professionnelle",
        AbsenceNature.WorkAccident => "Accident du travail",
        _ => "Maladie ou accident non professionnel",
    };

    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : Max(a.Value, b.Value);
}
