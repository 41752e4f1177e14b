namespace Platform.Features;

/// <summary>A domain error shown to people: stable code, French message, the field it concerns (contract: UserError).</summary>
public sealed record UserError(string Code, string Message, string? Field = null);
