using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Features.Employees;

/// <summary>A workstation offered by the list's filter.</summary>
public sealed record WorkstationChoice(Guid Id, string Label);

/// <summary>
/// Reading employees (SPEC.md 3.4, seeds 001, 003): the list with its filters and keyset pages, one
/// employee, careers, the list's check. The hottest reads of the portal and the API, so each reads
/// in one database command whatever the page size: the current workstation and whether a current
/// employee holds it are joined in, and the list's total travels with its first page.
/// </summary>
public sealed class EmployeeQueries(PlatformDbContext db, CompanyAccess access, WorkstationService workstations, EmployeeListCache cache, TimeProvider time)
{
    public async Task<Page<EmployeeView>> ListAsync(Guid companyId, EmployeeFilter filter, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var size = KeysetCursor.PageSize(first);
        var today = time.Today();
        var (prefix, civility, search) = Criteria(filter);
        var cursor = KeysetCursor.Decode(after);
        // After the permission check: the page kept at the company's current version, if any (EmployeeListCache). Its
        // key is what the query reads (criteria folded, cursor decoded), not the caller's text: an overlong search or
        // a cursor that does not decode read the same page as none, and keep nothing more.
        var key = new EmployeeListCache.Key(db.TenantId!, companyId, today,
            (filter.ActiveOnly, filter.WorkstationId, prefix, civility, search, cursor?.SortKey, cursor?.Id, size));
        var version = await CacheableVersionAsync(companyId, ct);
        if (version is not null && cache.TryGet(key, version.Value, out Page<EmployeeView> kept)) return kept;
        var rows = new List<ListedRow>(size + 1);
        await foreach (var row in PageQuery(db, companyId, today, filter.ActiveOnly ? today : null, filter.WorkstationId, prefix, civility, search,
                           cursor?.SortKey, cursor?.Id ?? Guid.Empty, size + 1).WithCancellation(ct))
            rows.Add(row);
        // Past the last page no row carries the total: count then (a client following cursors stops before).
        var total = rows.Count > 0 ? rows[0].Total : after is null ? 0 : await Filtered(companyId, filter, today).CountAsync(ct);
        var known = new Dictionary<Guid, WorkstationView>();
        // The cursor is the row's stored sort key, the very column the page is ordered by.
        var items = rows.Take(size).Select(r => new PageItem<EmployeeView>(r.Row.ToView(today, known), KeysetCursor.Encode(r.Row.SortName, r.Row.Id))).ToList();
        var page = new Page<EmployeeView>(items, rows.Count > size, total);
        if (version is not null) cache.Set(key, version.Value, page, items.Count);
        return page;
    }

