using Platform.Tenancy.Rules;

namespace Platform.Tenancy.Tests;

/// <summary>The four reviewed files encode SPEC.md's rule matrix.</summary>
public sealed class ShippedTenantsTests
{
    private static readonly TenantCatalog Catalog = TenantCatalog.Load(TenantFiles.ShippedOptions());
    private static TenantRules Rules(string slug) => Catalog.FindBySlug(slug)!.FileRules;

    [Fact]
    public void The_four_seed_tenants_load() =>
        Assert.Equal(["sist-on", "sst68", "sstbtp-bfc", "sstrn"], Catalog.All.Select(t => t.Slug).Order());

    [Fact]
    public void Sst68_member_number_blocked_until_staff_unlock_alsace_calendar_january_lock()
    {
        var r = Rules("sst68");
        Assert.Equal(LoginIdentifier.MemberNumber, r.Login.Identifier);
        Assert.Equal(LockoutMode.UntilUnlockedByStaff, r.Login.Lockout.Mode);
        Assert.Contains("03 89 36 30 15", r.Login.Lockout.Message);
        Assert.Equal(HolidayCalendar.AlsaceMoselle, r.HolidayCalendar);
        Assert.Equal(1.5m, r.Payment.SepaDiscountPercent);
        Assert.Equal(3, r.Billing.Instalments);
        Assert.Equal(StaffValidation.AllChanges, r.EmployerChanges.NeedStaffValidation);
        Assert.True(r.EmployerChanges.TakesEffectNextDay);
        Assert.Equal(1, r.EmployerChanges.EmployeeSectionLock!.Month);
        Assert.Equal((1, 1), (r.Declaration.OpensMonth, r.Declaration.ClosesMonth));
        Assert.False(r.Users.SelfRegistration);
    }

    [Fact]
    public void Sstrn_email_three_failures_five_minutes_sepa_two_days()
    {
        var r = Rules("sstrn");
        Assert.Equal(LoginIdentifier.Email, r.Login.Identifier);
        Assert.Equal(new PasswordRule { MinLength = 8, RequireUpper = true, RequireLower = true, RequireDigit = true, RequireSpecial = true }, r.Login.PasswordRule);
        Assert.Equal((LockoutMode.Temporary, 3, 5), (r.Login.Lockout.Mode, r.Login.Lockout.MaxFailures, r.Login.Lockout.LockMinutes));
        Assert.Equal(2, r.Payment.SepaPreNotificationDays);
        Assert.Equal(PaymentMethod.Transfer, r.Payment.BeforeMandateMethod);
        Assert.True(r.Billing.TempAgencyPerVisit);
        Assert.Equal(7, r.Declaration.EditableDaysAfterSubmission);
        Assert.Equal((1, 2), (r.Declaration.OpensMonth, r.Declaration.ClosesMonth));
        Assert.True(r.Declaration.NotDueInJoiningYear);
        Assert.Equal(StaffValidation.NewEmployees, r.EmployerChanges.NeedStaffValidation);
        Assert.Equal(SubUserModel.AccessRequest, r.Users.SubUsers);
        Assert.True(r.OnlineMembership);
        Assert.True(r.Users.SelfRegistration);
        Assert.Equal(new DemarcheRules { Synchronize = true, Manage = true, ChangeAdministrator = true, Takeover = true, Merger = true }, r.Demarches);
    }

    [Theory]
    [InlineData("sst68")]
    [InlineData("sist-on")]
    [InlineData("sstbtp-bfc")]
    public void Only_sstrn_offers_the_demarches(string slug) => Assert.False(Rules(slug).Demarches.Any);

