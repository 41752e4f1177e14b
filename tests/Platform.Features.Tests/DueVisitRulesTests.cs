using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.Tests;

/// <summary>Every due rule of SPEC.md 4.2 at its boundary dates.</summary>
public sealed class DueVisitRulesTests
{
    private static readonly DateOnly Born1990 = new(1990, 6, 15);

    private static FollowUpFacts Facts(DateOnly start, Risk[]? risks = null, bool apprentice = false, DateOnly? birth = null,
        Dictionary<HeldVisitKind, DateOnly>? last = null, Absence[]? absences = null, string? radiation = null, DateOnly? end = null,
        WorkerSituation[]? situations = null) =>
        new(birth ?? Born1990, start, end, apprentice, risks ?? [], radiation, null, situations, last, absences);

    private static DueVisit Only(FollowUpFacts facts, DateOnly on, DueVisitKind kind) =>
        Assert.Single(DueVisitRules.For(facts, on), d => d.Kind == kind);

    private static void None(FollowUpFacts facts, DateOnly on, DueVisitKind kind) =>
        Assert.DoesNotContain(DueVisitRules.For(facts, on), d => d.Kind == kind);

    [Fact]
    public void Initial_VIP_within_3_months_of_starting_and_2_for_apprentices()
    {
        var start = new DateOnly(2026, 1, 31);
        var si = Only(Facts(start), start, DueVisitKind.InitialVip);
        Assert.Equal((new DateOnly(2026, 4, 30), VisitType.Hiring, "VIP_INITIALE"), (si.DueBy, si.Type, si.Rule.Code));
        Assert.False(si.IsOverdueOn(new DateOnly(2026, 4, 30)));
        Assert.True(si.IsOverdueOn(new DateOnly(2026, 5, 1)));
        var apprentice = Only(Facts(start, apprentice: true), start, DueVisitKind.InitialVip);
        Assert.Equal((new DateOnly(2026, 3, 31), "VIP_INITIALE_APPRENTI"), (apprentice.DueBy, apprentice.Rule.Code));
        // The apprentices' 2 months came with décret 2018-1340: an apprentice hired in 2018 had 3.
        Assert.Equal(new DateOnly(2018, 9, 30), Only(Facts(new DateOnly(2018, 6, 30), apprentice: true), new DateOnly(2018, 7, 1), DueVisitKind.InitialVip).DueBy);
    }

