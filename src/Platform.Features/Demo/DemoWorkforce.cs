using Microsoft.EntityFrameworkCore;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;
using Platform.Features.Workstations;

namespace Platform.Features.Demo;

/// <summary>
/// A believable workforce for each demo company, so that a newcomer finds every page alive: a joinery's
/// workstations with their risks, a few dozen employees (French names, valid NIRs, birth dates, contracts),
/// the last hire still waiting for the service's validation, and a visit request. Deterministic (the
/// same people every time) and written in a few batched statements: tests seed the demo constantly.
/// </summary>
internal static class DemoWorkforce
{
    /// <summary>Employees of the demo company and of the accountant's client company.</summary>
    public const int DemoCompanyEmployees = 24;
    public const int ClientCompanyEmployees = 11;

    private sealed record Post(string Label, string CspCode, Risk[] Risks, string[] Caces, int Weight);

    // A joinery and building firm (NAF 4332B): who works there and what exposes them.
    private static readonly Post[] Posts =
    [
        new("Menuisier poseur", "632d", [Risk.Cmr], [], 8),                         // wood dust: CMR
        new("Chef de chantier", "481b", [Risk.ScaffoldFall], [], 2),
        new("Conducteur d'engins", "621c", [Risk.Caces], ["R482"], 3),
        new("Magasinier cariste", "487a", [Risk.Caces, Risk.ManualLoadsOver55Kg], ["R489"], 3),
        new("Maçon", "632a", [Risk.ManualLoadsOver55Kg], [], 5),
        new("Assistante administrative", "543g", [], [], 3),
    ];

    private static readonly (string First, bool Woman)[] FirstNames =
    [
        ("Julien", false), ("Camille", true), ("Nicolas", false), ("Sandrine", true), ("Thomas", false), ("Aurélie", true),
        ("Mathieu", false), ("Élodie", true), ("Sébastien", false), ("Nathalie", true), ("Kévin", false), ("Laure", true),
        ("Antoine", false), ("Isabelle", true), ("Romain", false), ("Céline", true), ("Yannick", false), ("Marion", true),
        ("Frédéric", false), ("Amandine", true), ("Hugo", false), ("Océane", true), ("Loïc", false), ("Manon", true),
        ("Guillaume", false), ("Sophie", true), ("Maxime", false), ("Justine", true), ("Jérôme", false), ("Émilie", true),
        ("Benoît", false), ("Chloé", true), ("Alexandre", false), ("Pauline", true), ("Rémi", false),
    ];

    private static readonly string[] BirthNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
        "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre",
        "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    ];

    /// <summary>Seeds the company's workforce unless it has employees already; returns nothing, the invoices count them afterwards.</summary>
    public static async Task SeedAsync(PlatformDbContext db, EmployeeNir nirs, string tenant, Company company, int size, int seed,
        string department, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Employees.AnyAsync(e => e.CompanyId == company.Id, ct)) return;

        var workstations = Posts.Select(p => new Workstation
        {
            // Upper-cased as WorkstationRules writes every label an employer types.
            CompanyId = company.Id, Label = p.Label.ToUpperInvariant(), CspCode = p.CspCode, Risks = [.. p.Risks], CacesCategories = [.. p.Caces], CreatedAt = now,
        }).ToList();
        db.Workstations.AddRange(workstations);
        await db.SaveChangesAsync(ct);

        // Each post's share of the workforce, in turn, by weight.
        var slots = Posts.Select((p, i) => Enumerable.Repeat(i, p.Weight)).SelectMany(x => x).ToArray();
        var employees = new List<Employee>(size);
        var careers = new List<CareerEntry>(size);
        for (var n = 0; n < size; n++)
        {
            var k = (n + seed) % FirstNames.Length;
            var (first, woman) = FirstNames[k];
            var last = BirthNames[(n * 7 + seed * 3) % BirthNames.Length];
            var birth = new DateOnly(1966 + (n * 13 + seed) % 38, 1 + (n * 5 + seed) % 12, 1 + (n * 11 + seed) % 28);
            var nir = NirOf(woman, birth, department, commune: 100 + (n * 37 + seed) % 800, order: 1 + (n * 53 + seed * 7) % 998);
            var post = slots[(n * 7 + seed) % slots.Length]; // 7 is prime to the 24 slots: every post gets its share
            var latest = n == size - 1;
            // Hired over the last twenty years; the last one three weeks ago, still to be validated by the service.
            var start = latest ? today.AddDays(-21) : new DateOnly(today.Year - 1 - (n * 3 + seed) % 20, 1 + (n * 7) % 12, 1 + (n * 3) % 27);
            var contract = latest ? "CDD" : (n % 9) switch { 4 => "CDD", 7 => "Apprentissage", _ => "CDI" };
            if (contract == "Apprentissage") birth = new DateOnly(today.Year - 19, birth.Month, birth.Day);
            if (contract == "Apprentissage") nir = NirOf(woman, birth, department, 100 + n, 1 + n);
            if (birth.AddYears(16) > start) start = birth.AddYears(16 + n % 3);
            var workstation = workstations[post];
            var employee = new Employee
            {
                CompanyId = company.Id, Civility = woman ? "Madame" : "Monsieur", FirstName = first, BirthName = last.ToUpperInvariant(),
                BirthDate = birth, ProtectedNir = nirs.Protect(tenant, nir), MaskedNir = Nir.Mask(nir),
                Contract = contract, StartDate = start, CurrentWorkstationId = workstation.Id,
                DeclaredFollowUp = FollowUpRules.For(workstation.Risks, today),
                ValidatedAt = latest ? null : now, CreatedAt = now,
                SortName = EmployeeRules.SortName(last.ToUpperInvariant(), first),
            };
            employees.Add(employee);
            careers.Add(new CareerEntry { EmployeeId = employee.Id, WorkstationId = workstation.Id, Contract = contract, StartDate = start });
        }
        await db.InsertAsync(employees, ct);
        await db.InsertAsync(careers, ct);

        // The employer asked for a periodic visit of a wood-dust–exposed joiner: the staff desk has it to plan.
        var joiner = employees.FirstOrDefault(e => e.CurrentWorkstationId == workstations[0].Id && e.ValidatedAt is not null)
                     ?? employees.First(e => e.ValidatedAt is not null);
        db.VisitRequests.Add(new VisitRequest
        {
            CompanyId = company.Id, EmployeeId = joiner.Id, Type = VisitType.Periodic, RequestedAt = now.AddDays(-3),
            Comment = "Disponible le matin de préférence.",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A NIR with its right key: sex, year and month of birth, department, commune, order number, key = 97 − (number mod 97).</summary>
    internal static string NirOf(bool woman, DateOnly birth, string department, int commune, int order)
    {
        var body = $"{(woman ? 2 : 1)}{birth.Year % 100:00}{birth.Month:00}{department}{commune:000}{order:000}";
        var key = 97 - (int)(ulong.Parse(body) % 97);
        return body + key.ToString("00");
    }

    /// <summary>Where the demo's employees were born: the tenant's own region.</summary>
    public static string DepartmentOf(string tenant) => tenant switch
    {
        "sst68" => "68",
        "sstrn" => "44",
        "sist-on" => "14",
        "sstbtp-bfc" => "25",
        _ => "75",
    };
}
