using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using System.Text.Json;
using Platform.Features.Regulation;

namespace Platform.Features.Workstations;

/// <summary>
/// What creating a workstation made: the workstation; or, with the error CONFIRMATION_REQUIRED, no
/// workstation and the similar ones (same CSP code) to confirm against.
/// </summary>
public sealed record NewWorkstation(WorkstationView? Workstation, IReadOnlyList<WorkstationView> Similar);

/// <summary>What deleting a workstation did: deleted, or closed instead (former employees held it) and the workstation now.</summary>
public sealed record WorkstationDeletion(bool Deleted, WorkstationView? Closed);

/// <summary>
/// The workstations of a company (SPEC.md 3.3, seed 001): declared one by one or imported, with a
/// confirmation when the CSP code is already used; edited or deleted only while nobody holds them;
/// closed ones kept and offered again. Other features read them through this service. Where the
/// tenant validates every employer change (sst68), each change is kept for staff and applied, checked
/// again, the day after their acceptance.
/// </summary>
public sealed class WorkstationService(
    PlatformDbContext db, CompanyAccess access, CompanyDirectory companies, WorkstationOccupancy occupancy, CurrentUser currentUser, PendingChanges.PendingChanges pendingChanges, TimeProvider time)
    : IPendingChangeApplier
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce poste de travail n'existe pas.", "id");

    public async Task<Page<WorkstationView>> ListAsync(Guid companyId, bool includeClosed, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var size = KeysetCursor.PageSize(first);
        var query = db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId);
        if (!includeClosed) query = query.Where(w => w.ClosedOn == null);
        var total = await query.CountAsync(ct);
        if (KeysetCursor.Decode(after) is var (label, id))
            query = query.Where(w => string.Compare(w.Label, label) >= 0 && (string.Compare(w.Label, label) > 0 || w.Id.CompareTo(id) > 0));
        var rows = await query.OrderBy(w => w.Label).ThenBy(w => w.Id).Take(size + 1).ToListAsync(ct);
        var views = await ViewsAsync(rows, ct);
        return KeysetCursor.ToPage(views, size, total, v => KeysetCursor.Encode(v.Label, v.Id));
    }

    /// <summary>A workstation the caller may see, or null (unknown, another company's the caller cannot see, another tenant's).</summary>
    public async Task<WorkstationView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var workstation = await db.Workstations.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (workstation is null || !await access.HasAsync(workstation.CompanyId, Permission.ViewEmployees, ct)) return null;
        return (await ViewsAsync([workstation], ct))[0];
    }

    /// <summary>Views by id without access checks, for features that already checked the company (the employee list).</summary>
    internal async Task<IReadOnlyDictionary<Guid, WorkstationView>> ViewsByIdAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<Guid, WorkstationView>();
        var rows = await db.Workstations.AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        return (await ViewsAsync(rows, ct)).ToDictionary(v => v.Id);
    }

    /// <summary>The company's open workstations, for the forms' choice lists and the imports.</summary>
    public async Task<IReadOnlyList<WorkstationView>> OpenAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var rows = await db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId && w.ClosedOn == null).OrderBy(w => w.Label).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    public async Task<Outcome<NewWorkstation>> CreateAsync(Guid companyId, WorkstationDraft draft, bool confirmDuplicate, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageEmployees, ct);
        var (checkedDraft, errors) = WorkstationRules.Check(draft);
        if (checkedDraft is null) return Outcome<NewWorkstation>.Fail(errors);
        if (await TempLimitProblemAsync(companyId, 1, ct) is { } limit) return limit;

        if (!confirmDuplicate)
        {
            var similar = await db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId && w.CspCode == checkedDraft.CspCode)
                .OrderBy(w => w.ClosedOn != null).ThenBy(w => w.Label).ToListAsync(ct);
            if (similar.Count > 0)
                return new(new NewWorkstation(null, await ViewsAsync(similar, ct)), [new UserError("CONFIRMATION_REQUIRED",
                    "Nous avons détecté un ou plusieurs poste(s) similaire(s). Si vous souhaitez tout de même poursuivre, confirmez la création ; sinon, reprenez un poste existant.", "cspCode")]);
        }

        if (await pendingChanges.MustWaitAsync())
            return Outcome<NewWorkstation>.Waiting(await pendingChanges.RecordAsync(companyId, PendingChangeKind.WorkstationCreate, null, $"Poste {checkedDraft.Label}",
                $"Nouveau poste : {checkedDraft.Label} ({checkedDraft.CspCode})", checkedDraft, null, ct));
        var workstation = New(companyId, checkedDraft);
        db.Workstations.Add(workstation);
        db.AuditEntries.Record(time, currentUser.UserId, "workstation.created", "Workstation", workstation.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<NewWorkstation>.Ok(new NewWorkstation((await ViewsAsync([workstation], ct))[0], []));
    }

    public async Task<Outcome<WorkstationView>> UpdateAsync(Guid id, WorkstationDraft draft, CancellationToken ct = default)
    {
        var workstation = await db.Workstations.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (workstation is null || !await access.HasAsync(workstation.CompanyId, Permission.ViewEmployees, ct)) return NotFound;
        await access.RequireAsync(workstation.CompanyId, Permission.ManageEmployees, ct);
        if (await HeldProblemAsync(workstation, ct) is { } held) return held;
        if (workstation.ClosedOn is not null) return new UserError("CLOSED", "Ce poste est clôturé : rouvrez-le avant de le modifier.", "id");
        var (checkedDraft, errors) = WorkstationRules.Check(draft);
        if (checkedDraft is null) return Outcome<WorkstationView>.Fail(errors);
        if (await pendingChanges.MustWaitAsync())
            return Outcome<WorkstationView>.Waiting(await pendingChanges.RecordAsync(workstation.CompanyId, PendingChangeKind.WorkstationUpdate, workstation.Id, $"Poste {workstation.Label}",
                $"Modification du poste {workstation.Label}", checkedDraft, Differences(workstation, checkedDraft), ct));
        Apply(workstation, checkedDraft);
        db.AuditEntries.Record(time, currentUser.UserId, "workstation.updated", "Workstation", workstation.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<WorkstationView>.Ok((await ViewsAsync([workstation], ct))[0]);
    }

    /// <summary>Deletes a workstation nobody ever held; one that former employees held is closed instead, to keep their careers.</summary>
    public async Task<Outcome<WorkstationDeletion>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var workstation = await db.Workstations.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (workstation is null || !await access.HasAsync(workstation.CompanyId, Permission.ViewEmployees, ct)) return NotFound;
        await access.RequireAsync(workstation.CompanyId, Permission.ManageEmployees, ct);
        if (await HeldProblemAsync(workstation, ct) is { } held) return held;
        if (await pendingChanges.MustWaitAsync())
            return Outcome<WorkstationDeletion>.Waiting(await pendingChanges.RecordAsync(workstation.CompanyId, PendingChangeKind.WorkstationDelete, workstation.Id, $"Poste {workstation.Label}",
                $"Suppression du poste {workstation.Label}", new { }, null, ct));
        if (await occupancy.EverHeldAsync(id, ct))
        {
            workstation.ClosedOn ??= time.Today();
            db.AuditEntries.Record(time, currentUser.UserId, "workstation.closed", "Workstation", workstation.Id);
            await db.SaveChangesAsync(ct);
            return Outcome<WorkstationDeletion>.Ok(new WorkstationDeletion(false, (await ViewsAsync([workstation], ct))[0]));
        }
        db.Workstations.Remove(workstation);
        db.AuditEntries.Record(time, currentUser.UserId, "workstation.deleted", "Workstation", workstation.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<WorkstationDeletion>.Ok(new WorkstationDeletion(true, null));
    }

    public async Task<Outcome<WorkstationView>> CloseAsync(Guid id, CancellationToken ct = default) => await SetClosedAsync(id, close: true, ct);

    /// <summary>A closed workstation offered again (seed 001) is reopened rather than declared twice.</summary>
    public async Task<Outcome<WorkstationView>> ReopenAsync(Guid id, CancellationToken ct = default) => await SetClosedAsync(id, close: false, ct);

    private async Task<Outcome<WorkstationView>> SetClosedAsync(Guid id, bool close, CancellationToken ct)
    {
        var workstation = await db.Workstations.SingleOrDefaultAsync(w => w.Id == id, ct);
        if (workstation is null || !await access.HasAsync(workstation.CompanyId, Permission.ViewEmployees, ct)) return NotFound;
        await access.RequireAsync(workstation.CompanyId, Permission.ManageEmployees, ct);
        if (close && await HeldProblemAsync(workstation, ct) is { } held) return held;
        if (!close && workstation.ClosedOn is not null && await TempLimitProblemAsync(workstation.CompanyId, 1, ct) is { } limit) return limit;
        if (close != (workstation.ClosedOn is not null) && await pendingChanges.MustWaitAsync())
            return Outcome<WorkstationView>.Waiting(await pendingChanges.RecordAsync(workstation.CompanyId, close ? PendingChangeKind.WorkstationClose : PendingChangeKind.WorkstationReopen,
                workstation.Id, $"Poste {workstation.Label}", $"{(close ? "Clôture" : "Réouverture")} du poste {workstation.Label}", new { }, null, ct));
        if (close != (workstation.ClosedOn is not null))
        {
            workstation.ClosedOn = close ? time.Today() : null;
            db.AuditEntries.Record(time, currentUser.UserId, close ? "workstation.closed" : "workstation.reopened", "Workstation", workstation.Id);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<WorkstationView>.Ok((await ViewsAsync([workstation], ct))[0]);
    }

    /// <summary>
    /// The reference file of seed 001, adding only: every line is checked first; with any error nothing
    /// is imported. Lines repeating an open workstation (same code, label and risks) are errors too.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Guid companyId, string csv, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageEmployees, ct);
        var parsed = WorkstationCsv.Parse(csv);
        if (parsed.Errors.Count > 0) return new(0, parsed.Errors);
        if (parsed.Workstations.Count == 0) return ImportResult.Failed(new ImportError(1, null, "EMPTY", "Le fichier ne contient aucun poste : remplissez une ligne par poste sous l'en-tête."));

        var errors = new List<ImportError>();
        var existing = (await db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId && w.ClosedOn == null).ToListAsync(ct))
            .Select(Identity).ToHashSet();
        var seen = new Dictionary<string, int>();
        foreach (var (line, workstation) in parsed.Workstations)
        {
            var identity = Identity(workstation);
            if (existing.Contains(identity))
                errors.Add(new(line, "Libellé", "ALREADY_EXISTS", $"Le poste « {workstation.Label} » ({workstation.CspCode}) existe déjà avec les mêmes risques : l'import n'ajoute que des postes nouveaux."));
            else if (seen.TryGetValue(identity, out var first))
                errors.Add(new(line, "Libellé", "DUPLICATE_LINE", $"Cette ligne répète le poste de la ligne {first}."));
            else seen[identity] = line;
        }
        if (await TempLimitProblemAsync(companyId, parsed.Workstations.Count, ct) is { } limit)
            errors.Add(new(1, null, limit.Code, limit.Message));
        if (errors.Count > 0) return new(0, errors);

        if (await pendingChanges.MustWaitAsync())
            return new(0, []) { Pending = await pendingChanges.RecordAsync(companyId, PendingChangeKind.WorkstationImport, null, "Import de postes",
                $"Import de {parsed.Workstations.Count} poste(s) : {string.Join(", ", parsed.Workstations.Select(w => w.Workstation.Label))}", parsed.Workstations.Select(w => w.Workstation).ToList(), null, ct) };
        foreach (var (_, checkedDraft) in parsed.Workstations) db.Workstations.Add(New(companyId, checkedDraft));
        db.AuditEntries.Record(time, currentUser.UserId, "workstation.imported", "Company", companyId, $$"""{"count":{{parsed.Workstations.Count}}}""");
        await db.SaveChangesAsync(ct);
        return new(parsed.Workstations.Count, []);
    }

    public bool Applies(PendingChangeKind kind) => PendingChanges.PendingChanges.Area(kind) == "workstation";

    /// <summary>An accepted change on its day, checked again against the workstations as they are then.</summary>
    public async Task<Outcome> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        var json = PendingChanges.PendingChanges.Json;
        if (change.Kind == PendingChangeKind.WorkstationCreate || change.Kind == PendingChangeKind.WorkstationImport)
        {
            var drafts = change.Kind == PendingChangeKind.WorkstationCreate
                ? [JsonSerializer.Deserialize<CheckedWorkstation>(change.Payload, json)!]
                : JsonSerializer.Deserialize<List<CheckedWorkstation>>(change.Payload, json)!;
            if (await TempLimitProblemAsync(change.CompanyId, drafts.Count, ct) is { } limit) return limit;
            foreach (var draft in drafts) db.Workstations.Add(New(change.CompanyId, draft));
            return Outcome.Ok;
        }
        var workstation = await db.Workstations.SingleOrDefaultAsync(w => w.Id == change.SubjectId && w.CompanyId == change.CompanyId, ct);
        if (workstation is null) return new UserError("NOT_FOUND", "Ce poste a été supprimé entre-temps.", "id");
        switch (change.Kind)
        {
            case PendingChangeKind.WorkstationUpdate:
                if (await HeldProblemAsync(workstation, ct) is { } held) return held;
                if (workstation.ClosedOn is not null) return new UserError("CLOSED", "Ce poste a été clôturé entre-temps.", "id");
                Apply(workstation, JsonSerializer.Deserialize<CheckedWorkstation>(change.Payload, json)!);
                return Outcome.Ok;
            case PendingChangeKind.WorkstationClose:
                if (await HeldProblemAsync(workstation, ct) is { } heldNow) return heldNow;
                workstation.ClosedOn ??= time.Today();
                return Outcome.Ok;
            case PendingChangeKind.WorkstationReopen:
                if (workstation.ClosedOn is not null && await TempLimitProblemAsync(workstation.CompanyId, 1, ct) is { } full) return full;
                workstation.ClosedOn = null;
                return Outcome.Ok;
            default:
                if (await HeldProblemAsync(workstation, ct) is { } stillHeld) return stillHeld;
                // As a direct deletion: one that former employees held is closed, to keep their careers.
                if (await occupancy.EverHeldAsync(workstation.Id, ct)) workstation.ClosedOn ??= time.Today();
                else db.Workstations.Remove(workstation);
                return Outcome.Ok;
        }
    }

    private static List<FieldChange> Differences(Workstation w, CheckedWorkstation d) =>
        new[]
        {
            ("label", "Intitulé", w.Label, d.Label), ("cspCode", "Code CSP", w.CspCode, d.CspCode),
            ("risks", "Risques", string.Join(", ", w.Risks.Select(WorkstationRules.Label)), string.Join(", ", d.Risks.Select(WorkstationRules.Label))),
        }.Where(f => f.Item3 != f.Item4).Select(f => new FieldChange(f.Item1, f.Item2, f.Item3, f.Item4)).ToList();

    private Workstation New(Guid companyId, CheckedWorkstation draft)
    {
        var workstation = new Workstation { CompanyId = companyId, Label = draft.Label, CspCode = draft.CspCode, CreatedAt = time.GetUtcNow() };
        Apply(workstation, draft);
        return workstation;
    }

    private static void Apply(Workstation w, CheckedWorkstation draft)
    {
        w.Label = draft.Label;
        w.CspCode = draft.CspCode;
        w.Risks = draft.Risks;
        w.RadiationCategory = draft.RadiationCategory;
        w.CacesCategories = draft.CacesCategories;
        w.OtherRiskDescription = draft.OtherRiskDescription;
    }

    // Same code, label and risks: the same workstation for the import, which adds only.
    private static string Identity(Workstation w) => Identity(w.CspCode, w.Label, w.Risks);
    private static string Identity(CheckedWorkstation w) => Identity(w.CspCode, w.Label, w.Risks);
    private static string Identity(string cspCode, string label, IEnumerable<Risk> risks) => $"{cspCode}|{label}|{string.Join(',', risks.Order())}";

    private async Task<UserError?> HeldProblemAsync(Workstation workstation, CancellationToken ct) =>
        (await occupancy.HeldAsync([workstation.Id], ct)).Count > 0
            ? new UserError("WORKSTATION_HELD", "Ce poste est attribué à un salarié présent dans l'entreprise : attribuez-lui un autre poste ou enregistrez sa sortie avant de modifier ou supprimer le poste.", "id")
            : null;

    private async Task<UserError?> TempLimitProblemAsync(Guid companyId, int adding, CancellationToken ct)
    {
        var company = await companies.GetAsync(companyId, ct);
        if (company is null || !company.IsTempWorkerAccount) return null;
        var open = await db.Workstations.CountAsync(w => w.CompanyId == companyId && w.ClosedOn == null, ct);
        return open + adding > TempAgency.MaxTempWorkstations
            ? new UserError("TEMP_WORKSTATION_LIMIT", $"Un compte intérimaires déclare au plus {TempAgency.MaxTempWorkstations} postes de travail : clôturez un poste avant d'en ajouter un autre.", "companyId")
            : null;
    }

    private async Task<IReadOnlyList<WorkstationView>> ViewsAsync(IReadOnlyList<Workstation> rows, CancellationToken ct)
    {
        var held = await occupancy.HeldAsync(rows.Select(r => r.Id).ToList(), ct);
        var today = time.Today();
        return rows.Select(w => WorkstationView.Of(w, held.Contains(w.Id), today)).ToList();
    }
}
