using Platform.Tenancy.Rules;

namespace Platform.Features.Access;

/// <summary>What a role of a company lets its holder do. Checked in Features, for the portal and the API alike.</summary>
public enum Permission
{
    ViewCompany,
    ManageCompany,
    ManageUsers,
    ViewEmployees,
    ManageEmployees,
    RequestVisits,
    ViewAppointments,
    /// <summary>Download the visit certificates (attestations de suivi) staff upload (seed 002: « droits suffisants »).</summary>
    ViewCertificates,
    DeclareHeadcount,
    ViewDeclarations,
    ViewInvoices,
    PayInvoices,
}

public sealed record RoleDefinition(string Name, string Description, IReadOnlyList<Permission> Permissions);

/// <summary>
/// A tenant's role catalogue (SPEC.md 3.1: Administrateur, Facturation, Déclaration, Convocation,
/// Lecture). A tenant file may list its own roles; without, this default applies.
/// </summary>
public static class RoleCatalogue
{
    public static readonly IReadOnlyList<RoleDefinition> Default =
    [
        new(CompanyRoles.Administrator, "Gère l'entreprise, ses utilisateurs et toutes les démarches.", Enum.GetValues<Permission>()),
        new(CompanyRoles.Billing, "Consulte et règle les factures.", [Permission.ViewCompany, Permission.ViewInvoices, Permission.PayInvoices]),
        new(CompanyRoles.Declaration, "Tient à jour les salariés et déclare l'effectif annuel.",
            [Permission.ViewCompany, Permission.ViewEmployees, Permission.ManageEmployees, Permission.DeclareHeadcount, Permission.ViewDeclarations]),
        new(CompanyRoles.Convocation, "Demande les visites et suit les rendez-vous.",
            [Permission.ViewCompany, Permission.ViewEmployees, Permission.RequestVisits, Permission.ViewAppointments, Permission.ViewCertificates]),
        // Reading the company is not reading what the health team certified about a person: Lecture sees
        // the appointments, not their certificates (seed 002: without the rights the « Attestation » icon is hidden).
        new(CompanyRoles.ReadOnly, "Consulte les informations de l'entreprise sans les modifier.",
            [Permission.ViewCompany, Permission.ViewEmployees, Permission.ViewAppointments, Permission.ViewDeclarations, Permission.ViewInvoices]),
    ];

    public static IReadOnlyList<RoleDefinition> For(TenantRules rules) =>
        rules.Roles is { Count: > 0 } own
            ? own.Select(r => new RoleDefinition(r.Name, r.Description, r.Permissions.Select(p => Enum.Parse<Permission>(p)).ToList())).ToList()
            : Default;

    public static bool Grants(IReadOnlyList<RoleDefinition> catalogue, IEnumerable<string> roles, Permission permission) =>
        catalogue.Where(r => roles.Contains(r.Name)).Any(r => r.Permissions.Contains(permission));

    /// <summary>French names of the permissions, for "voir les autorisations du rôle".</summary>
    public static string Label(Permission p) => p switch
    {
        Permission.ViewCompany => "Consulter les informations de l'entreprise",
        Permission.ManageCompany => "Modifier les informations de l'entreprise",
        Permission.ManageUsers => "Gérer les utilisateurs et leurs rôles",
        Permission.ViewEmployees => "Consulter les salariés et les postes",
        Permission.ManageEmployees => "Déclarer et modifier les salariés et les postes",
        Permission.RequestVisits => "Demander des visites médicales",
        Permission.ViewAppointments => "Consulter les rendez-vous et convocations",
        Permission.ViewCertificates => "Télécharger les attestations de suivi des visites",
        Permission.DeclareHeadcount => "Faire la déclaration annuelle d'effectif",
        Permission.ViewDeclarations => "Consulter les déclarations annuelles",
        Permission.ViewInvoices => "Consulter les factures",
        Permission.PayInvoices => "Payer les factures",
        _ => p.ToString(),
    };
}
