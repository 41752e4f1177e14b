using Platform.Features.Companies;

namespace Platform.Features.Demarches;

/// <summary>
/// A démarche as its requester and its deciders see it. The numbers and e-mail the requester gave are
/// shown as given; <see cref="StaffNotes"/> (what the register says about them) only to the tenant's staff.
/// </summary>
public sealed record AccessRequestView(Guid Id, AccessRequestKind Kind, AccessRequestState State, string? CompanyName,
    string RequestedBy, DateTimeOffset CreatedAt, string? Description)
{
    public string? RequesterEmail { get; init; }
    public string? MemberNumber { get; init; }
    public string? Siret { get; init; }
    public string? NewSiret { get; init; }
    public string? FormerAdministratorEmail { get; init; }
    /// <summary>A management request that the tenant's staff decide (the company has no administrator).</summary>
    public bool AddressedToStaff { get; init; }
    /// <summary>A synchronisation in progress: the code sent to the company's contact (if the numbers matched one with a contact on file) completes it.</summary>
    public bool AwaitsCode { get; init; }
    public IReadOnlyList<string> StaffNotes { get; init; } = [];

    /// <summary>The contract's state string.</summary>
    public string StateCode => State switch
    {
        AccessRequestState.InProgress => "IN_PROGRESS",
        AccessRequestState.Accepted => "ACCEPTED",
        _ => "REFUSED",
    };

    public string StateLabel => State switch
    {
        AccessRequestState.InProgress => "En cours",
        AccessRequestState.Accepted => "Acceptée",
        _ => "Refusée",
    };

    public string KindLabel => Label(Kind);

    public static string Label(AccessRequestKind kind) => kind switch
    {
        AccessRequestKind.Synchronize => "Synchroniser votre adhérent",
        AccessRequestKind.Manage => "Demander la gestion d'un adhérent",
        AccessRequestKind.ChangeAdministrator => "Modifier l'administrateur d'un compte adhérent",
        AccessRequestKind.Takeover => "Signaler un rachat de société ou un changement de dirigeant",
        _ => "Demander la fusion/absorption d'entreprises",
    };
}

/// <summary>A synchronisation: the request it opened, and the company it opened once completed (the caller administers it then).</summary>
public sealed record Synchronization(AccessRequestView Request, CompanyView? Company);
