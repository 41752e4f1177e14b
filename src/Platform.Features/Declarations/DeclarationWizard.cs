using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Billing;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Tenancy.Rules;

namespace Platform.Features.Declarations;

/// <summary>What one step of the wizard answers; each step reads its own fields.</summary>
public sealed record DeclarationStepAnswer(DeclarationStep Step)
{
    public IReadOnlyList<string> Determinants { get; init; } = [];
    public IReadOnlyList<string> OwnDeterminants { get; init; } = [];
    public PaymentMethod? PaymentMethod { get; init; }
}

/// <summary>The electronic signature that files a declaration (seed 003; the contract's SubmitDeclarationInput).</summary>
public sealed record DeclarationSubmission(Guid CompanyId, int Year, PaymentMethod? PaymentMethod, string? SignatoryName, string? SignatoryEmail, bool CertifyAccuracy, bool AcceptTerms);

/// <summary>An employee counted (or not) in the declaration: present on 31/12 of the year before.</summary>
public sealed record DeclaredEmployee(Guid Id, string Name, string Contract, DateOnly StartDate, DateOnly? EndDate, bool Apprentice, FollowUpCategory? DeclaredFollowUp);

/// <summary>The list check step: who is counted, last year's figure beside it, and the category anomalies.</summary>
public sealed record DeclarationListCheck(DateOnly ReferenceDate, IReadOnlyList<DeclaredEmployee> Present, int Headcount, int Apprentices, int? LastYearHeadcount, IReadOnlyList<EmployeeCheck> Anomalies);

