using System.Net.Mail;

namespace Platform.Features.Access;

/// <summary>The checks every form about a person shares: an e-mail address, a first and a last name.</summary>
public static class PersonDetails
{
    /// <summary>A single plain address (no display name), at most 254 characters.</summary>
    public static bool IsEmail(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 254 && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;

    public static UserError? EmailProblem(string? value, string field = "email") =>
        IsEmail(value?.Trim()) ? null : new UserError("INVALID_EMAIL", "Indiquez une adresse e-mail valide.", field);

    public static IEnumerable<UserError> NameProblems(string? firstName, string? lastName)
    {
        if (string.IsNullOrWhiteSpace(firstName) || firstName.Trim().Length > 100) yield return new("FIRST_NAME_REQUIRED", "Indiquez le prénom.", "firstName");
        if (string.IsNullOrWhiteSpace(lastName) || lastName.Trim().Length > 100) yield return new("LAST_NAME_REQUIRED", "Indiquez le nom.", "lastName");
    }
}