    [Fact]
    public void Sist_on_signs_in_with_emailed_codes_and_has_no_password_rule()
    {
        var r = Rules("sist-on");
        Assert.Equal(LoginProof.EmailCode, r.Login.Proof);
        Assert.Null(r.Login.PasswordRule);
        Assert.Equal(new EmailCodeRule { Digits = 6, ValidityMinutes = 10, MaxWrongTries = 5, ResendAfterSeconds = 60 }, r.Login.EmailCode);
        Assert.Equal(BillingCycle.Monthly, r.Billing.Cycle);
        Assert.Equal(DeclarationWindow.AnyTime, r.Declaration.Window);
        Assert.Equal(StaffValidation.None, r.EmployerChanges.NeedStaffValidation);
        Assert.Equal(SubUserModel.EmployerInvitation, r.Users.SubUsers);
    }

    [Fact]
    public void Sstbtp_bfc_rates_campaigns_proxy_login_and_working_day_notice()
    {
        var r = Rules("sstbtp-bfc");
        var rate = r.RatesFor(2026)!;
        Assert.Equal((138.00m, 51.00m, 20m), (rate.PerEmployee, rate.ApprenticeVisit!.Value, rate.VatPercent));
        Assert.Equal(3, r.Cancellation.WorkingDays);
        Assert.Null(r.Cancellation.Hours);
        // Seed 003: « demander une annulation » — a request staff confirm.
        Assert.Equal(CancellationChannel.Request, r.Cancellation.AppointmentChannel);
        Assert.True(r.Login.ProxyLogin);
        Assert.Equal(6, r.Login.ConnectionHistorySize);
        Assert.Equal((LockoutMode.Temporary, 5, 15), (r.Login.Lockout.Mode, r.Login.Lockout.MaxFailures, r.Login.Lockout.LockMinutes));
        Assert.Equal(BillingCycle.Quarterly, r.Billing.Cycle);
        Assert.True(r.Payment.ChosenAtDeclaration);
        var campaign = r.Declaration.Campaigns.Single(c => c.Year == 2023);
        Assert.Equal((new DateOnly(2023, 11, 7), new DateOnly(2024, 1, 7), new DateOnly(2023, 11, 30)), (campaign.OpensOn, campaign.ClosesOn, campaign.DueOn));
        Assert.True(r.EmployerChanges.EmployeesVisibleAfterDeclaration);
        // Seed 003's wizard: administrative information and follow-up determinants before the list check.
        Assert.Equal([DeclarationStep.Staff, DeclarationStep.Administrative, DeclarationStep.Determinants, DeclarationStep.Employees, DeclarationStep.Estimate, DeclarationStep.Signature],
            r.Declaration.Steps);
        Assert.Equal(DeclarationRules.DefaultSteps, Rules("sstrn").Declaration.Steps);
    }

    [Fact]
    public void Rates_in_force_are_the_latest_year_not_after_the_one_asked()
    {
        var r = Rules("sst68");
        Assert.Equal(114.00m, r.RatesFor(2027)!.PerEmployee);
        Assert.Equal(112.00m, r.RatesFor(2025)!.PerEmployee);
        Assert.Null(r.RatesFor(2020));
    }

    [Theory]
    [InlineData("sstrn.localhost", "sstrn")]
    [InlineData("SSTRN.LOCALHOST", "sstrn")]
    [InlineData("sist-on.sante-travail.example", "sist-on")]
    [InlineData("sst68.localhost.", "sst68")]
    [InlineData("unknown.localhost", null)]
    [InlineData("localhost", null)]
    [InlineData("sante-travail.example", null)]
    [InlineData("sstrn.sante-travail.example.evil.com", null)]
    public void Hosts_resolve_to_their_tenant_and_nothing_else(string host, string? slug)
    {
        var catalog = TenantCatalog.Load(TenantFiles.ShippedOptions("sante-travail.example"));
        Assert.Equal(slug, catalog.FindByHost(host)?.Slug);
    }

    [Fact]
    public void Localhost_names_only_when_allowed()
    {
        var production = TenantCatalog.Load(TenantFiles.ShippedOptions("sante-travail.example", localhost: false));
        Assert.Null(production.FindByHost("sstrn.localhost"));
        Assert.Equal("sstrn", production.FindByHost("sstrn.sante-travail.example")?.Slug);
    }
}
