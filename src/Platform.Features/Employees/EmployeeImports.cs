using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Imports;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Employees;

/// <summary>
/// The bulk imports of seed 001: new employees, and contract end dates. Adding only; all or nothing:
/// every line is checked first, and any bad line imports nothing and is listed with its column.
/// </summary>
public sealed class EmployeeImports(PlatformDbContext db, EmployeeLock employeeLock, EmployeeDeclarations declarations, EmployeeChanges changes, PendingChanges.PendingChanges pendingChanges, Visits.EmployeeVisitRequests visitRequests, Appointments.EmployeeAppointments appointments, CompanyDirectory companies, CurrentUser currentUser, TimeProvider time)
{
    private const string Contract = "Libelle du type de contrat";

    public async Task<ImportResult> ImportNewAsync(Guid companyId, string text, CancellationToken ct = default)
    {
        if (await employeeLock.CanWriteAsync(companyId, ct) is { Succeeded: false } locked) return ImportResult.Failed(new ImportError(1, null, locked.Errors[0].Code, locked.Errors[0].Message));
        var (header, lines) = Csv.Read(text);
        if (header is null) return ImportResult.Failed(new ImportError(1, null, "EMPTY", "Le fichier est vide : téléchargez le fichier de référence et remplissez-le."));
        if (!Csv.HeaderMatches(header, EmployeeCsv.NewEmployeesHeader, cellsToCompare: 3))
            return ImportResult.Failed(new ImportError(1, null, "BAD_HEADER", "La première ligne doit reprendre les colonnes du fichier de référence « Création de salariés » (Civilite ; Prenom ; Nom de naissance…), séparées par des points-virgules."));
        if (lines.Count == 0) return ImportResult.Failed(new ImportError(2, null, "EMPTY", "Le fichier ne contient aucun salarié : remplissez une ligne par salarié sous l'en-tête."));
        if (lines.Count > Csv.MaxLines) return ImportResult.Failed(new ImportError(Csv.MaxLines + 2, null, "TOO_MANY_LINES", $"Le fichier dépasse {Csv.MaxLines} lignes : découpez-le."));

        var company = (await companies.GetAsync(companyId, ct))!;
        var today = time.Today();
        var workstations = (await db.Workstations.AsNoTracking().Where(w => w.CompanyId == companyId && w.ClosedOn == null)
                .Select(w => new { w.Id, w.CspCode, w.Label }).ToListAsync(ct))
            .GroupBy(w => (w.CspCode, Label: EmployeeRules.Fold(w.Label))).ToDictionary(g => g.Key, g => g.First().Id);
        var known = (await db.Employees.AsNoTracking().Where(e => e.CompanyId == companyId).Select(e => new { e.SortName, e.BirthDate }).ToListAsync(ct))
            .Select(e => (e.SortName, e.BirthDate)).ToHashSet();
        var inFile = new Dictionary<(string, DateOnly), int>();

        var errors = new List<ImportError>();
        var accepted = new List<(CheckedEmployee Employee, DateOnly? EndDate)>();
        foreach (var line in lines)
        {
            var lineErrors = new List<ImportError>();
            void Error(string column, string code, string message) => lineErrors.Add(new(line.Number, column, code, message));

            var birthDate = DateCell(line, 4, "Date de naissance", required: true, Error);
            var startDate = DateCell(line, 6, "Date entree", required: true, Error);
            var endDate = DateCell(line, 7, "Date sortie", required: false, Error);

            Guid? workstationId = null;
            var (code, label) = (line.Cell(8).ToLowerInvariant(), line.Cell(9));
            if (code.Length > 0 || label.Length > 0)
            {
                if (workstations.TryGetValue((code, EmployeeRules.Fold(label)), out var id)) workstationId = id;
                else Error("Libelle du type de poste", "UNKNOWN_WORKSTATION",
                    $"Aucun poste « {Short(label)} » de code CSP « {Short(code)} » dans l'entreprise : déclarez-le d'abord dans « Postes de travail », puis importez à nouveau.");
            }

            var ins = line.Cell(5) is "N" or "n" ? "" : line.Cell(5); // the template's bare prefix means "no INS"
            var draft = new EmployeeDraft(line.Cell(0), line.Cell(1), line.Cell(2), line.Cell(3), birthDate, ins, line.Cell(10), startDate, workstationId);
            var (employee, problems) = EmployeeRules.Check(draft, today, company.IsTempWorkerAccount);
            // A date the file gave but could not be read is reported once, by its own column.
            lineErrors.AddRange(problems.Where(p => !(p.Code == "REQUIRED" && p.Field is "birthDate" or "startDate"))
                .Select(p => new ImportError(line.Number, ColumnOf(p.Field), p.Code, p.Message)));
            if (employee is not null && endDate is { } end && end < employee.StartDate)
                Error("Date sortie", "INVALID_END_DATE", "La date de sortie précède la date d'entrée.");
            if (employee is not null && lineErrors.Count == 0)
            {
                var key = (EmployeeRules.SortName(employee.BirthName, employee.FirstName), employee.BirthDate);
                if (known.Contains(key)) Error("Nom de naissance", "ALREADY_DECLARED", EmployeeDeclarations.AlreadyDeclared(employee).Message);
                else if (inFile.TryGetValue(key, out var first)) Error("Nom de naissance", "DUPLICATE_LINE", $"Ce salarié figure déjà à la ligne {first}.");
                else inFile[key] = line.Number;
            }
            if (lineErrors.Count == 0) accepted.Add((employee!, endDate));
            errors.AddRange(lineErrors);
        }
        if (errors.Count > 0) return new(0, errors);

        // Thousands of new rows: no change detection while adding them, one pass when saving.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var (employee, endDate) in accepted)
            {
                var (entity, career) = await declarations.NewAsync(companyId, employee);
                if (endDate is { } end) EmployeeChanges.ApplyExit(entity, career, end);
            }
            db.AuditEntries.Record(time, currentUser.UserId, "employee.imported", "Company", companyId, $$"""{"count":{{accepted.Count}}}""");
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = true; }
        return new(accepted.Count, []);
    }

    /// <summary>The end-date file: the employees' lines as exported, of which only « Date de sortie » is read.</summary>
    public async Task<ImportResult> ImportEndDatesAsync(Guid companyId, string text, CancellationToken ct = default)
    {
        if (await employeeLock.CanWriteAsync(companyId, ct) is { Succeeded: false } locked) return ImportResult.Failed(new ImportError(1, null, locked.Errors[0].Code, locked.Errors[0].Message));
        var (header, lines) = Csv.Read(text);
        if (!Csv.HeaderMatches(header, EmployeeCsv.EndDatesHeader, cellsToCompare: 2))
            return ImportResult.Failed(new ImportError(1, null, "BAD_HEADER", "La première ligne doit reprendre les colonnes du fichier « Fins de contrat » téléchargé (id ; INS ; Civilite…) : repartez de ce fichier."));
        if (lines.Count > Csv.MaxLines) return ImportResult.Failed(new ImportError(Csv.MaxLines + 2, null, "TOO_MANY_LINES", $"Le fichier dépasse {Csv.MaxLines} lignes : découpez-le."));

        var ids = lines.Select(l => Guid.TryParse(l.Cell(0), out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var byId = (await db.Employees.Where(e => e.CompanyId == companyId && ids.Contains(e.Id)).ToListAsync(ct)).ToDictionary(e => e.Id);
        var open = (await db.CareerEntries.Where(c => ids.Contains(c.EmployeeId) && c.EndDate == null).ToListAsync(ct)).ToDictionary(c => c.EmployeeId);
        var errors = new List<ImportError>();
        var exits = new List<(Employee Employee, DateOnly EndDate)>();
        var seen = new HashSet<Guid>();
        foreach (var line in lines)
        {
            var cell = line.Cell(10);
            if (cell.Length == 0) continue; // no end date on this line: nothing to take
            if (!Guid.TryParse(line.Cell(0), out var id) || !byId.TryGetValue(id, out var employee))
            {
                errors.Add(new(line.Number, "id", "UNKNOWN_EMPLOYEE", "Ce salarié n'est pas dans l'entreprise : ne modifiez pas la colonne id du fichier téléchargé."));
                continue;
            }
            if (!seen.Add(id)) { errors.Add(new(line.Number, "id", "DUPLICATE_LINE", "Ce salarié figure plusieurs fois dans le fichier.")); continue; }
            if (Csv.Date(cell) is not { } endDate) { errors.Add(new(line.Number, "Date de sortie", "INVALID_DATE", "Écrivez la date de sortie au format JJ/MM/AAAA.")); continue; }
            if (employee.EndDate == endDate) continue; // the file sent back as downloaded: already recorded
            if (EmployeeChanges.ExitProblem(employee, endDate) is { } problem) { errors.Add(new(line.Number, "Date de sortie", problem.Code, problem.Message)); continue; }
            if (open.TryGetValue(id, out var entry) && endDate < entry.StartDate)
            {
                errors.Add(new(line.Number, "Date de sortie", "INVALID_END_DATE", $"La date de sortie précède la prise du poste actuel ({entry.StartDate:dd/MM/yyyy}).")); continue;
            }
            exits.Add((employee, endDate));
        }
        if (errors.Count > 0) return new(0, errors);
        if (exits.Count == 0) return ImportResult.Failed(new ImportError(1, "Date de sortie", "EMPTY", "Aucune nouvelle date de sortie dans le fichier : remplissez la colonne « Date de sortie » des salariés sortis."));

        if (await pendingChanges.MustWaitAsync())
        {
            // sst68: each exit waits for staff as a single one does; all are kept together or none.
            foreach (var (employee, endDate) in exits) changes.Stage(employee, EmployeeChangeKind.Exit, new EmployeeChangeRequest(EndDate: endDate));
            await db.SaveChangesAsync(ct);
            return new(0, []) { Pending = (await pendingChanges.ForCompanyAsync(companyId, 1, ct)).FirstOrDefault() };
        }

        // Each exit cancels the employee's pending visit requests, as a single exit does.
        var pendingVisits = (await visitRequests.PendingAsync(exits.Select(e => e.Employee.Id).ToList(), ct)).ToLookup(r => r.EmployeeId);
        foreach (var (employee, endDate) in exits)
        {
            EmployeeChanges.ApplyExit(employee, open.GetValueOrDefault(employee.Id), endDate);
            visitRequests.CancelForExit(pendingVisits[employee.Id]);
            appointments.CancelForExit(await appointments.ForExitAsync([employee.Id], endDate, ct));
            db.AuditEntries.Record(time, currentUser.UserId, "employee.exited", "Employee", employee.Id);
        }
        await db.SaveChangesAsync(ct);
        return new(exits.Count, []);
    }

    private static DateOnly? DateCell(CsvLine line, int index, string column, bool required, Action<string, string, string> error)
    {
        var cell = line.Cell(index);
        if (cell.Length == 0)
        {
            if (required) error(column, "REQUIRED", $"La colonne « {column} » est obligatoire (JJ/MM/AAAA).");
            return null;
        }
        var date = Csv.Date(cell);
        if (date is null) error(column, "INVALID_DATE", $"« {Short(cell)} » n'est pas une date au format JJ/MM/AAAA.");
        return date;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? ColumnOf(string? field) => field switch
    {
        "civility" => "Civilite",
        "firstName" => "Prenom",
        "birthName" => "Nom de naissance",
        "marriedName" => "Nom marital",
        "birthDate" => "Date de naissance",
        "ins" => "INS",
        "startDate" => "Date entree",
        "contract" => Contract,
        _ => null,
    };
}