    /// <summary>
    /// The list's page in one command, compiled once: EF Core's expression work on a query built from
    /// optional filters cost more than running it. Every filter is a parameter; an absent one (null)
    /// drops out of the SQL, EF keeping one statement per combination of absent filters. The tenant's
    /// query filter is part of the compiled query and reads the context instance's tenant on each
    /// execution, for the employees, the total, the workstation and the careers alike.
    /// The total is a scalar subquery: the database counts once per command, not per row.
    /// </summary>
    private static readonly Func<PlatformDbContext, Guid, DateOnly, DateOnly?, Guid?, string?, string?, string?, string?, Guid, int, IAsyncEnumerable<ListedRow>> PageQuery =
        EF.CompileAsyncQuery((PlatformDbContext db, Guid companyId, DateOnly today, DateOnly? activeOn, Guid? workstationId, string? prefix, string? civility,
            string? search, string? afterName, Guid afterId, int take) =>
        (from e in db.Employees.AsNoTracking()
         where e.CompanyId == companyId
             && (activeOn == null || e.EndDate == null || e.EndDate >= activeOn)
             && (workstationId == null || e.CurrentWorkstationId == workstationId)
             && (prefix == null || e.SortName.StartsWith(prefix))
             && (civility == null || e.Civility == civility)
             && (search == null || e.SortName.Contains(search))
             // Written as a range on the index (SortName >= …) so that a deep page starts where the last one ended.
             && (afterName == null || (string.Compare(e.SortName, afterName) >= 0 && (string.Compare(e.SortName, afterName) > 0 || e.Id.CompareTo(afterId) > 0)))
         join w in db.Workstations.AsNoTracking() on e.CurrentWorkstationId equals w.Id into current
         from w in current.DefaultIfEmpty()
         orderby e.SortName, e.Id
         select new ListedRow
         {
             Row = new EmployeeRow
             {
                 Id = e.Id, CompanyId = e.CompanyId, Civility = e.Civility, FirstName = e.FirstName, BirthName = e.BirthName, MarriedName = e.MarriedName,
                 BirthDate = e.BirthDate, MaskedNir = e.MaskedNir, Contract = e.Contract, StartDate = e.StartDate, EndDate = e.EndDate,
                 Validated = e.ValidatedAt != null, DeclaredFollowUp = e.DeclaredFollowUp, SortName = e.SortName,
                 Situations = e.Situations, RetirementDate = e.RetirementDate, ExposureEndedOn = e.ExposureEndedOn,
                 Workstation = w == null ? null : new WorkstationColumns
                 {
                     Id = w.Id, CompanyId = w.CompanyId, Label = w.Label, CspCode = w.CspCode, Risks = w.Risks, RadiationCategory = w.RadiationCategory,
                     CacesCategories = w.CacesCategories, OtherRiskDescription = w.OtherRiskDescription, Closed = w.ClosedOn != null,
                     Held = db.CareerEntries.Any(c => c.WorkstationId == w.Id && (c.EndDate == null || c.EndDate >= today)),
                 },
             },
             // The same filters as above, without the cursor.
             Total = db.Employees.Count(x => x.CompanyId == companyId
                 && (activeOn == null || x.EndDate == null || x.EndDate >= activeOn)
                 && (workstationId == null || x.CurrentWorkstationId == workstationId)
                 && (prefix == null || x.SortName.StartsWith(prefix))
                 && (civility == null || x.Civility == civility)
                 && (search == null || x.SortName.Contains(search))),
         }).Take(take));

    /// <summary>The filter's text criteria as the sort key holds them (folded), null when absent.</summary>
    private static (string? Prefix, string? Civility, string? Search) Criteria(EmployeeFilter filter)
    {
        var prefix = filter.Initial is { } initial && char.IsLetter(initial) ? EmployeeRules.Fold(initial.ToString()) : null;
        var search = EmployeeRules.Fold(filter.Search?.Trim() ?? "");
        return (prefix, EmployeeRules.Civility(filter.Sex), search.Length > 0 && search.Length <= 100 ? search : null);
    }

    /// <summary>Every employee the filter selects, in list order (export, print, the check).</summary>
    public async Task<IReadOnlyList<EmployeeView>> AllAsync(Guid companyId, EmployeeFilter filter, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var today = time.Today();
        var rows = await Rows(Filtered(companyId, filter, today), today).OrderBy(r => r.SortName).ThenBy(r => r.Id).ToListAsync(ct);
        var known = new Dictionary<Guid, WorkstationView>();
        return rows.Select(r => r.ToView(today, known)).ToList();
    }

    /// <summary>Some employees of a company by id, in one command (the people a page of appointments names).</summary>
    public async Task<IReadOnlyList<EmployeeView>> SomeAsync(Guid companyId, IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        if (ids.Count == 0) return [];
        var today = time.Today();
        var rows = await Rows(db.Employees.Where(e => e.CompanyId == companyId && ids.Contains(e.Id)), today).ToListAsync(ct);
        var known = new Dictionary<Guid, WorkstationView>();
        return rows.Select(r => r.ToView(today, known)).ToList();
    }