    [Theory]
    [InlineData(Risk.NightWork)]
    [InlineData(Risk.BiologicalGroup2)]
    [InlineData(Risk.ElectromagneticFields)]
    public void Initial_VIP_before_assignment_for_night_work_biological_group_2_and_electromagnetic_fields(Risk risk)
    {
        var start = new DateOnly(2026, 3, 2);
        var due = Only(Facts(start, [risk]), new DateOnly(2026, 2, 1), DueVisitKind.InitialVip);
        Assert.Equal((start, "VIP_AVANT_AFFECTATION"), (due.DueBy, due.Rule.Code));
        Assert.True(due.IsDueOn(new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void Initial_VIP_before_assignment_under_18_the_day_before_the_18th_birthday_not_on_it()
    {
        var start = new DateOnly(2026, 9, 1);
        var minor = Only(Facts(start, birth: new DateOnly(2008, 9, 2)), start, DueVisitKind.InitialVip);
        Assert.Equal((start, "VIP_AVANT_AFFECTATION"), (minor.DueBy, minor.Rule.Code));
        var adult = Only(Facts(start, birth: new DateOnly(2008, 9, 1)), start, DueVisitKind.InitialVip);
        Assert.Equal((new DateOnly(2026, 12, 1), "VIP_INITIALE"), (adult.DueBy, adult.Rule.Code));
    }

    [Fact]
    public void Periodic_VIP_at_most_5_years_after_the_last_for_SI_and_3_for_SIA()
    {
        var last = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.Vip] = new(2023, 5, 10) };
        var si = Only(Facts(new DateOnly(2020, 1, 6), last: last), new DateOnly(2026, 1, 1), DueVisitKind.PeriodicVip);
        Assert.Equal((new DateOnly(2028, 5, 10), VisitType.Periodic), (si.DueBy, si.Type));
        // Convened from 3 months before the deadline, not a day earlier.
        Assert.False(si.IsDueOn(new DateOnly(2028, 2, 9)));
        Assert.True(si.IsDueOn(new DateOnly(2028, 2, 10)));
        None(Facts(new DateOnly(2020, 1, 6), last: last), new DateOnly(2026, 1, 1), DueVisitKind.InitialVip);

        var sia = Only(Facts(new DateOnly(2020, 1, 6), [Risk.NightWork], last: last), new DateOnly(2026, 1, 1), DueVisitKind.PeriodicVip);
        Assert.Equal((new DateOnly(2026, 5, 10), "VIP_PERIODIQUE_SIA"), (sia.DueBy, sia.Rule.Code));
        var disabled = Only(Facts(new DateOnly(2020, 1, 6), last: last, situations: [WorkerSituation.DisabledWorker]), new DateOnly(2026, 1, 1), DueVisitKind.PeriodicVip);
        Assert.Equal(new DateOnly(2026, 5, 10), disabled.DueBy);
    }

    [Fact]
    public void SIR_exam_before_assignment_then_every_4_years_with_an_intermediate_visit_at_2()
    {
        var start = new DateOnly(2026, 4, 1);
        var first = Only(Facts(start, [Risk.Asbestos]), new DateOnly(2026, 3, 15), DueVisitKind.InitialAptitudeExam);
        Assert.Equal((start, VisitType.Hiring), (first.DueBy, first.Type));
        None(Facts(start, [Risk.Asbestos]), start, DueVisitKind.InitialVip);

        var exam = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.AptitudeExam] = new(2026, 3, 20) };
        var due = DueVisitRules.For(Facts(start, [Risk.Asbestos], last: exam), new DateOnly(2026, 4, 1));
        Assert.Equal([(DueVisitKind.IntermediateVisit, new DateOnly(2028, 3, 20)), (DueVisitKind.AptitudeExamRenewal, new DateOnly(2030, 3, 20)), (DueVisitKind.MidCareer, new DateOnly(2035, 12, 31))],
            due.Select(d => (d.Kind, d.DueBy)));

