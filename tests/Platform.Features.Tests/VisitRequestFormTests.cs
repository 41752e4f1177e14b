using Platform.Features.Regulation;
using Platform.Features.Documents;
using Platform.Features.Visits;

namespace Platform.Features.Tests;

/// <summary>The checks of each visit type's fields at their boundaries (SPEC.md 3.5 and 4.2).</summary>
public sealed class VisitRequestFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static IReadOnlyList<string> Codes(VisitType type, VisitRequestDetails details, string[]? situations = null, DocumentNature[]? attached = null) =>
        VisitRequestForm.Check(type, situations ?? [], details, attached ?? [], Today).Select(e => $"{e.Code}:{e.Field}").ToList();

    [Theory]
    [InlineData(AbsenceNature.WorkAccident, 29, "ABSENCE_TOO_SHORT:absenceEnd")]
    [InlineData(AbsenceNature.WorkAccident, 30, null)]
    [InlineData(AbsenceNature.IllnessOrAccident, 59, "ABSENCE_TOO_SHORT:absenceEnd")]
    [InlineData(AbsenceNature.IllnessOrAccident, 60, null)]
    [InlineData(AbsenceNature.OccupationalDisease, 1, null)]
    [InlineData(AbsenceNature.Maternity, 1, null)]
    public void A_return_to_work_follows_the_absence_s_minimum_length(AbsenceNature nature, int days, string? error)
    {
        var start = new DateOnly(2026, 9, 1);
        var codes = Codes(VisitType.ReturnToWork, new(AbsenceNature: nature, AbsenceStart: start, AbsenceEnd: start.AddDays(days - 1)));
        Assert.Equal(error is null ? [] : [error], codes);
    }

    [Fact]
    public void A_retirement_today_is_accepted_and_yesterday_is_refused()
    {
        Assert.Empty(Codes(VisitType.EndOfCareer, new(RetirementDate: Today, ExposureRisk: "Amiante")));
        Assert.Equal(["DATE_IN_PAST:retirementDate"], Codes(VisitType.EndOfCareer, new(RetirementDate: Today.AddDays(-1), ExposureRisk: "Amiante")));
    }

    [Fact]
    public void The_waiver_counts_only_a_follow_up_certificate()
    {
        Assert.Equal(["CERTIFICATE_REQUIRED:documentIds"], Codes(VisitType.Hiring, new(HiringWaiver: true), attached: [DocumentNature.MedicalOpinion, DocumentNature.Planning]));
        Assert.Empty(Codes(VisitType.Hiring, new(HiringWaiver: true), attached: [DocumentNature.Planning, DocumentNature.FollowUpCertificate]));
    }

    [Fact]
    public void An_occasional_visit_asked_by_the_employee_needs_nothing_more_and_refuses_the_others_fields()
    {
        Assert.Empty(Codes(VisitType.Occasional, new(OccasionalRequester: OccasionalRequester.Employee)));
        Assert.Equal(["NOT_FOR_THIS_TYPE:reasonComment", "NOT_FOR_THIS_TYPE:lastOpinionDeadline"],
            Codes(VisitType.Occasional, new(OccasionalRequester: OccasionalRequester.Employee, ReasonComment: "x", LastOpinionDeadline: Today)));
    }
}
