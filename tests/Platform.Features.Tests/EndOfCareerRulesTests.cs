using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.Tests;

/// <summary>
/// The end-of-career and post-exposure visits (SPEC.md 4.2, R4624-28-1 as of décret 2022-372) at their boundary
/// dates, and the key the nightly refresh stores due visits under: no two rules give one employee the same kind
/// and deadline.
/// </summary>
public sealed class EndOfCareerRulesTests
{
    private static readonly DateOnly Born1962 = new(1962, 4, 10);

    private static FollowUpFacts Facts(Risk[] risks, DateOnly? retirement = null, DateOnly? exposureEnded = null,
        Dictionary<HeldVisitKind, DateOnly>? last = null, DateOnly? end = null) =>
        new(Born1962, new DateOnly(2010, 1, 4), end, false, risks, LastVisits: last, RetirementDate: retirement, ExposureEndedOn: exposureEnded);

    private static Dictionary<HeldVisitKind, DateOnly> Exam(DateOnly on) => new() { [HeldVisitKind.AptitudeExam] = on };

    [Fact]
    public void End_of_career_for_a_SIR_worker_from_6_months_before_retirement_until_the_retirement_date()
    {
        var retirement = new DateOnly(2027, 6, 30);
        var facts = Facts([Risk.Asbestos], retirement, last: Exam(new DateOnly(2025, 5, 1)));
        var due = Assert.Single(DueVisitRules.For(facts, new DateOnly(2026, 12, 1)), d => d.Kind == DueVisitKind.EndOfCareer);
        Assert.Equal((new DateOnly(2026, 12, 30), retirement, VisitType.EndOfCareer, "FIN_DE_CARRIERE"), (due.DueFrom, due.DueBy, due.Type, due.Rule.Code));
        Assert.False(due.IsDueOn(new DateOnly(2026, 12, 29)));
        Assert.True(due.IsDueOn(new DateOnly(2026, 12, 30)));
        Assert.False(due.IsOverdueOn(retirement));
        Assert.True(due.IsOverdueOn(retirement.AddDays(1)));
        Assert.Equal(HeldVisitKind.EndOfCareer, DueVisitRules.SettledBy(due.Kind));
    }

