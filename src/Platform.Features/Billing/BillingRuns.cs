using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.Notifications;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Billing;

public sealed record BillingRunView(Guid Id, BillingRunKind Kind, string Period, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int Issued, decimal Total, int Attempts)
{
    public static BillingRunView Of(BillingRun r) => new(r.Id, r.Kind, r.Period, r.StartedAt, r.CompletedAt, r.Issued, r.Total, r.Attempts);
}

/// <summary>One invoice a run issues (or issued already, on a rerun).</summary>
public sealed record BillingRunLine(Guid CompanyId, string MemberNumber, string CompanyName, string Label, decimal TotalExclTax, decimal Vat, decimal TotalInclTax, int Instalments, bool AlreadyIssued);

/// <summary>What a run of a period would issue now, before staff start it.</summary>
public sealed record BillingRunPreview(
    BillingRunKind Kind, string Period, string PeriodLabel, BillingCycle Cycle, int ToIssue, decimal TotalInclTax, int AlreadyIssued,
    int WithoutDeclaration, IReadOnlyList<BillingRunLine> Lines, BillingRunView? Run);

/// <summary>
/// The service's billing runs (SPEC.md 3.8, rule matrix « billing » and « rates »): one per tenant, kind and
/// period. A contribution run bills each member the period's share of its declared headcount × the year's
/// per-employee rate (annual with the tenant's instalments, quarterly, monthly), and new members their
/// entry fee; a visits run bills temp-worker accounts per visit (sstrn). Everything comes from the tenant's
/// rules as its administrators set them. Companies are read and invoices issued in batches (one transaction
/// each, numbers taken together), and each invoice carries a billing key unique per company: a run started
/// twice, concurrently, or again after a crash issues each invoice once.
/// </summary>
public sealed class BillingRuns(
    PlatformDbContext db, InvoiceService invoices, NotificationRecipients recipients, EmailOutbox outbox, CurrentUser currentUser,
    ITenantContext tenantContext, TenantRulesCache rulesCache, TenancyOptions tenancy, BillableVisits visits, TimeProvider time)
{
    public const int DefaultBatchSize = 500;
    private const int PreviewLines = 200;

    /// <summary>Companies read and invoices issued per transaction.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Called after each committed batch with the number issued so far (progress; tests stop a run half-way with it).</summary>
    public Func<int, Task>? AfterBatch { get; set; }

    public async Task<Outcome<BillingRunPreview>> PreviewAsync(BillingRunKind kind, string? period, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var (rules, parsed, error) = await ResolveAsync(kind, period);
        if (error is not null) return error;
        var lines = new List<BillingRunLine>();
        int toIssue = 0, already = 0, withoutDeclaration = 0;
        decimal total = 0;
        await foreach (var batch in BatchesAsync(kind, parsed!, rules, ct))
        {
            withoutDeclaration += batch.WithoutDeclaration;
            var ids = batch.Drafts.Select(d => d.Draft.CompanyId).Distinct().ToList();
            var keys = batch.Drafts.SelectMany(d => d.Draft.Overlaps.Append(d.Draft.BillingKey!)).Distinct().ToList();
            var billed = (await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.CompanyId) && i.BillingKey != null && keys.Contains(i.BillingKey))
                .Select(i => new { i.CompanyId, i.BillingKey }).ToListAsync(ct)).Select(i => (i.CompanyId, i.BillingKey!)).ToHashSet();
            foreach (var (draft, company, _) in batch.Drafts)
            {
                var done = draft.Overlaps.Append(draft.BillingKey!).Any(k => billed.Contains((draft.CompanyId, k)));
                var exclTax = Money.Round(draft.TotalExclTax);
                var vat = Money.Round(exclTax * draft.VatPercent / 100m);
                if (done) already++;
                else { toIssue++; total += exclTax + vat; }
                if (lines.Count < PreviewLines)
                    lines.Add(new BillingRunLine(draft.CompanyId, company.MemberNumber, company.Name, draft.Label, exclTax, vat, exclTax + vat, draft.InstalmentDueDates.Count, done));
            }
        }
        var run = await db.BillingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind && r.Period == parsed!.Key, ct);
        return Outcome<BillingRunPreview>.Ok(new BillingRunPreview(kind, parsed!.Key, parsed.Label, parsed.Cycle, toIssue, total, already, withoutDeclaration, lines,
            run is null ? null : BillingRunView.Of(run)));
    }

    /// <summary>
    /// Runs (or resumes) the billing of a period: staff by hand, the billing job as the platform. Issues
    /// what is not billed yet, e-mails each new invoice to the company's billing contacts, marks the run done.
    /// </summary>
    public async Task<Outcome<BillingRunView>> StartAsync(BillingRunKind kind, string? period, CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var (rules, parsed, error) = await ResolveAsync(kind, period);
        if (error is not null) return error;
        var runId = await OpenRunAsync(kind, parsed!.Key, ct);
        var issuedSoFar = 0;
        var catalogue = RoleCatalogue.For(rules);
        var portal = PortalUrl(rules);
        await foreach (var batch in BatchesAsync(kind, parsed, rules, ct))
        {
            if (batch.Drafts.Count == 0) continue;
            var companyIds = batch.Drafts.Select(d => d.Draft.CompanyId).Distinct().ToList();
            var to = await recipients.ForCompaniesAsync(companyIds, NotificationKind.Invoices,
                roles => RoleCatalogue.Grants(catalogue, roles, Permission.ViewInvoices), ct);
            var drafts = batch.Drafts.ToDictionary(d => (d.Draft.CompanyId, d.Draft.BillingKey!));
            var issued = await invoices.IssueBatchAsync(batch.Drafts.Select(d => d.Draft).ToList(), async (news, token) =>
            {
                // The e-mails and the declarations' « Facturée » go with the invoices, in their transaction. Only a declaration staff
                // confirmed turns « Facturée »: one still waiting is billed from its figures but stays to confirm (its confirmation then
                // invoices what the runs left, or finds the year invoiced), never skipping the staff's check (SPEC 3.7, seed 003).
                await db.InsertAsync(news.SelectMany(invoice => (to.GetValueOrDefault(invoice.CompanyId) ?? [])
                    .Select(user => outbox.Message(user.Email, InvoiceEmail(rules, drafts[(invoice.CompanyId, invoice.BillingKey!)], invoice, portal)))).ToList(), token);
                foreach (var byKey in news.Where(i => drafts[(i.CompanyId, i.BillingKey!)].DeclarationId is not null).GroupBy(i => i.BillingKey!))
                {
                    var key = byKey.Key;
                    var declared = byKey.Select(i => drafts[(i.CompanyId, key)].DeclarationId!.Value).ToList();
                    await db.Declarations.Where(d => declared.Contains(d.Id) && d.Status == DeclarationStatus.Confirmed).ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.Status, DeclarationStatus.Invoiced)
                        .SetProperty(d => d.InvoiceId, d => db.Invoices.Where(i => i.CompanyId == d.CompanyId && i.BillingKey == key).Select(i => (Guid?)i.Id).FirstOrDefault()), token);
                }
            }, ct);
            if (issued.Count > 0)
            {
                var count = issued.Count;
                var sum = issued.Sum(i => i.TotalInclTax);
                await db.BillingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Issued, r => r.Issued + count).SetProperty(r => r.Total, r => r.Total + sum), ct);
            }
            issuedSoFar += issued.Count;
            if (AfterBatch is not null) await AfterBatch(issuedSoFar);
        }
        var now = time.GetUtcNow();
        await db.BillingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAt, now), ct);
        return Outcome<BillingRunView>.Ok(BillingRunView.Of(await db.BillingRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct)));
    }

    /// <summary>The billing job's work: the current period of the tenant's cycle once due, and last month's visits where billed per visit.</summary>
    public async Task<IReadOnlyList<BillingRunView>> RunDueAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var rules = await RulesAsync();
        var today = time.Today();
        var due = new List<(BillingRunKind, BillingPeriod)>();
        var current = BillingPeriod.Containing(rules.Billing.Cycle, today);
        if (today >= current.Start.AddDays(rules.Billing.RunAfterDays)) due.Add((BillingRunKind.Contribution, current));
        if (rules.Billing.TempAgencyPerVisit) due.Add((BillingRunKind.Visits, BillingPeriod.Containing(BillingCycle.Monthly, today).Previous()));
        var done = new List<BillingRunView>();
        foreach (var (kind, period) in due)
        {
            if (await db.BillingRuns.AnyAsync(r => r.Kind == kind && r.Period == period.Key && r.CompletedAt != null, ct)) continue;
            var outcome = await StartAsync(kind, period.Key, ct);
            if (outcome.Value is { } run) done.Add(run);
        }
        return done;
    }

    /// <summary>The tenant's runs, newest first.</summary>
    public async Task<IReadOnlyList<BillingRunView>> ListAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        return (await db.BillingRuns.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.StartedAt).Select(BillingRunView.Of).ToList();
    }

    /// <summary>The billing key of a period's contribution ("contribution:2026-T4"), unique per company.</summary>
    public static string ContributionKey(BillingPeriod period) => $"contribution:{period.Key}";

    /// <summary>The billing key of a whole year's contribution ("contribution:2026"): the annual run's, and a confirmed declaration's.</summary>
    public static string ContributionKey(int year) => $"contribution:{year}";

    /// <summary>The period a kind is billed by: the tenant's cycle for the contribution, months for visits.</summary>
    public static BillingCycle CycleOf(BillingRunKind kind, TenantRules rules) => kind == BillingRunKind.Visits ? BillingCycle.Monthly : rules.Billing.Cycle;

    private async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;

    private async Task<(TenantRules Rules, BillingPeriod? Period, UserError? Error)> ResolveAsync(BillingRunKind kind, string? period)
    {
        var rules = await RulesAsync();
        if (kind == BillingRunKind.Visits && !rules.Billing.TempAgencyPerVisit)
            return (rules, null, new UserError("NOT_BILLED_PER_VISIT", "Ce service ne facture pas les visites des comptes intérimaires.", "kind"));
        var cycle = CycleOf(kind, rules);
        var parsed = string.IsNullOrWhiteSpace(period) ? BillingPeriod.Containing(cycle, time.Today()) : BillingPeriod.Parse(cycle, period);
        if (parsed is null)
        {
            var example = cycle switch { BillingCycle.Annual => "2026", BillingCycle.Quarterly => "2026-T4", _ => "2026-12" };
            return (rules, null, new UserError("INVALID_PERIOD", $"Période invalide : la facturation de ce service se fait par {Cycle(cycle)} (par exemple {example}).", "period"));
        }
        if (kind == BillingRunKind.Contribution && rules.RatesFor(parsed.Year) is null)
            return (rules, null, new UserError("NO_RATES", $"Aucun barème n'est défini pour {parsed.Year} : ajoutez-le dans les règles du service.", "period"));
        if (kind == BillingRunKind.Visits && rules.RatesFor(parsed.Year)?.TempWorkerVisit is null)
            return (rules, null, new UserError("NO_RATES", $"Aucun tarif de visite d'intérimaire n'est défini pour {parsed.Year} (rates.tempWorkerVisit).", "period"));
        return (rules, parsed, null);
    }

    private static string Cycle(BillingCycle cycle) => cycle switch { BillingCycle.Annual => "année", BillingCycle.Quarterly => "trimestre", _ => "mois" };

    /// <summary>The run of the period, created at its first start; a concurrent first start finds the other's.</summary>
    private async Task<Guid> OpenRunAsync(BillingRunKind kind, string period, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var run = await db.BillingRuns.SingleOrDefaultAsync(r => r.Kind == kind && r.Period == period, ct);
            if (run is not null)
            {
                await db.BillingRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
                return run.Id;
            }
            run = new BillingRun { Kind = kind, Period = period, StartedAt = time.GetUtcNow(), StartedBy = currentUser.IsPlatform ? null : currentUser.UserId, Attempts = 1 };
            db.BillingRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return run.Id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private sealed record CompanyRow(Guid Id, string MemberNumber, string Name, DateTimeOffset CreatedAt, bool SepaMandateActive);
    /// <summary>A draft, its company, and the declaration of the period's year it invoices (marked « Facturée » with it).</summary>
    private sealed record Batch(IReadOnlyList<(InvoiceDraft Draft, CompanyRow Company, Guid? DeclarationId)> Drafts, int WithoutDeclaration);

    /// <summary>The drafts of a run, company batch after company batch (keyset on the id: each batch is one query of each kind).</summary>
    private async IAsyncEnumerable<Batch> BatchesAsync(BillingRunKind kind, BillingPeriod period, TenantRules rules,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var today = time.Today();
        var issuedOn = today;
        var rate = rules.RatesFor(period.Year)!;
        Guid? after = null;
        while (true)
        {
            var query = db.Companies.AsNoTracking().Where(c => c.RemovedOn == null || c.RemovedOn >= period.Start);
            if (after is { } last) query = query.Where(c => c.Id.CompareTo(last) > 0);
            var page = await query.OrderBy(c => c.Id).Take(BatchSize).Select(c => new CompanyRow(c.Id, c.MemberNumber, c.Name, c.CreatedAt, c.SepaMandateActiveSince != null)).ToListAsync(ct);
            if (page.Count == 0) yield break;
            after = page[^1].Id;
            // Not yet a member during the period: nothing to bill.
            var companies = page.Where(c => JoinedOn(c) <= period.End).ToList();
            yield return kind == BillingRunKind.Visits
                ? await VisitDraftsAsync(companies, period, rules, rate, issuedOn, ct)
                : await ContributionDraftsAsync(companies, period, rules, rate, issuedOn, ct);
            if (page.Count < BatchSize) yield break;
        }
    }

    private static DateOnly JoinedOn(CompanyRow c) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.CreatedAt, FrenchTime.Paris).DateTime);

    private async Task<Batch> ContributionDraftsAsync(List<CompanyRow> companies, BillingPeriod period, TenantRules rules, RateRules rate, DateOnly issuedOn, CancellationToken ct)
    {
        // Temp-worker accounts are billed per visit where the tenant says so, not per head.
        var billed = companies.Where(c => !(rules.Billing.TempAgencyPerVisit && TempAgency.IsTempWorkerAccount(c.MemberNumber))).ToList();
        var ids = billed.Select(c => c.Id).ToList();
        var year = period.Year;
        // The figures of the latest filed declaration up to the period's year (a member that has not declared this year yet keeps last year's).
        var declarations = (await db.Declarations.AsNoTracking()
                .Where(d => ids.Contains(d.CompanyId) && d.Year <= year && Declaration.FiledStatuses.Contains(d.Status))
                .Select(d => new { d.Id, d.CompanyId, d.Year, d.Headcount, d.Apprentices }).ToListAsync(ct))
            .GroupBy(d => d.CompanyId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Year)!);
        var instalments = period.Cycle == BillingCycle.Annual ? rules.Billing.Instalments : 1;
        var dueDates = BillingPeriod.DueDates(issuedOn, instalments, rules.Billing.PaymentTermDays);
        var single = BillingPeriod.DueDates(issuedOn, 1, rules.Billing.PaymentTermDays);
        // The period's share of the year's rates; over a year, exactly the declaration's estimate.
        var share = ContributionCoverage.ShareOf(rate, period.Cycle, ContributionCoverage.MonthsOf(period));
        // The months of the period an invoice of any cycle covers already (a change of cycle mid-year, a confirmed declaration).
        var months = ContributionCoverage.MonthsOf(period);
        var covered = await ContributionCoverage.CoveredMonthsAsync(db, ids, year, ct);
        var key = ContributionKey(period);
        var drafts = new List<(InvoiceDraft, CompanyRow, Guid?)>();
        var without = 0;
        foreach (var company in billed)
        {
            if (!declarations.TryGetValue(company.Id, out var declared)) without++;
            else
            {
                var left = covered.TryGetValue(company.Id, out var done) ? months.Where(m => !done.Contains(m)).ToList() : months;
                // Partly billed already: only the months left, at their twelfths of the year's rates, due at once.
                var partial = left.Count > 0 && left.Count < months.Count;
                // As the estimate computes it: headcount × rate + apprentices × apprentice rate, less the SEPA discount
                // where the tenant gives one and the member's mandate is active (sst68: 1.5 %).
                var estimate = DeclarationEstimate.Compute(partial ? ContributionCoverage.ShareOf(rate, period.Cycle, left) : share, declared.Headcount, declared.Apprentices,
                    company.SepaMandateActive ? rules.Payment.SepaDiscountPercent : 0);
                if (estimate.TotalExclTax > 0)
                    drafts.Add((new InvoiceDraft(company.Id, Label(period, declared.Headcount, declared.Apprentices, partial ? left : null), issuedOn, estimate.TotalExclTax, rate.VatPercent,
                        partial ? single : dueDates)
                    {
                        BillingKey = key, Lines = LinesOf(estimate, period, rate, partial ? left : null),
                        // Billed already when an invoice of any cycle covers one of the months it bills (all of them covered: nothing to bill).
                        Overlaps = ContributionCoverage.KeysOverlapping(left.Count > 0 ? left : months).Where(k => k != key).ToList(),
                    }, company, declared.Year == year ? declared.Id : null));
            }
            // The entry fee of a member that joined during the period, once.
            if (rate.EntryFee is { } fee && period.Contains(JoinedOn(company)))
            {
                var line = new InvoiceLineDraft("Droit d'entrée (nouvel adhérent)", 1, fee);
                drafts.Add((new InvoiceDraft(company.Id, "Droit d'entrée", issuedOn, line.Amount, rate.VatPercent, single)
                {
                    BillingKey = "entry-fee", Lines = [line],
                }, company, null));
            }
        }
        return new Batch(drafts, without);
    }

    private async Task<Batch> VisitDraftsAsync(List<CompanyRow> companies, BillingPeriod period, TenantRules rules, RateRules rate, DateOnly issuedOn, CancellationToken ct)
    {
        var temp = companies.Where(c => TempAgency.IsTempWorkerAccount(c.MemberNumber)).ToDictionary(c => c.Id);
        if (temp.Count == 0) return new Batch([], 0);
        var held = await visits.HeldAsync(temp.Keys, period.Start, period.End, ct);
        var dueDates = BillingPeriod.DueDates(issuedOn, 1, rules.Billing.PaymentTermDays);
        var price = rate.TempWorkerVisit!.Value;
        var drafts = held.Select(v =>
        {
            var placed = string.IsNullOrWhiteSpace(v.UserCompanyName) ? "" : $" — entreprise utilisatrice {v.UserCompanyName.Trim()}";
            var line = new InvoiceLineDraft($"Visite « {VisitRules.Label(v.Type)} » d'un intérimaire du {v.HeldOn:dd/MM/yyyy}{placed}", 1, price);
            var label = $"Visite d'intérimaire du {v.HeldOn:dd/MM/yyyy}";
            return (new InvoiceDraft(v.CompanyId, label.Length > 200 ? label[..200] : label, issuedOn, line.Amount, rate.VatPercent, dueDates)
            {
                BillingKey = $"visit:{v.Id:N}", Lines = [line with { Label = line.Label.Length > 200 ? line.Label[..200] : line.Label }],
            }, temp[v.CompanyId], (Guid?)null);
        }).ToList();
        return new Batch(drafts, 0);
    }

    private static string Label(BillingPeriod period, int headcount, int apprentices, IReadOnlyList<DateOnly>? only = null) =>
        (period.Cycle == BillingCycle.Annual ? $"Cotisation {period.Year}" : $"Cotisation {period.Label}")
        + (only is null ? "" : $" ({ContributionCoverage.Label(only)})")
        + $" — {headcount} salarié{(headcount > 1 ? "s" : "")}" + (apprentices > 0 ? $", {apprentices} apprenti{(apprentices > 1 ? "s" : "")}" : "");

    /// <summary>The estimate's lines on the invoice (those with something to bill), the first named for the period.</summary>
    private static IReadOnlyList<InvoiceLineDraft> LinesOf(Estimate estimate, BillingPeriod period, RateRules rate, IReadOnlyList<DateOnly>? only = null) =>
        estimate.Lines.Where(l => l.Quantity != 0 && l.Amount != 0).Select((l, n) => new InvoiceLineDraft(n == 0 && l.Label == "Cotisation annuelle"
            ? only is not null
                ? $"Cotisation {ContributionCoverage.Label(only)} par salarié suivi ({only.Count}/12 du taux annuel de {Money.Format(rate.PerEmployee)} HT)"
            : period.Cycle == BillingCycle.Annual
                ? $"Cotisation annuelle {period.Year} par salarié suivi"
                : $"Cotisation {period.Label} par salarié suivi (1/{period.PerYear} du taux annuel de {Money.Format(rate.PerEmployee)} HT)"
            : only is not null ? $"{l.Label} ({ContributionCoverage.Label(only)})"
            : period.Cycle == BillingCycle.Annual ? l.Label : $"{l.Label} ({period.Label})", l.Quantity, l.UnitPrice)).ToList();

    private static EmailContent InvoiceEmail(TenantRules rules, (InvoiceDraft Draft, CompanyRow Company, Guid? DeclarationId) source, Invoice invoice, string portal)
    {
        // The schedule as the invoice has it: the same split of the same total over the same dates.
        var dueDates = source.Draft.InstalmentDueDates.Order().ToList();
        var amounts = Money.Split(invoice.TotalInclTax, dueDates.Count);
        return EmailTemplates.InvoiceIssued(rules, source.Company.Name, invoice.Number, invoice.Label, Money.Format(invoice.TotalInclTax),
            dueDates.Select((d, n) => $"{Money.Format(amounts[n])} le {d:dd/MM/yyyy}").ToList(), $"{portal}/entreprises/{invoice.CompanyId}/factures");
    }

    /// <summary>The tenant's portal address for links in e-mails sent outside a request (jobs).</summary>
    private string PortalUrl(TenantRules rules)
    {
        if (rules.Hosts.Count > 0) return $"https://{rules.Hosts[0]}";
        if (!string.IsNullOrWhiteSpace(tenancy.PlatformDomain)) return $"https://{rules.Slug}.{tenancy.PlatformDomain.Trim('.')}";
        return $"https://{rules.Slug}.localhost";
    }
}
