using Platform.Features.Demo;
using Platform.Features.Regulation;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Companies;

/// <summary>Issue 14, point 9: an accepted radiation removes the company from its date; its users lose access, its history stays.</summary>
public sealed class RemovalTests(PlatformFactory factory) : PlatformTest<PlatformFactory>(factory)
{
    [Fact]
    public async Task An_accepted_radiation_ends_the_users_access_from_its_date_and_keeps_the_history()
    {
        Factory.Clock.Reset();
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var employer = await api.EmployerTokenAsync();
        var company = await api.CompanyIdAsync("101.1");
        var effective = Factory.Clock.Today().AddDays(10);
        var asked = await api.MutateAsync(employer, "requestSituationChange",
            "mutation($input: RequestSituationChangeInput!) { requestSituationChange(input: $input) { request { id } errors { code } } }",
            new { input = new { companyId = company, kind = "REMOVAL", reason = "Cessation d'activité", effectiveDate = effective.ToString("yyyy-MM-dd") } });
        Assert.Empty(DemoApi.ErrorCodes(asked));
        var staff = await api.StaffTokenAsync();
        var decided = await api.MutateAsync(staff, "decideSituationRequest", "mutation($id: ID!) { decideSituationRequest(input: { id: $id, accept: true }) { request { state } errors { code } } }",
            new { id = asked.GetProperty("request").GetProperty("id").GetString() });
        Assert.Equal("ACCEPTED", decided.GetProperty("request").GetProperty("state").GetString());

        // Until its date the company works as before.
        const string view = "query($id: ID!) { company(id: $id) { name } me { memberships { company { id } } } }";
        var before = await api.DataAsync(employer, view, new { id = company });
        Assert.Equal("Entreprise Démo SSTRN", before.GetProperty("company").GetProperty("name").GetString());

        Factory.Clock.Advance(TimeSpan.FromDays(10));
        try
        {
            employer = await api.EmployerTokenAsync();
            var after = await api.DataAsync(employer, view, new { id = company });
            Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("company").ValueKind);
            Assert.Empty(after.GetProperty("me").GetProperty("memberships").EnumerateArray());
            var denied = await Factory.GraphQLAsync(api.Host, "mutation($input: RequestSituationChangeInput!) { requestSituationChange(input: $input) { errors { code } } }",
                new { input = new { companyId = company, kind = "SUSPENSION", reason = "Essai", effectiveDate = Factory.Clock.Today().ToString("yyyy-MM-dd") } }, employer);
            Assert.True(denied.TryGetProperty("errors", out _));

            // The service still reads the company and its history.
            staff = await api.StaffTokenAsync();
            var history = (await api.DataAsync(staff, "query($id: ID!) { company(id: $id) { name situationRequests { kind state } } }", new { id = company })).GetProperty("company");
            Assert.Equal("Entreprise Démo SSTRN", history.GetProperty("name").GetString());
            Assert.Equal("ACCEPTED", history.GetProperty("situationRequests")[0].GetProperty("state").GetString());
        }
        finally { Factory.Clock.Reset(); }
    }
}