    [Fact]
    public void End_of_career_also_for_a_worker_who_was_SIR_and_never_for_one_who_never_was()
    {
        var retirement = new DateOnly(2027, 6, 30);
        var on = new DateOnly(2027, 1, 15);
        // A crane driver now on an SI workstation, with an aptitude exam in his history: he was SIR.
        Assert.Contains(DueVisitRules.For(Facts([], retirement, last: Exam(new DateOnly(2019, 3, 1))), on), d => d.Kind == DueVisitKind.EndOfCareer);
        // Night work is SIA, never SIR; no exam in the history.
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.NightWork], retirement, last: new() { [HeldVisitKind.Vip] = new DateOnly(2025, 1, 1) }), on),
            d => d.Kind == DueVisitKind.EndOfCareer);
        // Unknown retirement date: nothing to date the visit by.
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.Asbestos], last: Exam(new DateOnly(2025, 5, 1))), on), d => d.Kind == DueVisitKind.EndOfCareer);
        // Leaving the company before retiring: the visit is not this employer's.
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.Asbestos], retirement, last: Exam(new DateOnly(2025, 5, 1)), end: new DateOnly(2027, 3, 31)), on),
            d => d.Kind == DueVisitKind.EndOfCareer);
    }

    [Fact]
    public void End_of_career_applies_to_retirements_from_31_March_2022()
    {
        var exam = Exam(new DateOnly(2020, 5, 1));
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.Lead], new DateOnly(2022, 3, 30), last: exam), new DateOnly(2022, 1, 10)), d => d.Kind == DueVisitKind.EndOfCareer);
        Assert.Contains(DueVisitRules.For(Facts([Risk.Lead], new DateOnly(2022, 3, 31), last: exam), new DateOnly(2022, 1, 10)), d => d.Kind == DueVisitKind.EndOfCareer);
    }

    [Fact]
    public void An_end_of_career_visit_held_in_the_year_before_retirement_settles_it()
    {
        var retirement = new DateOnly(2027, 6, 30);
        var on = new DateOnly(2027, 2, 1);
        var heldInTime = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.AptitudeExam] = new(2025, 5, 1), [HeldVisitKind.EndOfCareer] = new(2026, 6, 30) };
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.Asbestos], retirement, last: heldInTime), on), d => d.Kind == DueVisitKind.EndOfCareer);
        var tooEarly = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.AptitudeExam] = new(2025, 5, 1), [HeldVisitKind.EndOfCareer] = new(2026, 6, 29) };
        Assert.Contains(DueVisitRules.For(Facts([Risk.Asbestos], retirement, last: tooEarly), on), d => d.Kind == DueVisitKind.EndOfCareer);
    }

    [Fact]
    public void Post_exposure_from_the_day_after_the_exposure_ended_overdue_a_month_later()
    {
        var ended = new DateOnly(2026, 4, 30);
        var facts = Facts([], exposureEnded: ended, last: Exam(new DateOnly(2024, 9, 1)));
        var due = Assert.Single(DueVisitRules.For(facts, new DateOnly(2026, 5, 1)), d => d.Kind == DueVisitKind.PostExposure);
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30), VisitType.PostExposure, "POST_EXPOSITION"), (due.DueFrom, due.DueBy, due.Type, due.Rule.Code));
        Assert.False(due.IsDueOn(ended));
        Assert.False(due.IsOverdueOn(new DateOnly(2026, 5, 30)));
        Assert.True(due.IsOverdueOn(new DateOnly(2026, 5, 31)));
        // Held after the exposure ended: settled. Held before (a visit during the exposure): not.
        Assert.DoesNotContain(DueVisitRules.For(Facts([], exposureEnded: ended, last: new() { [HeldVisitKind.AptitudeExam] = new(2024, 9, 1), [HeldVisitKind.PostExposure] = new(2026, 5, 12) }),
            new DateOnly(2026, 6, 1)), d => d.Kind == DueVisitKind.PostExposure);
        Assert.Contains(DueVisitRules.For(Facts([], exposureEnded: ended, last: new() { [HeldVisitKind.AptitudeExam] = new(2024, 9, 1), [HeldVisitKind.PostExposure] = new(2026, 4, 29) }),
            new DateOnly(2026, 6, 1)), d => d.Kind == DueVisitKind.PostExposure);
    }

    [Fact]
    public void No_post_exposure_visit_while_still_exposed_before_31_March_2022_or_when_retirement_ends_the_exposure()
    {
        var exam = Exam(new DateOnly(2021, 1, 10));
        // Still on an SIR workstation (another particular risk): the exposure goes on.
        Assert.DoesNotContain(DueVisitRules.For(Facts([Risk.Cmr], exposureEnded: new DateOnly(2026, 4, 30), last: exam), new DateOnly(2026, 5, 2)), d => d.Kind == DueVisitKind.PostExposure);
        // The rule came with décret 2022-372.
        Assert.DoesNotContain(DueVisitRules.For(Facts([], exposureEnded: new DateOnly(2022, 3, 30), last: exam), new DateOnly(2022, 4, 2)), d => d.Kind == DueVisitKind.PostExposure);
        Assert.Contains(DueVisitRules.For(Facts([], exposureEnded: new DateOnly(2022, 3, 31), last: exam), new DateOnly(2022, 4, 2)), d => d.Kind == DueVisitKind.PostExposure);
        // Exposed until retiring: the end-of-career visit alone, not a second one for the same departure.
        var due = DueVisitRules.For(Facts([], new DateOnly(2027, 6, 30), new DateOnly(2027, 6, 29), exam), new DateOnly(2027, 6, 1));
        Assert.Contains(due, d => d.Kind == DueVisitKind.EndOfCareer);
        Assert.DoesNotContain(due, d => d.Kind == DueVisitKind.PostExposure);
    }

    /// <summary>
    /// The refresh stores a due visit under (employee, kind, deadline), a unique index: whatever the facts, the rules
    /// must never list two visits of one kind (and so never the same kind and deadline) for one employee.
    /// </summary>
    [Fact]
    public void No_two_rules_give_one_employee_the_same_kind_and_deadline()
    {
        Risk[][] workstations =
        [
            [], [Risk.NightWork], [Risk.Asbestos], [Risk.IonisingRadiation], [Risk.Caces], [Risk.ElectricalClearance, Risk.Lead],
            [Risk.Caces, Risk.NightWork, Risk.BiologicalGroup2], [Risk.ManualLoadsOver55Kg, Risk.ElectromagneticFields],
        ];
        DateOnly?[] days = [null, new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 1), new DateOnly(2026, 6, 30)];
        var checkedCases = 0;
        foreach (var risks in workstations)
        foreach (var birth in new[] { new DateOnly(1962, 4, 10), new DateOnly(1981, 2, 1), new DateOnly(2009, 1, 1) })
        foreach (var held in days)
        foreach (var retirement in new DateOnly?[] { null, new DateOnly(2026, 12, 31) })
        foreach (var exposureEnded in new DateOnly?[] { null, new DateOnly(2026, 5, 31) })
        foreach (var on in new[] { new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 1), new DateOnly(2026, 7, 1) })
        {
            var last = held is { } h ? Enum.GetValues<HeldVisitKind>().Where(k => k != HeldVisitKind.MidCareer).ToDictionary(k => k, _ => h) : null;
            var facts = new FollowUpFacts(birth, new DateOnly(2020, 1, 6), null, birth.Year > 2000, risks, risks.Contains(Risk.IonisingRadiation) ? "A" : null,
                null, [WorkerSituation.DisabledWorker], last,
                [new Absence(AbsenceNature.WorkAccident, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 15)), new Absence(AbsenceNature.Maternity, new DateOnly(2025, 3, 1), new DateOnly(2025, 7, 1))],
                retirement, exposureEnded);
            var due = DueVisitRules.For(facts, on);
            Assert.Equal(due.Count, due.Select(d => (d.Kind, d.DueBy)).Distinct().Count());
            Assert.Equal(due.Count, due.Select(d => d.Kind).Distinct().Count());
            checkedCases++;
        }
        Assert.True(checkedCases > 1000);
    }
}
