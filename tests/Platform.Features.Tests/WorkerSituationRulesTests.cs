using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.Tests;

/// <summary>
/// The worker's own situations (SPEC.md 4.1, 4.2; R4624-17 to R4624-20) at their boundaries: adapted follow-up every
/// 3 years instead of 5, the doctor for disabled workers, invalidity pension holders and pregnant or breastfeeding
/// women, before assignment for night workers and minors; and the flags the employee stores.
/// </summary>
public sealed class WorkerSituationRulesTests
{
    private static readonly DateOnly Start = new(2020, 1, 6);
    private static readonly Dictionary<HeldVisitKind, DateOnly> LastVip = new() { [HeldVisitKind.Vip] = new(2023, 5, 10) };

    private static FollowUpFacts Facts(WorkerSituation[] situations, DateOnly? start = null, Dictionary<HeldVisitKind, DateOnly>? last = null,
        Risk[]? risks = null, DateOnly? birth = null) =>
        new(birth ?? new DateOnly(1990, 6, 15), start ?? Start, null, false, risks ?? [], null, null, situations, last);

    private static DueVisit Next(FollowUpFacts facts, DateOnly on) => Assert.Single(DueVisitRules.For(facts, on), d => d.Kind is DueVisitKind.PeriodicVip or DueVisitKind.InitialVip);

    [Theory]
    [InlineData(WorkerSituation.DisabledWorker, "VIP_PERIODIQUE_SIA_MEDECIN", VisitProfessional.Doctor)]
    [InlineData(WorkerSituation.InvalidityPension, "VIP_PERIODIQUE_SIA_MEDECIN", VisitProfessional.Doctor)]
    [InlineData(WorkerSituation.PregnantOrBreastfeeding, "VIP_PERIODIQUE_SIA_MEDECIN", VisitProfessional.Doctor)]
    [InlineData(WorkerSituation.NightWorker, "VIP_PERIODIQUE_SIA", VisitProfessional.HealthProfessional)]
    public void A_declared_situation_brings_the_periodic_visit_to_3_years_and_says_who_holds_it(WorkerSituation situation, string rule, VisitProfessional seenBy)
    {
        var on = new DateOnly(2026, 1, 1);
        var plain = Next(Facts([], last: LastVip), on);
        Assert.Equal((new DateOnly(2028, 5, 10), "VIP_PERIODIQUE_SI", VisitProfessional.HealthProfessional), (plain.DueBy, plain.Rule.Code, plain.SeenBy));

        var adapted = Next(Facts([situation], last: LastVip), on);
        Assert.Equal((new DateOnly(2026, 5, 10), rule, seenBy, VisitType.Periodic), (adapted.DueBy, adapted.Rule.Code, adapted.SeenBy, adapted.Type));
        // Convened from 3 months before the deadline, not a day earlier; overdue the day after it.
        Assert.False(adapted.IsDueOn(new DateOnly(2026, 2, 9)));
        Assert.True(adapted.IsDueOn(new DateOnly(2026, 2, 10)));
        Assert.False(adapted.IsOverdueOn(new DateOnly(2026, 5, 10)));
        Assert.True(adapted.IsOverdueOn(new DateOnly(2026, 5, 11)));
        Assert.Equal(FollowUpCategory.SIA, FollowUpRules.For([], on, [situation]));
    }

    [Fact]
    public void A_disabled_worker_hired_keeps_the_3_months_and_is_oriented_to_the_doctor()
    {
        var start = new DateOnly(2026, 1, 31);
        var hired = Next(Facts([WorkerSituation.DisabledWorker], start), start);
        Assert.Equal((new DateOnly(2026, 4, 30), "VIP_INITIALE_MEDECIN", VisitProfessional.Doctor, VisitType.Hiring), (hired.DueBy, hired.Rule.Code, hired.SeenBy, hired.Type));
        Assert.Equal(VisitProfessional.HealthProfessional, Next(Facts([], start), start).SeenBy);
    }

    [Fact]
    public void A_night_worker_is_seen_before_assignment_even_on_a_workstation_without_night_work()
    {
        var start = new DateOnly(2026, 3, 2);
        var night = Next(Facts([WorkerSituation.NightWorker], start), new DateOnly(2026, 2, 1));
        Assert.Equal((start, "VIP_AVANT_AFFECTATION"), (night.DueBy, night.Rule.Code));
        Assert.Equal((new DateOnly(2026, 6, 2), "VIP_INITIALE"), (Next(Facts([], start), start).DueBy, Next(Facts([], start), start).Rule.Code));
    }

    [Fact]
    public void Under_18_is_adapted_follow_up_until_the_18th_birthday_from_the_birth_date_alone()
    {
        // Born 2 June 2008: 17 until 1 June 2026, 18 on 2 June 2026.
        var birth = new DateOnly(2008, 6, 2);
        var last = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.Vip] = new(2024, 9, 1) };
        var minor = Next(Facts([], new DateOnly(2024, 9, 1), last, birth: birth), new DateOnly(2026, 6, 1));
        Assert.Equal((new DateOnly(2027, 9, 1), "VIP_PERIODIQUE_SIA"), (minor.DueBy, minor.Rule.Code));
        var adult = Next(Facts([], new DateOnly(2024, 9, 1), last, birth: birth), new DateOnly(2026, 6, 2));
        Assert.Equal((new DateOnly(2029, 9, 1), "VIP_PERIODIQUE_SI"), (adult.DueBy, adult.Rule.Code));
    }

    [Fact]
    public void A_situation_does_not_lower_reinforced_follow_up()
    {
        var exam = new Dictionary<HeldVisitKind, DateOnly> { [HeldVisitKind.AptitudeExam] = new(2024, 3, 1) };
        var due = DueVisitRules.For(Facts([WorkerSituation.DisabledWorker], last: exam, risks: [Risk.Asbestos]), new DateOnly(2026, 1, 1));
        Assert.DoesNotContain(due, d => d.Kind == DueVisitKind.PeriodicVip);
        var renewal = Assert.Single(due, d => d.Kind == DueVisitKind.AptitudeExamRenewal);
        Assert.Equal((new DateOnly(2028, 3, 1), VisitProfessional.Doctor), (renewal.DueBy, renewal.SeenBy));
        Assert.Equal(VisitProfessional.HealthProfessional, Assert.Single(due, d => d.Kind == DueVisitKind.IntermediateVisit).SeenBy);
    }

    [Fact]
    public void The_stored_flags_round_trip_and_under_18_cannot_be_declared()
    {
        var declared = new[] { WorkerSituation.InvalidityPension, WorkerSituation.NightWorker };
        var flags = EmployeeSituationsExtensions.ToFlags(declared);
        Assert.Equal(EmployeeSituations.InvalidityPension | EmployeeSituations.NightWorker, flags);
        Assert.Equal(declared, flags!.Value.AsList());
        Assert.Equal(EmployeeSituations.None, EmployeeSituationsExtensions.ToFlags([]));
        Assert.Empty(EmployeeSituations.None.AsList());
        Assert.Null(EmployeeSituationsExtensions.ToFlags([WorkerSituation.DisabledWorker, WorkerSituation.UnderEighteen]));
    }
}