    public async Task<EmployeeView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var today = time.Today();
        var row = await Rows(db.Employees.Where(e => e.Id == id), today).SingleOrDefaultAsync(ct);
        if (row is null || !await access.HasAsync(row.CompanyId, Permission.ViewEmployees, ct)) return null;
        return row.ToView(today, []);
    }

    /// <summary>
    /// The careers of several employees in two queries (the API's batch of a page), for the companies the
    /// caller may see; the others read as empty.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CareerEntryView>>> CareersAsync(IReadOnlyCollection<EmployeeView> employees, CancellationToken ct = default)
    {
        var visible = new List<Guid>();
        foreach (var company in employees.GroupBy(e => e.CompanyId))
            if (await access.HasAsync(company.Key, Permission.ViewEmployees, ct)) visible.AddRange(company.Select(e => e.Id));
        var entries = await db.CareerEntries.AsNoTracking().Where(c => visible.Contains(c.EmployeeId)).ToListAsync(ct);
        var byId = await workstations.ViewsByIdAsync(entries.Select(e => e.WorkstationId).Distinct().ToList(), ct);
        return employees.ToDictionary(e => e.Id, e => (IReadOnlyList<CareerEntryView>)entries.Where(c => c.EmployeeId == e.Id)
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Select(c => new CareerEntryView(c.Id, byId[c.WorkstationId], c.Contract, c.StartDate, c.EndDate)).ToList());
    }

    /// <summary>
    /// "Vérifier la liste" (seeds 001, 003): active employees without a workstation (no visit can be
    /// requested for them), and those whose declared follow-up is not the one their workstation's risks call for.
    /// </summary>
    public async Task<IReadOnlyList<EmployeeCheck>> CheckAsync(Guid companyId, CancellationToken ct = default)
    {
        var active = await AllAsync(companyId, new EmployeeFilter(ActiveOnly: true), ct);
        var checks = new List<EmployeeCheck>();
        foreach (var e in active)
        {
            if (e.CurrentWorkstation is null)
                checks.Add(new(e, EmployeeProblem.NoWorkstation, "Aucun poste de travail (ni code CSP) : attribuez-lui un poste pour pouvoir demander une visite."));
            else if (e.DeclaredFollowUp is { } declared && declared != e.CurrentWorkstation.FollowUp)
                checks.Add(new(e, EmployeeProblem.FollowUpMismatch,
                    $"Suivi déclaré {declared}, alors que les risques du poste « {e.CurrentWorkstation.Label} » relèvent du suivi {e.CurrentWorkstation.FollowUp}."));
        }
        return checks;
    }

    /// <summary>The company's open workstations as the list's filter offers them (name only: no occupancy to read).</summary>
    public async Task<IReadOnlyList<WorkstationChoice>> WorkstationChoicesAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var key = new EmployeeListCache.Key(db.TenantId!, companyId, DateOnly.MinValue, nameof(WorkstationChoicesAsync));
        var version = await CacheableVersionAsync(companyId, ct);
        if (version is not null && cache.TryGet(key, version.Value, out IReadOnlyList<WorkstationChoice> kept)) return kept;
        var choices = await db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId && w.ClosedOn == null).OrderBy(w => w.Label)
            .Select(w => new WorkstationChoice(w.Id, w.Label)).ToListAsync(ct);
        if (version is not null) cache.Set(key, version.Value, (IReadOnlyList<WorkstationChoice>)choices, choices.Count);
        return choices;
    }

    /// <summary>
    /// The version the list cache may serve and keep at, or null inside a transaction: rows read there may be
    /// rolled back, and another state would then carry their version.
    /// </summary>
    private async Task<long?> CacheableVersionAsync(Guid companyId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return null;
        return await access.WorkforceVersionAsync(companyId, ct);
    }

    private IQueryable<Employee> Filtered(Guid companyId, EmployeeFilter filter, DateOnly today)
    {
        var (prefix, civility, search) = Criteria(filter);
        var query = db.Employees.Where(e => e.CompanyId == companyId);
        if (filter.ActiveOnly) query = query.Where(e => e.EndDate == null || e.EndDate >= today);
        if (filter.WorkstationId is { } workstationId) query = query.Where(e => e.CurrentWorkstationId == workstationId);
        if (prefix is not null) query = query.Where(e => e.SortName.StartsWith(prefix));
        if (civility is not null) query = query.Where(e => e.Civility == civility);
        if (search is not null) query = query.Where(e => e.SortName.Contains(search));
        return query;
    }

    /// <summary>
    /// The employees with their current workstation (left join) and whether a current employee holds it
    /// (one EXISTS a row), read untracked: one command, no second round-trip for the workstations.
    /// Every set here goes through the tenant filter of the context.
    /// </summary>
    private IQueryable<EmployeeRow> Rows(IQueryable<Employee> employees, DateOnly today) =>
        from e in employees.AsNoTracking()
        join w in db.Workstations.AsNoTracking() on e.CurrentWorkstationId equals w.Id into current
        from w in current.DefaultIfEmpty()
        select new EmployeeRow
        {
            Id = e.Id, CompanyId = e.CompanyId, Civility = e.Civility, FirstName = e.FirstName, BirthName = e.BirthName, MarriedName = e.MarriedName,
            BirthDate = e.BirthDate, MaskedNir = e.MaskedNir, Contract = e.Contract, StartDate = e.StartDate, EndDate = e.EndDate,
            Validated = e.ValidatedAt != null, DeclaredFollowUp = e.DeclaredFollowUp, SortName = e.SortName,
            Situations = e.Situations, RetirementDate = e.RetirementDate, ExposureEndedOn = e.ExposureEndedOn,
            // Its columns, not the entity: a page repeats the same few workstations, and building entities cost more than reading.
            Workstation = w == null ? null : new WorkstationColumns
            {
                Id = w.Id, CompanyId = w.CompanyId, Label = w.Label, CspCode = w.CspCode, Risks = w.Risks, RadiationCategory = w.RadiationCategory,
                CacesCategories = w.CacesCategories, OtherRiskDescription = w.OtherRiskDescription, Closed = w.ClosedOn != null,
                Held = db.CareerEntries.Any(c => c.WorkstationId == w.Id && (c.EndDate == null || c.EndDate >= today)),
            },
        };

    /// <summary>A row of the list's page with the filtered list's total.</summary>
    private sealed class ListedRow
    {
        public EmployeeRow Row { get; init; } = null!;
        public int Total { get; init; }
    }

    /// <summary>What a list row reads (member-initialised so that the database can order and page on it).</summary>
    private sealed class EmployeeRow
    {
        public Guid Id { get; init; }
        public Guid CompanyId { get; init; }
        public string Civility { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string BirthName { get; init; } = "";
        public string? MarriedName { get; init; }
        public DateOnly BirthDate { get; init; }
        public string? MaskedNir { get; init; }
        public string Contract { get; init; } = "";
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }
        public bool Validated { get; init; }
        public FollowUpCategory? DeclaredFollowUp { get; init; }
        public string SortName { get; init; } = "";
        public EmployeeSituations Situations { get; init; }
        public DateOnly? RetirementDate { get; init; }
        public DateOnly? ExposureEndedOn { get; init; }
        public WorkstationColumns? Workstation { get; init; }

        /// <summary>The view; <paramref name="workstations"/> keeps each workstation's view for the other rows of the list.</summary>
        public EmployeeView ToView(DateOnly today, Dictionary<Guid, WorkstationView> workstations) => new(
            Id, CompanyId, Civility, FirstName, BirthName, MarriedName, BirthDate, MaskedNir, Contract, StartDate, EndDate, Validated,
            Workstation is null ? null : workstations.TryGetValue(Workstation.Id, out var known) ? known : workstations[Workstation.Id] = Workstation.ToView(today),
            DeclaredFollowUp, EndDate is null || EndDate >= today)
        {
            Situations = Situations, RetirementDate = RetirementDate, ExposureEndedOn = ExposureEndedOn,
        };
    }

    private sealed class WorkstationColumns
    {
        public Guid Id { get; init; }
        public Guid CompanyId { get; init; }
        public string Label { get; init; } = "";
        public string CspCode { get; init; } = "";
        public List<Risk> Risks { get; init; } = [];
        public string? RadiationCategory { get; init; }
        public List<string> CacesCategories { get; init; } = [];
        public string? OtherRiskDescription { get; init; }
        public bool Closed { get; init; }
        /// <summary>A current employee holds it: it cannot be edited.</summary>
        public bool Held { get; init; }

        public WorkstationView ToView(DateOnly today) => WorkstationView.Of(
            new Workstation { Id = Id, CompanyId = CompanyId, Label = Label, CspCode = CspCode, Risks = Risks, RadiationCategory = RadiationCategory,
                CacesCategories = CacesCategories, OtherRiskDescription = OtherRiskDescription, ClosedOn = Closed ? DateOnly.MinValue : null },
            Held, today);
    }
}
