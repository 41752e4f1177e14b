using System.Text.Json.Nodes;
using Platform.Tenancy.Rules;

namespace Platform.Tenancy.Tests;

/// <summary>A malformed or inconsistent file stops the host with a message naming the file and the field.</summary>
public sealed class TenantFileValidationTests : IDisposable
{
    private readonly TenantFiles files = new();

    public void Dispose() => files.Dispose();

    private string SingleProblem()
    {
        var problems = files.Problems();
        Assert.NotEmpty(problems);
        return Assert.Single(problems);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_line()
    {
        files.Write("sstrn", "{\n  \"slug\": \"sstrn\",\n  \"name\": \n}");
        var problem = SingleProblem();
        Assert.StartsWith("sstrn.json : ligne", problem);
        Assert.Contains("JSON mal formé", problem);
    }

    [Fact]
    public void Unknown_field_is_an_error_not_a_default()
    {
        files.Edit("sst68", j => j["theme"]!["primaryColour"] = "#000000");
        var problem = SingleProblem();
        Assert.StartsWith("sst68.json : $.theme", problem);
        Assert.Contains("champ inconnu", problem);
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        files.Edit("sist-on", j => j.AsObject().Remove("holidayCalendar"));
        var problem = SingleProblem();
        Assert.StartsWith("sist-on.json", problem);
        Assert.Contains("holidayCalendar", problem);
    }

    [Fact]
    public void Unknown_enum_value_is_named()
    {
        files.Edit("sstrn", j => j["billing"]!["cycle"] = "Weekly");
        Assert.StartsWith("sstrn.json : $.billing.cycle", SingleProblem());
    }

    [Theory]
    [InlineData("theme.primaryColor", "\"blue\"", "$.theme.primaryColor")]
    [InlineData("theme.contact.email", "\"pas-une-adresse\"", "$.theme.contact.email")]
    [InlineData("theme.logo", "\"../../etc/passwd\"", "$.theme.logo")]
    [InlineData("theme.logo", "\"absent.svg\"", "$.theme.logo")]
    [InlineData("cancellation.workingDays", "3", "$.cancellation")]
    [InlineData("billing.instalments", "0", "$.billing.instalments")]
    [InlineData("payment.methods", "[]", "$.payment.methods")]
    [InlineData("payment.sepaPreNotificationDays", "null", "$.payment.sepaPreNotificationDays")]
    [InlineData("login.lockout.lockMinutes", "null", "$.login.lockout.lockMinutes")]
    [InlineData("declaration.closesMonth", "13", "$.declaration.closesMonth")]
    [InlineData("declaration.steps", "[\"Staff\", \"Employees\", \"Signature\"]", "$.declaration.steps")]
    [InlineData("declaration.steps", "[\"Employees\", \"Estimate\", \"Signature\", \"Staff\"]", "$.declaration.steps")]
    [InlineData("declaration.steps", "[\"Employees\", \"Employees\", \"Estimate\", \"Signature\"]", "$.declaration.steps")]
    [InlineData("slug", "\"autre\"", "$.slug")]
    [InlineData("hosts", "[\"Not A Host\"]", "$.hosts[0]")]
    public void Inconsistent_values_are_refused_with_their_field(string path, string value, string field)
    {
        files.Edit("sstrn", j =>
        {
            var segments = path.Split('.');
            var parent = segments[..^1].Aggregate((JsonNode)j, (node, s) => node[s]!);
            parent[segments[^1]] = JsonNode.Parse(value);
        });
        var problems = files.Problems();
        Assert.Contains(problems, p => p.StartsWith($"sstrn.json : {field} :", StringComparison.Ordinal));
    }

    [Fact]
    public void Demarches_need_people_who_create_their_own_account_and_management_needs_access_requests()
    {
        files.Edit("sst68", j => j["demarches"]!["synchronize"] = true);
        Assert.Contains(files.Problems(), p => p.StartsWith("sst68.json : $.demarches :", StringComparison.Ordinal));
        files.Edit("sst68", j => j["demarches"]!["synchronize"] = false);
        files.Edit("sstrn", j => j["users"]!["subUsers"] = "EmployerInvitation");
        Assert.Contains(files.Problems(), p => p.StartsWith("sstrn.json : $.demarches.manage :", StringComparison.Ordinal));
    }

    [Fact]
    public void An_email_code_tenant_cannot_have_a_password_rule()
    {
        files.Edit("sist-on", j => j["login"]!["passwordRule"] = new JsonObject { ["minLength"] = 8 });
        Assert.Contains(files.Problems(), p => p.StartsWith("sist-on.json : $.login.passwordRule"));
    }

    [Fact]
    public void A_tenant_password_rule_may_only_be_stricter_than_the_platform_minimum()
    {
        files.Edit("sstrn", j => j["login"]!["passwordRule"]!["requireSpecial"] = false);
        var problem = SingleProblem();
        Assert.StartsWith("sstrn.json : $.login.passwordRule", problem);
        Assert.Contains("plus stricte que le minimum de la plateforme", problem);
    }

    [Fact]
    public void A_password_tenant_needs_a_password_rule()
    {
        files.Edit("sst68", j => j["login"]!.AsObject().Remove("passwordRule"));
        Assert.Contains(files.Problems(), p => p.StartsWith("sst68.json : $.login.passwordRule"));
    }

    [Fact]
    public void A_rate_outside_the_national_range_needs_the_general_assembly_approval()
    {
        files.Edit("sstbtp-bfc", j => j["rates"]![1]!["perEmployee"] = 140.00);
        var problem = SingleProblem();
        Assert.StartsWith("sstbtp-bfc.json : $.rates[1].perEmployee", problem);
        Assert.Contains("92.80", problem.Replace(',', '.'));

        files.Edit("sstbtp-bfc", j => j["rates"]![1]!["approvedOutsideNationalRange"] = true);
        Assert.Empty(files.Problems());
    }

    [Fact]
    public void Every_broken_file_is_reported_at_once()
    {
        files.Edit("sstrn", j => j["theme"]!["primaryColor"] = "x");
        files.Edit("sst68", j => j["theme"]!["secondaryColor"] = "y");
        var problems = files.Problems();
        Assert.Contains(problems, p => p.StartsWith("sstrn.json"));
        Assert.Contains(problems, p => p.StartsWith("sst68.json"));
    }

    [Fact]
    public void Two_tenants_cannot_share_a_host()
    {
        files.Edit("sstrn", j => j["hosts"] = new JsonArray("portail.example.fr"));
        files.Edit("sst68", j => j["hosts"] = new JsonArray("portail.example.fr"));
        Assert.Contains("portail.example.fr", SingleProblem());
    }

    [Fact]
    public void An_empty_folder_is_an_error()
    {
        foreach (var file in Directory.GetFiles(files.Options.ConfigDirectory)) File.Delete(file);
        Assert.Contains("aucun fichier", SingleProblem());
    }
}

public sealed class NationalAverageCostTests
{
    [Theory]
    [InlineData(2025, 92.40, 138.60)]
    [InlineData(2026, 92.80, 139.20)]
    [InlineData(2027, 92.80, 139.20)] // until the next figure is published, the latest one applies
    public void Range_is_80_to_120_percent_of_the_year_average(int year, double min, double max) =>
        Assert.Equal(((decimal)min, (decimal)max), NationalAverageCost.RangeFor(year)!.Value);

    [Fact]
    public void Bounds_are_inside_the_range()
    {
        Assert.True(NationalAverageCost.IsWithinRange(2026, 92.80m));
        Assert.True(NationalAverageCost.IsWithinRange(2026, 139.20m));
        Assert.False(NationalAverageCost.IsWithinRange(2026, 139.21m));
        Assert.False(NationalAverageCost.IsWithinRange(2025, 92.39m));
    }
}
