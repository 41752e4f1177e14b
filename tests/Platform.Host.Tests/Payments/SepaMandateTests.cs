using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Features.Access;
using Platform.Features.Billing;
using Platform.Features.Demo;
using Platform.Features.Payments.Sepa;
using Platform.Features.Persistence;
using Platform.Host.Jobs;
using Platform.Host.Tests.Billing;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Payments;

/// <summary>
/// The SEPA mandate end to end (seeds 000/001/004): entered over GraphQL, signed with the code read at the real
/// SMTP server, shown with the IBAN's last 4 only, stored encrypted, its receipt PDF, sst68's discount, and the
/// daily round's pre-notification and debits on the test clock.
/// </summary>
public sealed class SepaMandateTests(EmailFactory factory) : PlatformTest<EmailFactory>(factory)
{
    // The member's account (the classic French example IBAN); sstrn's own account is another one.
    public const string Iban = "FR1420041010050500013M02606";
    private const string TypedIban = "fr14 2004 1010 0505 0001 3m02 606";

    public const string Start = """
        mutation($input: StartSepaMandateInput!) { startSepaMandate(input: $input) {
          mandate { reference ibanLast4 signedAt status holderName bic } errors { code message field } } }
        """;
    public const string Confirm = """
        mutation($input: ConfirmSepaMandateInput!) { confirmSepaMandate(input: $input) {
          mandate { reference ibanLast4 signedAt status receiptUrl } errors { code message field } } }
        """;
    private const string Revoke = """
        mutation($input: RevokeSepaMandateInput!) { revokeSepaMandate(input: $input) { mandate { status } errors { code message } } }
        """;
    private const string Mandate = "query($id: ID!) { company(id: $id) { sepaMandate { reference ibanLast4 signedAt status } } }";

    [Fact]
    public async Task A_mandate_is_signed_with_the_e_mailed_code_and_shows_only_the_last_4_of_the_iban()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        var token = await api.EmployerTokenAsync();

        // A mistyped IBAN is refused in French, nothing recorded.
        var wrong = await api.MutateAsync(token, "startSepaMandate", Start,
            new { input = new { companyId = company, holderName = "Entreprise Démo", iban = "FR14 2004 1010 0505 0001 3M02 607", acceptMandate = true } });
        Assert.Equal(["IBAN_CHECKSUM"], DemoApi.ErrorCodes(wrong));
        Assert.Contains("n'est pas valide", wrong.GetProperty("errors")[0].GetProperty("message").GetString());
        var notAccepted = await api.MutateAsync(token, "startSepaMandate", Start,
            new { input = new { companyId = company, holderName = "Entreprise Démo", iban = TypedIban, acceptMandate = false } });
        Assert.Equal(["MANDATE_NOT_ACCEPTED"], DemoApi.ErrorCodes(notAccepted));
        Assert.Equal(JsonValueKind.Null, (await api.DataAsync(token, Mandate, new { id = company })).GetProperty("company").GetProperty("sepaMandate").ValueKind);

        var started = await api.MutateAsync(token, "startSepaMandate", Start,
            new { input = new { companyId = company, holderName = "Entreprise Démo", iban = TypedIban, bic = "bnpa frpp", acceptMandate = true } });
        Assert.Empty(DemoApi.ErrorCodes(started));
        Assert.Equal("AWAITING_CODE", started.GetProperty("mandate").GetProperty("status").GetString());
        Assert.Equal("SSTRN-101.1-001", started.GetProperty("mandate").GetProperty("reference").GetString());
        Assert.Equal("2606", started.GetProperty("mandate").GetProperty("ibanLast4").GetString());
        Assert.Equal("BNPAFRPP", started.GetProperty("mandate").GetProperty("bic").GetString());

