using Platform.Features.Companies;
using Platform.Tenancy.Isolation;

namespace Platform.Features.PendingChanges;

/// <summary>What an employer's change does; each feature applies its own kinds (<see cref="IPendingChangeApplier"/>).</summary>
public enum PendingChangeKind
{
    CompanyDetails,
    ContactSave, ContactDelete,
    WorkstationCreate, WorkstationUpdate, WorkstationDelete, WorkstationClose, WorkstationReopen, WorkstationImport,
    EmployeeUpdate, EmployeeExit, EmployeeReactivate, EmployeeChangeWorkstation,
}

/// <summary>One changed field as the employer and the staff read it: what it was, what it becomes.</summary>
public sealed record FieldChange(string Field, string Label, string? OldValue, string? NewValue);

/// <summary>
/// An employer's change kept for staff where the tenant validates every change (sst68, seed 004:
/// « Toutes les modifications … nécessitent une validation … prises en compte le lendemain »).
/// Company details, contacts, workstations and employees share it: staff decide, the per-tenant
/// pending-changes job applies the accepted ones on their day, in order of acceptance.
/// </summary>
public sealed class PendingChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required Guid CompanyId { get; init; }
    public required PendingChangeKind Kind { get; init; }
    /// <summary>The employee, contact or workstation changed (none for the company's details or a new contact/workstation).</summary>
    public Guid? SubjectId { get; init; }
    /// <summary>What the change is about, as staff read it (« DUPONT Jean », « Poste Cariste »).</summary>
    public required string Subject { get; init; }
    /// <summary>The change in one French sentence.</summary>
    public required string Summary { get; init; }
    /// <summary>The changed fields, old and new value (JSON list of <see cref="FieldChange"/>); empty where the summary says it all.</summary>
    public string Fields { get; init; } = "[]";
    /// <summary>What the feature needs to apply it (JSON; an INS only encrypted).</summary>
    public required string Payload { get; init; }
    public RequestState State { get; set; }
    public required Guid RequestedByUserId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Set on acceptance: the day it applies (the next day on sst68).</summary>
    public DateOnly? EffectiveOn { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    /// <summary>Why an accepted change could not apply on its day (what it changes changed meanwhile).</summary>
    public string? Outcome { get; set; }
}

/// <summary>A change as the employer and the staff see it.</summary>
public sealed record PendingChangeView(
    Guid Id, Guid CompanyId, string CompanyName, string MemberNumber, PendingChangeKind Kind, Guid? SubjectId, string Subject, string Summary,
    IReadOnlyList<FieldChange> Fields, RequestState State, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, DateOnly? EffectiveOn,
    DateTimeOffset? AppliedAt, string? Outcome)
{
    /// <summary>The stored payload, for the feature that reads its own kind (never sent to clients as such).</summary>
    internal string Payload { get; init; } = "{}";

    /// <summary>The French status line: en attente, validée pour le…, appliquée le…, refusée, non appliquée.</summary>
    public string Status => State switch
    {
        RequestState.Pending => "en attente de validation par le service",
        RequestState.Refused => "refusée par le service",
        _ when AppliedAt is { } at && Outcome is not null => $"validée mais non appliquée le {Day(at):dd/MM/yyyy} : {Outcome}",
        _ when AppliedAt is { } at => $"appliquée le {Day(at):dd/MM/yyyy}",
        _ => $"validée, prend effet le {EffectiveOn:dd/MM/yyyy}",
    };

    private static DateTime Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Regulation.FrenchTime.Paris).DateTime;

    public bool StillToTakeEffect => State == RequestState.Pending || (State == RequestState.Accepted && AppliedAt is null);
}

/// <summary>A feature whose employer changes can wait for staff applies its own kinds on their day.</summary>
public interface IPendingChangeApplier
{
    bool Applies(PendingChangeKind kind);

    /// <summary>Checks the change again against the data as it is now and applies it to tracked entities (the caller saves), or the errors that say why it no longer holds.</summary>
    Task<Outcome> ApplyAsync(PendingChange change, CancellationToken ct);
}
