using Platform.Features.PendingChanges;

namespace Platform.Features;

/// <summary>
/// What every Features operation that acts answers: the thing it made or changed, or the French
/// errors that stopped it (nothing was written then). Where a tenant's rules make the change wait for
/// staff (sst68), <see cref="Pending"/> says which change waits and <see cref="Value"/> may be null.
/// GraphQL maps it to the payloads of the contract (the value, `errors: [UserError!]!`).
/// </summary>
public sealed record Outcome<T>(T? Value, IReadOnlyList<UserError> Errors)
{
    /// <summary>Set where the change waits for staff validation instead of applying (sst68).</summary>
    public PendingChangeView? Pending { get; init; }

    public bool Succeeded => Errors.Count == 0;

    public static Outcome<T> Ok(T value) => new(value, []);
    public static Outcome<T> Waiting(PendingChangeView pending) => new(default, []) { Pending = pending };
    public static Outcome<T> Fail(params UserError[] errors) => new(default, errors);
    public static Outcome<T> Fail(IReadOnlyList<UserError> errors) => new(default, errors);

    public static implicit operator Outcome<T>(UserError error) => Fail(error);
}

/// <summary>The outcome of an operation that returns nothing but its errors.</summary>
public sealed record Outcome(IReadOnlyList<UserError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static readonly Outcome Ok = new([]);
    public static Outcome Fail(params UserError[] errors) => new(errors);
    public static Outcome Fail(IReadOnlyList<UserError> errors) => new(errors);

    public static implicit operator Outcome(UserError error) => Fail(error);
}