        // An intermediate visit held after the exam settles it; one held before the exam does not.
        var intermediateHeld = new Dictionary<HeldVisitKind, DateOnly>(exam) { [HeldVisitKind.IntermediateVisit] = new(2028, 2, 1) };
        None(Facts(start, [Risk.Asbestos], last: intermediateHeld), new DateOnly(2028, 2, 2), DueVisitKind.IntermediateVisit);
        var intermediateBefore = new Dictionary<HeldVisitKind, DateOnly>(exam) { [HeldVisitKind.IntermediateVisit] = new(2026, 3, 19) };
        Only(Facts(start, [Risk.Asbestos], last: intermediateBefore), new DateOnly(2028, 2, 2), DueVisitKind.IntermediateVisit);
    }

    [Fact]
    public void Ionising_radiation_category_A_renews_the_exam_every_year_without_intermediate_visit()
    {
        var exam = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.AptitudeExam] = new(2026, 3, 20) };
        var a = DueVisitRules.For(Facts(new DateOnly(2026, 4, 1), [Risk.IonisingRadiation], last: exam, radiation: "A"), new DateOnly(2026, 4, 1));
        var renewal = Assert.Single(a, d => d.Kind != DueVisitKind.MidCareer);
        Assert.Equal((DueVisitKind.AptitudeExamRenewal, new DateOnly(2027, 3, 20), "EXAMEN_SIR_CATEGORIE_A"), (renewal.Kind, renewal.DueBy, renewal.Rule.Code));
        var b = DueVisitRules.For(Facts(new DateOnly(2026, 4, 1), [Risk.IonisingRadiation], last: exam, radiation: "B"), new DateOnly(2026, 4, 1));
        Assert.Equal(new DateOnly(2030, 3, 20), b.Single(d => d.Kind == DueVisitKind.AptitudeExamRenewal).DueBy);
    }

    [Fact]
    public void Mid_career_in_the_calendar_year_of_the_45th_birthday()
    {
        var facts = Facts(new DateOnly(2010, 1, 4), birth: new DateOnly(1981, 11, 30),
            last: new() { [HeldVisitKind.Vip] = new(2025, 1, 1) });
        var due = Only(facts, new DateOnly(2026, 1, 1), DueVisitKind.MidCareer);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), VisitType.MidCareer), (due.DueFrom, due.DueBy, due.Type));
        Assert.False(due.IsDueOn(new DateOnly(2025, 12, 31)));
        Assert.True(due.IsOverdueOn(new DateOnly(2027, 1, 1)));
        // Held in that year: settled; held the year before: not.
        None(facts with { LastVisits = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.MidCareer] = new(2026, 1, 1) } }, new DateOnly(2026, 6, 1), DueVisitKind.MidCareer);
        Only(facts with { LastVisits = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.MidCareer] = new(2025, 12, 31) } }, new DateOnly(2026, 6, 1), DueVisitKind.MidCareer);
    }

    [Fact]
    public void Mid_career_exists_from_31_March_2022_only()
    {
        // 45 in 2021: before the visit existed. 45 in 2022: due, convened from 31 March 2022.
        None(Facts(new DateOnly(2010, 1, 4), birth: new DateOnly(1976, 12, 31)), new DateOnly(2022, 6, 1), DueVisitKind.MidCareer);
        var y2022 = Only(Facts(new DateOnly(2010, 1, 4), birth: new DateOnly(1977, 1, 1)), new DateOnly(2022, 6, 1), DueVisitKind.MidCareer);
        Assert.Equal((new DateOnly(2022, 3, 31), new DateOnly(2022, 12, 31)), (y2022.DueFrom, y2022.DueBy));
    }

    [Theory]
    [InlineData(Risk.Caces)]
    [InlineData(Risk.ElectricalClearance)]
    public void Caces_and_electrical_clearance_on_both_sides_of_1_October_2025(Risk risk)
    {
        var start = new DateOnly(2025, 11, 3);
        var facts = Facts(start, [risk]);
        // 30 September 2025: SIR, an aptitude exam before assignment, no attestation.
        var before = DueVisitRules.For(facts, new DateOnly(2025, 9, 30));
        Assert.Contains(before, d => d.Kind == DueVisitKind.InitialAptitudeExam && d.DueBy == start);
        Assert.DoesNotContain(before, d => d.Kind is DueVisitKind.Attestation or DueVisitKind.InitialVip);
        // 1 October 2025: SI, a VIP within 3 months and an attestation before driving.
        var after = DueVisitRules.For(facts, new DateOnly(2025, 10, 1));
        Assert.DoesNotContain(after, d => d.Kind == DueVisitKind.InitialAptitudeExam);
        Assert.Contains(after, d => d.Kind == DueVisitKind.InitialVip && d.DueBy == new DateOnly(2026, 2, 3));
        var attestation = Assert.Single(after, d => d.Kind == DueVisitKind.Attestation);
        Assert.Equal((start, new DateOnly(2025, 10, 1)), (attestation.DueBy, attestation.Rule.From));
    }

    [Fact]
    public void The_attestation_is_valid_5_years_and_a_former_SIR_exam_counts_as_the_last_one()
    {
        var attested = Facts(new DateOnly(2020, 1, 6), [Risk.Caces], last: new() { [HeldVisitKind.Attestation] = new(2026, 2, 1), [HeldVisitKind.Vip] = new(2026, 2, 1) });
        Assert.Equal(new DateOnly(2031, 2, 1), Only(attested, new DateOnly(2026, 3, 1), DueVisitKind.Attestation).DueBy);
        // Examined in 2024 while CACES meant SIR: attestation due 5 years after, VIP 5 years after (SI).
        var former = Facts(new DateOnly(2020, 1, 6), [Risk.Caces], last: new() { [HeldVisitKind.AptitudeExam] = new(2024, 6, 1) });
        Assert.Equal(new DateOnly(2029, 6, 1), Only(former, new DateOnly(2025, 10, 1), DueVisitKind.Attestation).DueBy);
        Assert.Equal(new DateOnly(2029, 6, 1), Only(former, new DateOnly(2025, 10, 1), DueVisitKind.PeriodicVip).DueBy);
        // The day before, the same worker was SIR: renewal 4 years after the exam, intermediate visit at 2.
        Assert.Equal(new DateOnly(2026, 6, 1), Only(former, new DateOnly(2025, 9, 30), DueVisitKind.IntermediateVisit).DueBy);
    }

    [Theory]
    [InlineData(AbsenceNature.Maternity, 1, true)]
    [InlineData(AbsenceNature.OccupationalDisease, 1, true)]
    [InlineData(AbsenceNature.WorkAccident, 29, false)]
    [InlineData(AbsenceNature.WorkAccident, 30, true)]
    [InlineData(AbsenceNature.IllnessOrAccident, 59, false)]
    [InlineData(AbsenceNature.IllnessOrAccident, 60, true)]
    public void Return_to_work_after_the_absences_the_code_lists(AbsenceNature nature, int days, bool due)
    {
        var back = new DateOnly(2026, 5, 4);
        var facts = Facts(new DateOnly(2020, 1, 6), last: new() { [HeldVisitKind.Vip] = new(2025, 1, 1) },
            absences: [new Absence(nature, back.AddDays(-days), back)]);
        var visit = DueVisitRules.For(facts, back).SingleOrDefault(d => d.Kind == DueVisitKind.ReturnToWork);
        Assert.Equal(due, visit is not null);
        if (visit is null) return;
        Assert.Equal((back, new DateOnly(2026, 5, 12), VisitType.ReturnToWork), (visit.DueFrom, visit.DueBy, visit.Type));
        // Held on the day of return: settled.
        None(facts with { LastVisits = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.Vip] = new(2025, 1, 1), [HeldVisitKind.ReturnToWork] = back } }, back, DueVisitKind.ReturnToWork);
    }

    [Fact]
    public void Before_31_March_2022_an_illness_of_30_days_called_for_a_return_visit()
    {
        var before = new DateOnly(2022, 3, 30);
        Assert.True(DueVisitRules.CallsForReturnVisit(new Absence(AbsenceNature.IllnessOrAccident, before.AddDays(-30), before)));
        var after = new DateOnly(2022, 3, 31);
        Assert.False(DueVisitRules.CallsForReturnVisit(new Absence(AbsenceNature.IllnessOrAccident, after.AddDays(-30), after)));
    }

    [Fact]
    public void Nothing_is_due_after_the_exit_and_the_next_visit_is_the_soonest_deadline()
    {
        var facts = Facts(new DateOnly(2026, 1, 5), [Risk.NightWork], end: new DateOnly(2026, 3, 31));
        Assert.NotEmpty(DueVisitRules.For(facts, new DateOnly(2026, 3, 31)));
        Assert.Empty(DueVisitRules.For(facts, new DateOnly(2026, 4, 1)));
        var next = DueVisitRules.Next(Facts(new DateOnly(2026, 1, 5), birth: new DateOnly(1981, 1, 1)), new DateOnly(2026, 1, 5))!;
        Assert.Equal((DueVisitKind.InitialVip, new DateOnly(2026, 4, 5)), (next.Kind, next.DueBy));
    }
}