/// <summary>
/// Filling in the annual declaration (SPEC.md 3.7, seeds 000 and 003): the steps the tenant's file lists,
/// each saved as it is passed (a wizard left half-way stays « En cours » and resumes there), the
/// "no staff on 31/12" path as a suspension or removal request, the signature, the confirmation
/// e-mail, and the staff's confirmation that invoices it.
/// </summary>
public sealed class DeclarationWizard(
    PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, DeclarationService declarations, SepaMandateState mandates,
    SituationRequests situationRequests, EmployeeQueries employees, InvoiceService invoices, EmailOutbox outbox, TimeProvider time)
{
    public const int NameMaxLength = 200;

    /// <summary>Opens the wizard: the declaration in progress (resumed where it stopped), or a new one at the first step.</summary>
    public async Task<Outcome<DeclarationView>> StartAsync(Guid companyId, int year, CancellationToken ct = default)
    {
        var (declaration, rules, problem) = await ForWriteAsync(companyId, year, ct);
        if (problem is not null) return problem;
        if (db.Entry(declaration!).State == EntityState.Added)
        {
            db.AuditEntries.Record(time, currentUser.UserId, "declaration.started", "Declaration", declaration!.Id, $$"""{"year":{{year}}}""");
            await db.SaveChangesAsync(ct);
        }
        return Outcome<DeclarationView>.Ok(await ViewAsync(declaration!, rules!, ct));
    }

    /// <summary>Saves one step's answer and moves the declaration to the next step.</summary>
    public async Task<Outcome<DeclarationView>> SaveStepAsync(Guid companyId, int year, DeclarationStepAnswer answer, CancellationToken ct = default)
    {
        var (declaration, rules, problem) = await ForWriteAsync(companyId, year, ct);
        if (problem is not null) return problem;
        var d = declaration!;
        var steps = rules!.Declaration.Steps;
        if (!steps.Contains(answer.Step) || answer.Step == DeclarationStep.Signature)
            return new UserError("INVALID_STEP", "Cette étape ne fait pas partie de la déclaration.", "step");
        // In order, as the portal leads: an API client cannot jump ahead of the step the declaration is at (one already passed can be redone).
        if (d.Status == DeclarationStatus.InProgress && d.Step is { } reached && steps.ToList().IndexOf(reached) is var at and >= 0
            && steps.ToList().IndexOf(answer.Step) > at)
            return StepRequired(reached);
        switch (answer.Step)
        {
            case DeclarationStep.Staff:
                d.HadStaff = true;
                break;
            case DeclarationStep.Determinants:
            {
                var errors = new List<UserError>();
                var chosen = answer.Determinants.Select(x => x.Trim()).Distinct().ToList();
                if (chosen.Any(x => !Determinants.Regulatory.Contains(x)))
                    errors.Add(new("UNKNOWN_DETERMINANT", "Un des déterminants cochés n'est pas dans la liste réglementaire.", "determinants"));
                var own = answer.OwnDeterminants.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (own.Count > Determinants.MaxOwn || own.Any(x => x.Length > Determinants.OwnMaxLength))
                    errors.Add(new("INVALID_OWN_DETERMINANT", $"Au plus {Determinants.MaxOwn} déterminants particuliers, de {Determinants.OwnMaxLength} caractères au plus chacun.", "ownDeterminants"));
                if (errors.Count > 0) return Outcome<DeclarationView>.Fail(errors);
                d.Determinants = Determinants.Regulatory.Where(chosen.Contains).ToList();
                d.OwnDeterminants = own;
                break;
            }
            case DeclarationStep.Employees:
            {
                var (headcount, apprentices) = await CountAsync(companyId, year, ct);
                if (headcount + apprentices == 0) return NoEmployees(year);
                (d.Headcount, d.Apprentices) = (headcount, apprentices);
                break;
            }
            case DeclarationStep.Estimate:
                if (PaymentProblem(rules, answer.PaymentMethod) is { } paymentProblem) return paymentProblem;
                if (rules.Payment.ChosenAtDeclaration) d.PaymentMethod = answer.PaymentMethod;
                break;
        }
        // A filed declaration reopened in its edit window keeps its status; only a new signature changes it.
        if (d.Status == DeclarationStatus.InProgress) d.Step = steps[steps.ToList().IndexOf(answer.Step) + 1];
        await db.SaveChangesAsync(ct);
        return Outcome<DeclarationView>.Ok(await ViewAsync(d, rules, ct));
    }

    /// <summary>
    /// "No staff at the end of the year before" (seed 000): the declaration is filed with no one, together
    /// with the company's suspension or removal request, reason and date, which staff decide.
    /// </summary>
    public async Task<Outcome<DeclarationView>> DeclareNoStaffAsync(Guid companyId, int year, SituationChange kind, string? reason, DateOnly? effectiveDate, CancellationToken ct = default)
    {
        var (declaration, rules, problem) = await ForWriteAsync(companyId, year, ct);
        if (problem is not null) return problem;
        if (kind is not (SituationChange.Suspension or SituationChange.Removal))
            return new UserError("INVALID_KIND", "Choisissez une demande de suspension ou de radiation.", "kind");
        if (!await access.HasAsync(companyId, Permission.ManageCompany, ct))
            return new UserError("FORBIDDEN", "Seul l'administrateur du compte adhérent peut demander la suspension ou la radiation de l'adhésion.", "kind");
        var d = declaration!;
        var now = time.GetUtcNow();
        (d.HadStaff, d.Headcount, d.Apprentices, d.Step, d.Status) = (false, 0, 0, null, DeclarationStatus.Submitted);
        d.SubmittedAt = now;
        d.EditableUntil ??= rules!.Declaration.EditableDaysAfterSubmission > 0 ? now.AddDays(rules.Declaration.EditableDaysAfterSubmission) : null;
        db.AuditEntries.Record(time, currentUser.UserId, "declaration.no-staff", "Declaration", d.Id, $$"""{"year":{{year}},"kind":"{{kind}}"}""");
        // The request saves the declaration with it, in one SaveChanges; refused, nothing is written.
        var (request, errors) = await situationRequests.RequestAsync(companyId, kind, reason, effectiveDate, ct);
        if (errors.Count > 0) return Outcome<DeclarationView>.Fail(errors);
        d.SituationRequestId = request!.Id;
        await db.SaveChangesAsync(ct);
        return Outcome<DeclarationView>.Ok(await ViewAsync(d, rules!, ct));
    }

    /// <summary>Signs and files the declaration: the figures of the list as it stands, the confirmation e-mail to the signatory.</summary>
    public async Task<Outcome<DeclarationView>> SubmitAsync(DeclarationSubmission input, CancellationToken ct = default)
    {
        var (declaration, rules, problem) = await ForWriteAsync(input.CompanyId, input.Year, ct);
        if (problem is not null) return problem;
        var d = declaration!;
        // Signed only once the steps the tenant's file enables are passed (a filed declaration amended in its edit window has passed them).
        if (d.Status == DeclarationStatus.InProgress && d.Step is { } pending && pending != DeclarationStep.Signature && rules!.Declaration.Steps.Contains(pending))
            return StepRequired(pending);
        var errors = new List<UserError>();
        if (!input.CertifyAccuracy) errors.Add(new("CERTIFY_REQUIRED", "Certifiez l'exactitude des données de votre déclaration.", "certifyAccuracy"));
        if (!input.AcceptTerms) errors.Add(new("TERMS_REQUIRED", "Acceptez les conditions générales d'utilisation et la notice RGPD.", "acceptTerms"));
        var name = CompanyRules.Text(input.SignatoryName, NameMaxLength, "signatoryName", "vos nom et prénom", errors, required: true);
        var email = input.SignatoryEmail?.Trim();
        if (PersonDetails.EmailProblem(email, "signatoryEmail") is { } emailProblem) errors.Add(emailProblem);
        var payment = input.PaymentMethod ?? d.PaymentMethod;
        if (PaymentProblem(rules!, payment) is { } paymentProblem) errors.Add(paymentProblem);
        var (headcount, apprentices) = await CountAsync(input.CompanyId, input.Year, ct);
        if (headcount + apprentices == 0) errors.Add(NoEmployees(input.Year));
        if (errors.Count > 0) return Outcome<DeclarationView>.Fail(errors);

        var now = time.GetUtcNow();
        var wasFiled = d.Status == DeclarationStatus.Submitted;
        (d.Headcount, d.Apprentices, d.HadStaff, d.Step, d.Status) = (headcount, apprentices, true, null, DeclarationStatus.Submitted);
        d.PaymentMethod = rules!.Payment.ChosenAtDeclaration ? payment : null;
        (d.SignatoryName, d.SignatoryEmail, d.SubmittedAt) = (name, email, now);
        // Editable for the tenant's days after the first validation (sstrn: 7), not pushed back by each edit.
        d.EditableUntil ??= rules.Declaration.EditableDaysAfterSubmission > 0 ? now.AddDays(rules.Declaration.EditableDaysAfterSubmission) : null;
        db.AuditEntries.Record(time, currentUser.UserId, wasFiled ? "declaration.amended" : "declaration.submitted", "Declaration", d.Id, $$"""{"year":{{d.Year}},"headcount":{{headcount}},"apprentices":{{apprentices}}}""");
        var view = await ViewAsync(d, rules, ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == d.CompanyId).Select(c => c.Name).SingleAsync(ct);
        outbox.Enqueue(email!, DeclarationEmails.Confirmation(rules, company, view, wasFiled));
        await db.SaveChangesAsync(ct);
        return Outcome<DeclarationView>.Ok(view);
    }

    /// <summary>
    /// Staff confirm a filed declaration, which issues its contribution invoice (« Facturée »): the year's periods of the
    /// tenant's cycle that no billing run has invoiced yet, under the year's billing key, so that a period is invoiced once
    /// whether the confirmation or the run comes first (sstbtp-bfc bills by quarter).
    /// </summary>
    public async Task<Outcome<DeclarationView>> ConfirmAsync(Guid id, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        for (var attempt = 1; ; attempt++)
        {
            var d = await db.Declarations.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null) return new UserError("NOT_FOUND", "Cette déclaration n'existe pas.", "id");
            if (d.Status != DeclarationStatus.Submitted) return new UserError("NOT_SUBMITTED", "Seule une déclaration transmise et pas encore confirmée peut être confirmée.", "id");
            var rules = await declarations.RulesAsync();
            var now = time.GetUtcNow();
            (d.Status, d.ConfirmedAt, d.ConfirmedByUserId) = (DeclarationStatus.Confirmed, now, staff);
            // Once confirmed, the member can no longer change it.
            if (d.EditableUntil > now) d.EditableUntil = now;
            db.AuditEntries.Record(time, staff, "declaration.confirmed", "Declaration", d.Id, $$"""{"year":{{d.Year}}}""");
            var sepa = await mandates.IsActiveAsync(d.CompanyId, ct);
            var estimate = DeclarationService.EstimateOf(rules, d.Year, d.Headcount, d.Apprentices, sepa);
            var draft = estimate is null || estimate.TotalExclTax <= 0 ? null : await InvoiceDraftAsync(d, rules, estimate, sepa, ct);
            if (draft is null)
            {
                // No one declared (the no-staff path): confirmed, nothing to invoice. The runs invoiced every period of the year
                // already (from the declaration as filed): « Facturée » by their latest invoice.
                if (estimate is { TotalExclTax: > 0 } && await YearInvoicedByRunsAsync(d, ct) is { } billedBy)
                    (d.Status, d.InvoiceId) = (DeclarationStatus.Invoiced, billedBy);
                await db.SaveChangesAsync(ct);
                return Outcome<DeclarationView>.Ok(await ViewAsync(d, rules, ct));
            }
            // Saved with the invoice, in its transaction: a declaration is invoiced once.
            d.Status = DeclarationStatus.Invoiced;
            var issued = await invoices.IssueAsync(draft, ct);
            if (issued.Errors is [{ Code: InvoiceService.AlreadyBilled }] && attempt < 3)
            {
                // A billing run invoiced one of these periods meanwhile: start again from what is left.
                db.ChangeTracker.Clear();
                continue;
            }
            if (issued.Value is not { } invoice)
            {
                d.Status = DeclarationStatus.Confirmed;
                return Outcome<DeclarationView>.Fail(issued.Errors);
            }
            // The issue retries a first-invoice race with a clean context: the declaration may have left it.
            if (db.Entry(d).State == EntityState.Detached)
            {
                db.Declarations.Update(d);
                db.AuditEntries.Record(time, staff, "declaration.confirmed", "Declaration", d.Id, $$"""{"year":{{d.Year}}}""");
            }
            (d.Status, d.InvoiceId) = (DeclarationStatus.Invoiced, invoice.Id);
            await db.SaveChangesAsync(ct);
            return Outcome<DeclarationView>.Ok(await ViewAsync(d, rules, ct));
        }
    }

    /// <summary>
    /// The invoice of a confirmed declaration: the whole year as estimated when no run billed any of its periods, else the
    /// periods left at the runs' share of the year's rate; null when nothing is left. Its key is the year's, and it overlaps
    /// the periods it covers: a run of one of them then skips the company, and the reverse.
    /// </summary>
    private async Task<InvoiceDraft?> InvoiceDraftAsync(Declaration d, TenantRules rules, Estimate estimate, bool sepa, CancellationToken ct)
    {
        var yearKey = BillingRuns.ContributionKey(d.Year);
        // The months of the year no contribution invoice covers yet, whatever cycle billed the others (a cycle changed mid-year).
        var months = ContributionCoverage.MonthsOf(BillingPeriod.Containing(BillingCycle.Annual, new DateOnly(d.Year, 1, 1)));
        var covered = (await ContributionCoverage.CoveredMonthsAsync(db, [d.CompanyId], d.Year, ct)).GetValueOrDefault(d.CompanyId) ?? [];
        var leftMonths = months.Where(m => !covered.Contains(m)).ToList();
        if (leftMonths.Count == 0) return null;
        var today = time.Today();
        var overlaps = ContributionCoverage.KeysOverlapping(leftMonths).Where(k => k != yearKey).ToList();
        if (leftMonths.Count == months.Count)
            return new InvoiceDraft(d.CompanyId, InvoiceLabel(d, estimate), today, estimate.TotalExclTax, estimate.VatPercent, DueDates(rules.Billing, today))
                { BillingKey = yearKey, Overlaps = overlaps };
        // Part of the year billed by the runs already: the periods left, each at the run's share of the year's rate.
        var periods = BillingPeriod.OfYear(rules.Billing.Cycle, d.Year);
        var left = periods.Where(p => ContributionCoverage.MonthsOf(p).Any(leftMonths.Contains)).ToList();
        var share = ContributionCoverage.ShareOf(rules.RatesFor(d.Year)!, rules.Billing.Cycle, leftMonths);
        var partial = DeclarationEstimate.Compute(share, d.Headcount, d.Apprentices, sepa ? rules.Payment.SepaDiscountPercent : 0);
        var covering = left.Count == 1 ? left[0].Label : $"{left.Count} périodes du {left[0].Start:dd/MM/yyyy} au {left[^1].End:dd/MM/yyyy}";
        var label = InvoiceLabel(d, partial).Replace($"Cotisation {d.Year}", $"Cotisation {d.Year} ({covering})");
        var step = 12 / periods.Count;
        var dueDates = Enumerable.Range(0, left.Count).Select(n => today.AddDays(30).AddMonths(n * step)).ToList();
        return new InvoiceDraft(d.CompanyId, label.Length > 200 ? label[..200] : label, today, partial.TotalExclTax, partial.VatPercent, dueDates)
            { BillingKey = yearKey, Overlaps = overlaps };
    }

    /// <summary>The latest contribution invoice of the declaration's year, when the runs invoiced all of it before the confirmation.</summary>
    private async Task<Guid?> YearInvoicedByRunsAsync(Declaration d, CancellationToken ct)
    {
        var months = ContributionCoverage.MonthsOf(BillingPeriod.Containing(BillingCycle.Annual, new DateOnly(d.Year, 1, 1)));
        var covered = (await ContributionCoverage.CoveredMonthsAsync(db, [d.CompanyId], d.Year, ct)).GetValueOrDefault(d.CompanyId) ?? [];
        if (!months.All(covered.Contains)) return null;
        var keys = ContributionCoverage.KeysOverlapping(months);
        return await db.Invoices.AsNoTracking().Where(i => i.CompanyId == d.CompanyId && i.BillingKey != null && keys.Contains(i.BillingKey))
            .OrderByDescending(i => i.Sequence).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Filed declarations waiting for staff confirmation, oldest first.</summary>
    public async Task<IReadOnlyList<(string CompanyName, string MemberNumber, DeclarationView Declaration)>> AwaitingConfirmationAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rules = await declarations.RulesAsync();
        // Ordered by submission in memory: SQLite cannot order by a DateTimeOffset.
        var rows = (await db.Declarations.AsNoTracking().Where(d => d.Status == DeclarationStatus.Submitted).OrderBy(d => d.Id).Take(200).ToListAsync(ct))
            .OrderBy(d => d.SubmittedAt).ToList();
        var ids = rows.Select(r => r.CompanyId).Distinct().ToList();
        var companies = await db.Companies.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new { c.Name, c.MemberNumber, Sepa = c.SepaMandateActiveSince != null }, ct);
        return rows.Select(r => (companies[r.CompanyId].Name, companies[r.CompanyId].MemberNumber, declarations.View(r, rules, companies[r.CompanyId].Sepa))).ToList();
    }

    /// <summary>The list check: the employees present on 31/12 of the year before, apprentices apart, last year's figure and the anomalies.</summary>
    public async Task<DeclarationListCheck> ListCheckAsync(Guid companyId, int year, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.DeclareHeadcount, ct);
        var day = Headcount.ReferenceDate(year);
        var present = (await db.Employees.AsNoTracking().Where(e => e.CompanyId == companyId && e.StartDate <= day && (e.EndDate == null || e.EndDate >= day))
                .OrderBy(e => e.SortName).ToListAsync(ct))
            .Select(e => new DeclaredEmployee(e.Id, $"{e.BirthName} {e.FirstName}", e.Contract, e.StartDate, e.EndDate,
                Headcount.IsApprentice(new ContractSpan(e.StartDate, e.EndDate, e.Contract)), e.DeclaredFollowUp)).ToList();
        var lastYear = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId && d.Year == year - 1 && Declaration.FiledStatuses.Contains(d.Status))
            .Select(d => (int?)(d.Headcount + d.Apprentices)).SingleOrDefaultAsync(ct);
        var anomalies = await employees.CheckAsync(companyId, ct);
        return new DeclarationListCheck(day, present, present.Count(p => !p.Apprentice), present.Count(p => p.Apprentice), lastYear, anomalies);
    }

    private async Task<(int Headcount, int Apprentices)> CountAsync(Guid companyId, int year, CancellationToken ct)
    {
        var day = Headcount.ReferenceDate(year);
        var contracts = await db.Employees.AsNoTracking().Where(e => e.CompanyId == companyId && e.StartDate <= day && (e.EndDate == null || e.EndDate >= day))
            .Select(e => new ContractSpan(e.StartDate, e.EndDate, e.Contract)).ToListAsync(ct);
        return Headcount.Count(contracts, year);
    }

    /// <summary>
    /// The declaration the caller may write for that year: the one in progress or within its edit window,
    /// or a new one (not saved yet) when the year is open to the company; else why not, in French.
    /// </summary>
    private async Task<(Declaration? Declaration, TenantRules? Rules, UserError? Problem)> ForWriteAsync(Guid companyId, int year, CancellationToken ct)
    {
        await access.RequireAsync(companyId, Permission.DeclareHeadcount, ct);
        var rules = await declarations.RulesAsync();
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        if (TempAgency.ParentOf(company.MemberNumber) is { } parent)
            return (null, null, new UserError("TEMP_WORKER_ACCOUNT", $"Le compte intérimaires ne fait pas de déclaration d'effectif : déclarez vos salariés permanents sur le compte {parent}.", "companyId"));
        var existing = await db.Declarations.SingleOrDefaultAsync(d => d.CompanyId == companyId && d.Year == year, ct);
        if (existing is not null)
        {
            if (declarations.IsEditable(existing)) return (existing, rules, null);
            return (null, null, new UserError("NOT_EDITABLE", $"La déclaration {year} a été transmise et n'est plus modifiable. Contactez le service adhérents pour la corriger.", "year"));
        }
        if (year < DeclarationService.FirstOwedYear(rules.Declaration, company))
            return (null, null, new UserError("NOT_DUE", $"Aucune déclaration n'est due pour {year} : l'adhésion date de {DeclarationService.JoinedYear(company)}.", "year"));
        if (!DeclarationCalendar.IsOpen(rules.Declaration, year, time.Today()))
            return (null, null, new UserError("NOT_OPEN", DeclarationCalendar.PeriodOf(rules.Declaration, year) is { } period
                ? $"La déclaration {year} n'est pas saisissable aujourd'hui : elle se fait du {period.OpensOn:dd/MM/yyyy} au {period.ClosesOn:dd/MM/yyyy}."
                : $"La déclaration {year} n'est pas saisissable aujourd'hui.", "year"));
        var created = new Declaration { CompanyId = companyId, Year = year, Status = DeclarationStatus.InProgress, Step = rules.Declaration.Steps[0] };
        // The company's own determinants carry over from its last declaration.
        created.OwnDeterminants = await db.Declarations.AsNoTracking().Where(d => d.CompanyId == companyId && d.Year < year).OrderByDescending(d => d.Year)
            .Select(d => d.OwnDeterminants).FirstOrDefaultAsync(ct) ?? [];
        db.Declarations.Add(created);
        return (created, rules, null);
    }

    private async Task<DeclarationView> ViewAsync(Declaration d, TenantRules rules, CancellationToken ct) =>
        declarations.View(d, rules, await mandates.IsActiveAsync(d.CompanyId, ct));

    private static UserError? PaymentProblem(TenantRules rules, PaymentMethod? method)
    {
        if (!rules.Payment.ChosenAtDeclaration) return null;
        if (method is null) return new UserError("PAYMENT_METHOD_REQUIRED", "Indiquez le mode de règlement.", "paymentMethod");
        return rules.Payment.Methods.Contains(method.Value) ? null : new UserError("INVALID_PAYMENT_METHOD", "Ce mode de règlement n'est pas proposé par le service.", "paymentMethod");
    }

    /// <summary>The steps' names, as the portal shows them and as errors name them.</summary>
    public static string StepLabel(DeclarationStep step) => step switch
    {
        DeclarationStep.Staff => "Effectif au 31/12",
        DeclarationStep.Administrative => "Informations administratives",
        DeclarationStep.Determinants => "Déterminants de suivi",
        DeclarationStep.Employees => "Contrôle de la liste",
        DeclarationStep.Estimate => "Estimatif",
        _ => "Récapitulatif et signature",
    };

    private static UserError StepRequired(DeclarationStep step) => new("STEP_REQUIRED",
        $"Complétez d'abord l'étape « {StepLabel(step)} » : les étapes de la déclaration se suivent dans l'ordre.", "step");

    private static UserError NoEmployees(int year) => new("NO_EMPLOYEES",
        $"Aucun salarié n'était présent au {Headcount.ReferenceDate(year):dd/MM/yyyy} : mettez à jour la liste de vos salariés, ou répondez « non » à la première question pour demander la suspension ou la radiation de votre adhésion.", "headcount");

    private static string InvoiceLabel(Declaration d, Estimate estimate) =>
        $"Cotisation {d.Year} — {d.Headcount} salarié{(d.Headcount > 1 ? "s" : "")}" + (d.Apprentices > 0 ? $", {d.Apprentices} apprenti{(d.Apprentices > 1 ? "s" : "")}" : "")
        + (estimate.Lines.Any(l => l.Amount < 0) ? " (remise SEPA déduite)" : "");

    /// <summary>The contribution's schedule: the tenant's instalments over the year, the first 30 days after the invoice.</summary>
    internal static IReadOnlyList<DateOnly> DueDates(BillingRules billing, DateOnly issuedOn)
    {
        var count = billing.Cycle switch { BillingCycle.Annual => Math.Clamp(billing.Instalments, 1, InvoiceService.MaxInstalments), BillingCycle.Quarterly => 4, _ => 12 };
        return Enumerable.Range(0, count).Select(n => issuedOn.AddDays(30).AddMonths(n * (12 / count))).ToList();
    }
}