        var code = await CodeAsync("employer@sstrn.demo");
        var wrongCode = code == "000000" ? "111111" : "000000";
        var refused = await api.MutateAsync(token, "confirmSepaMandate", Confirm, new { input = new { companyId = company, code = wrongCode } });
        Assert.Equal(["CODE_INVALID"], DemoApi.ErrorCodes(refused));
        Assert.Contains("Il vous reste 4 essais", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("AWAITING_CODE", (await api.DataAsync(token, Mandate, new { id = company })).GetProperty("company").GetProperty("sepaMandate").GetProperty("status").GetString());
        Assert.False(await SepaActiveAsync(company));

        var signed = await api.MutateAsync(token, "confirmSepaMandate", Confirm, new { input = new { companyId = company, code } });
        Assert.Empty(DemoApi.ErrorCodes(signed));

        var raw = (await Factory.GraphQLAsync(api.Host, Mandate, new { id = company }, token)).GetRawText();
        var mandate = JsonDocument.Parse(raw).RootElement.GetProperty("data").GetProperty("company").GetProperty("sepaMandate");
        Assert.Equal("ACTIVE", mandate.GetProperty("status").GetString());
        Assert.Equal("2606", mandate.GetProperty("ibanLast4").GetString());
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime, mandate.GetProperty("signedAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("20041010050500013M026", raw);
        Assert.True(await SepaActiveAsync(company));

        // The database holds the IBAN encrypted only: no column, audit line or e-mail has it in clear; the key gives it back.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var row = await db.SepaMandates.SingleAsync(m => m.CompanyId == company);
            var texts = new List<string?> { row.ProtectedIban, row.IbanLast4, row.HolderName, row.Reference, row.Bic };
            texts.AddRange(await db.AuditEntries.Select(a => a.Details).ToListAsync());
            texts.AddRange(await db.OutboxEmails.Select(e => e.TextBody + e.HtmlBody + e.Subject).ToListAsync());
            foreach (var stored in texts.Where(t => t is not null))
            {
                Assert.DoesNotContain(Iban, stored!);
                Assert.DoesNotContain("2004 1010 0505", stored!);
            }
            Assert.Equal(Iban, scope.ServiceProvider.GetRequiredService<SepaIbanProtection>().Reveal("sstrn", row.ProtectedIban));
        }

        // The receipt: downloadable, and e-mailed to the signer as an attachment.
        using var http = Factory.ClientFor(api.Host);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(signed.GetProperty("mandate").GetProperty("receiptUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Mandat de prélèvement SEPA", text);
        Assert.Contains("FR25ZZZ445566", text);          // sstrn's creditor identifier, from its tenant file
        Assert.Contains("SSTRN-101.1-001", text);
        Assert.Contains("2606", text);
        Assert.Contains("Entreprise Démo", text);
        Assert.Contains("23/11/2026", text);
        Assert.Contains("code à usage unique", text);
        Assert.DoesNotContain("20041010050500013M026", text.Replace(" ", ""));

        var receiptMail = await WaitForSubjectAsync("employer@sstrn.demo", "Votre mandat SEPA SSTRN-101.1-001 est signé");
        var attachment = Assert.Single(receiptMail.Attachments.OfType<MimePart>());
        Assert.Equal("mandat-sepa-SSTRN-101.1-001.pdf", attachment.FileName);
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        Assert.Contains("SSTRN-101.1-001", PdfText(pdf.ToArray()));
        Assert.Contains("2 jours avant chaque prélèvement", receiptMail.TextBody);

        // The invoices page: the green tick, and the service's account for what is paid by transfer.
        var portal = Factory.PortalFor(api.Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var page = await portal.GetHtmlAsync($"/entreprises/{company}/factures");
        Assert.Contains("data-signe=\"oui\"", page);
        Assert.Contains("FR76 3000 4008 1900 0123 4567 879", page); // sstrn's own account, from its tenant file
        Assert.Contains("BNPAFRPPXXX", page);
        Assert.DoesNotContain("2004 1010 0505", page);
        Assert.DoesNotContain("20041010050500013M026", page);

        // Revoked by the member: no mandate, the discount and debits stop.
        var revoked = await api.MutateAsync(token, "revokeSepaMandate", Revoke, new { input = new { companyId = company } });
        Assert.Equal("REVOKED", revoked.GetProperty("mandate").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, (await api.DataAsync(token, Mandate, new { id = company })).GetProperty("company").GetProperty("sepaMandate").ValueKind);
        Assert.False(await SepaActiveAsync(company));
    }

    [Fact]
    public async Task New_codes_are_throttled_per_company_and_parallel_wrong_codes_never_get_more_than_five_tries()
    {
        var first = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        Factory.Clock.SetUtcNow(first);
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        var token = await api.EmployerTokenAsync();
        var input = new { input = new { companyId = company, holderName = "Entreprise Démo", iban = TypedIban, acceptMandate = true } };
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "startSepaMandate", Start, input)));

        // A new code within the minute: refused, in French.
        var soon = await api.MutateAsync(token, "startSepaMandate", Start, input);
        Assert.Equal(["CODE_RECENTLY_SENT"], DemoApi.ErrorCodes(soon));
        Assert.Contains("avant d'en demander un nouveau", soon.GetProperty("errors")[0].GetProperty("message").GetString());
        // One a minute, five an hour (the clock keeps flowing: steps of two minutes).
        for (var n = 2; n <= 5; n++)
        {
            Factory.Clock.SetUtcNow(first.AddMinutes(2 * (n - 1)));
            token = await api.EmployerTokenAsync();
            Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "startSepaMandate", Start, input)));
        }
        Factory.Clock.SetUtcNow(first.AddMinutes(30));
        token = await api.EmployerTokenAsync();
        var sixth = await api.MutateAsync(token, "startSepaMandate", Start, input);
        Assert.Equal(["TOO_MANY_CODES"], DemoApi.ErrorCodes(sixth));
        Assert.Contains("réessayez à partir de 12:00", sixth.GetProperty("errors")[0].GetProperty("message").GetString()); // 11:00 UTC, Paris time
        Factory.Clock.SetUtcNow(first.AddHours(1).AddMinutes(2));
        token = await api.EmployerTokenAsync();
        Assert.Empty(DemoApi.ErrorCodes(await api.MutateAsync(token, "startSepaMandate", Start, input)));
        var mails = await WaitForSubjectAsync("employer@sstrn.demo", "Code de signature de votre mandat SEPA", 6);
        var code = Regex.Match(mails.Subject ?? "", @"(\d{6})$").Groups[1].Value;
        Assert.Equal(6, Factory.Smtp.MessagesTo("employer@sstrn.demo").Count(m => m.Subject?.StartsWith("Code de signature") == true));

        // Twenty wrong codes typed at once: five tries are counted and compared, the others refused; the mandate is then dead.
        var wrong = code == "000000" ? "111111" : "000000";
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            api.MutateAsync(token, "confirmSepaMandate", Confirm, new { input = new { companyId = company, code = wrong } })));
        var codes = answers.Select(a => DemoApi.ErrorCodes(a).Single()).ToList();
        Assert.Equal(5, codes.Count(c => c == "CODE_INVALID"));
        Assert.All(codes.Where(c => c != "CODE_INVALID"), c => Assert.Contains(c, new[] { "CODE_EXPIRED", "NO_MANDATE_TO_SIGN" }));
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var latest = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SepaMandates.OrderByDescending(m => m.Ordinal).FirstAsync();
            Assert.Equal((5, SepaMandateStatus.Abandoned), (latest.CodeTries, latest.Status));
        }
        // Even the right code is void now.
        var right = await api.MutateAsync(token, "confirmSepaMandate", Confirm, new { input = new { companyId = company, code } });
        Assert.NotEmpty(DemoApi.ErrorCodes(right));
        Assert.False(await SepaActiveAsync(company));
    }

    [Fact]
    public async Task Only_members_with_the_billing_right_sign_and_tenants_without_sepa_refuse_it()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var client = await api.CompanyIdAsync("102.1");
        // The accountant may read the client's invoices only (Lecture): it cannot sign.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var accountantId = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.Email == DemoData.AccountantEmail).Select(u => u.Id).SingleAsync();
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.CompanyId == client && m.UserId == accountantId);
            if (membership is null) db.Memberships.Add(new Membership { UserId = accountantId, CompanyId = client, Roles = [CompanyRoles.ReadOnly] });
            else membership.Roles = [CompanyRoles.ReadOnly];
            await db.SaveChangesAsync();
        }
        var accountant = await Factory.TokenAsync(api.Host, DemoData.AccountantEmail, DemoData.Password);
        var denied = await Factory.GraphQLAsync(api.Host, Start, new { input = new { companyId = client, holderName = "X", iban = Iban, acceptMandate = true } }, accountant);
        Assert.Equal("FORBIDDEN", denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        // sstbtp-bfc: only once the member chose the debit in its declaration.
        var btp = new DemoApi(Factory, "sstbtp-bfc");
        var company = await btp.CompanyIdAsync("250001");
        await SetDeclaredMethodAsync("sstbtp-bfc", company, Platform.Tenancy.Rules.PaymentMethod.Transfer);
        var employer = await btp.EmployerTokenAsync();
        var input = new { input = new { companyId = company, holderName = "Entreprise Démo", iban = Iban, acceptMandate = true } };
        var refused = await btp.MutateAsync(employer, "startSepaMandate", Start, input);
        Assert.Equal(["SEPA_NOT_CHOSEN"], DemoApi.ErrorCodes(refused));
        Assert.Contains("déclaration annuelle", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        await SetDeclaredMethodAsync("sstbtp-bfc", company, Platform.Tenancy.Rules.PaymentMethod.SepaDebit);
        var accepted = await btp.MutateAsync(employer, "startSepaMandate", Start, input);
        Assert.Empty(DemoApi.ErrorCodes(accepted));
        Assert.Equal("SSTBTP-BFC-250001-001", accepted.GetProperty("mandate").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Sst68_s_estimate_takes_the_sepa_discount_once_the_mandate_is_signed()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            foreach (var d in await db.Declarations.Where(d => d.CompanyId == company && d.Year == 2027).ToListAsync()) db.Declarations.Remove(d);
            await db.SaveChangesAsync();
        }
        await BillingSteps.DeclareAsync(Factory, "sst68", "680001", 2027, 10);
        var token = await api.EmployerTokenAsync();
        const string Estimate = "query($id: ID!) { company(id: $id) { declarations { year estimate { totalExclTax lines { label amount } } } } }";
        async Task<JsonElement> EstimateAsync() => (await api.DataAsync(token, Estimate, new { id = company })).GetProperty("company").GetProperty("declarations")
            .EnumerateArray().Single(d => d.GetProperty("year").GetInt32() == 2027).GetProperty("estimate");

        var before = await EstimateAsync();
        Assert.Equal(1140.00m, before.GetProperty("totalExclTax").GetDecimal()); // 10 × 114,00 €
        Assert.DoesNotContain(before.GetProperty("lines").EnumerateArray(), l => l.GetProperty("label").GetString()!.Contains("SEPA"));

        await SignAsync(api, token, company, "employer@sst68.demo");

        var after = await EstimateAsync();
        Assert.Equal(1122.90m, after.GetProperty("totalExclTax").GetDecimal()); // less 1,5 % = 17,10 €
        var discount = Assert.Single(after.GetProperty("lines").EnumerateArray(), l => l.GetProperty("label").GetString()!.Contains("SEPA"));
        Assert.Equal(-17.10m, discount.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Sstrn_pre_notifies_2_days_before_and_debits_on_the_due_date_once_however_often_the_round_runs()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sstrn");
        var company = await api.CompanyIdAsync("101.1");
        await SignAsync(api, await api.EmployerTokenAsync(), company, "employer@sstrn.demo");
        // Due after the signature: debited. The demo's 2026 contribution (due in February) stays to pay by transfer.
        var invoice = await IssueAsync("sstrn", company, new DateOnly(2026, 11, 23), 100m, new DateOnly(2026, 12, 10));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(1, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        var notice = await WaitForSubjectAsync("employer@sstrn.demo", "Prélèvement SEPA à venir — Entreprise Démo SSTRN");
        Assert.Contains($"facture {invoice} : 120,00 € le 10/12/2026", notice.TextBody);
        Assert.Contains("SSTRN-101.1-001", notice.TextBody);
        Assert.Contains("FR25ZZZ445566", notice.TextBody);
        Assert.DoesNotContain("2004 1010", notice.TextBody);
        Assert.Contains("2606", notice.TextBody);

        // On the due date, with no payment provider configured: left to collect by the service, once.
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 1, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sstrn"));

        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var debit = Assert.Single(await db.SepaDebits.ToListAsync());
        Assert.Equal(SepaDebitStatus.ToCollect, debit.Status);
        Assert.Equal(120.00m, debit.Amount);
        Assert.Equal(1, await db.OutboxEmails.CountAsync(e => e.Subject.StartsWith("Prélèvement SEPA à venir")));
    }

    [Fact]
    public async Task Sst68_pre_notifies_14_days_before_and_a_debit_never_comes_before_its_notice()
    {
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await DemoData.SeedAsync(Factory.Services);
        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        await SignAsync(api, await api.EmployerTokenAsync(), company, "employer@sst68.demo");
        var far = await IssueAsync("sst68", company, new DateOnly(2026, 11, 23), 100m, new DateOnly(2027, 1, 15));
        // Due 5 days after the signature: announced now, presented 14 days later, not on its due date.
        var near = await IssueAsync("sst68", company, new DateOnly(2026, 11, 23), 50m, new DateOnly(2026, 11, 28));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(1, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sst68"));
        var notice = await WaitForSubjectAsync("employer@sst68.demo", "Prélèvement SEPA à venir");
        Assert.Contains($"facture {near} : 60,00 € le 08/12/2026", notice.TextBody);

        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sst68"));
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 1, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sst68"));
        Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SepaDebitRound(0, 0, 0, 0), await SepaDebitsJob.RunAsync(Factory.Services, "sst68"));
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 5, 0, 0, TimeSpan.Zero));
        var round = await SepaDebitsJob.RunAsync(Factory.Services, "sst68");
        Assert.Equal(1, round.Announced); // the January invoice, 14 days before the 15th
        await Factory.Smtp.WaitForMessageAsync("employer@sst68.demo", m => m.TextBody?.Contains($"facture {far} : 120,00 € le 15/01/2027") == true);
    }

    private Task SignAsync(DemoApi api, string token, Guid company, string signerEmail) => SignAsync(api, Factory.Smtp, token, company, signerEmail);

    public static async Task SignAsync(DemoApi api, SmtpTestServer smtp, string token, Guid company, string signerEmail)
    {
        var started = await api.MutateAsync(token, "startSepaMandate", Start,
            new { input = new { companyId = company, holderName = "Entreprise Démo", iban = TypedIban, acceptMandate = true } });
        Assert.Empty(DemoApi.ErrorCodes(started));
        var code = await CodeFromAsync(smtp, signerEmail);
        var signed = await api.MutateAsync(token, "confirmSepaMandate", Confirm, new { input = new { companyId = company, code } });
        Assert.Empty(DemoApi.ErrorCodes(signed));
    }

    private async Task<string> CodeAsync(string email) => await CodeFromAsync(Factory.Smtp, email);

    internal static async Task<string> CodeFromAsync(SmtpTestServer smtp, string email)
    {
        var mail = await WaitForSubjectAsync(smtp, email, "Code de signature de votre mandat SEPA");
        return Regex.Match(mail.Subject ?? "", @"(\d{6})$").Groups[1].Value;
    }

    private Task<MimeMessage> WaitForSubjectAsync(string email, string subjectStart, int count = 1) => WaitForSubjectAsync(Factory.Smtp, email, subjectStart, count);

    private static Task<MimeMessage> WaitForSubjectAsync(SmtpTestServer smtp, string email, string subjectStart, int count = 1) =>
        smtp.WaitForMessageAsync(email, m => m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true, count: count);

    /// <summary>The payment method of the company's latest declaration (one is filed when it has none).</summary>
    private async Task SetDeclaredMethodAsync(string tenant, Guid company, Platform.Tenancy.Rules.PaymentMethod method)
    {
        await using var scope = Factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var declarations = await db.Declarations.Where(d => d.CompanyId == company).ToListAsync();
        if (declarations.Count == 0)
        {
            var filed = new Platform.Features.Declarations.Declaration
            {
                CompanyId = company, Year = 2026, Headcount = 2, Status = Platform.Features.Declarations.DeclarationStatus.Submitted,
            };
            db.Declarations.Add(filed);
            declarations.Add(filed);
        }
        foreach (var d in declarations) d.PaymentMethod = method;
        await db.SaveChangesAsync();
    }

    private async Task<bool> SepaActiveAsync(Guid company)
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<SepaMandateState>().IsActiveAsync(company);
    }

    /// <summary>An invoice issued by the service (one instalment), as its billing would; returns its number.</summary>
    public static async Task<string> IssueAsync(PlatformFactory factory, string tenant, Guid company, DateOnly issuedOn, decimal exclTax, DateOnly dueOn)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsPlatform();
        var (invoice, errors) = await scope.ServiceProvider.GetRequiredService<InvoiceService>()
            .IssueAsync(new InvoiceDraft(company, "Prestations", issuedOn, exclTax, 20, [dueOn]));
        Assert.Empty(errors);
        return invoice!.Number;
    }

    private Task<string> IssueAsync(string tenant, Guid company, DateOnly issuedOn, decimal exclTax, DateOnly dueOn) =>
        IssueAsync(Factory, tenant, company, issuedOn, exclTax, dueOn);

    public static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
