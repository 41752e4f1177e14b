using Microsoft.AspNetCore.Identity;

namespace Platform.Features.Access;

/// <summary>Password hashing for every door that sets or checks one (ASP.NET Core's PBKDF2 hasher).</summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string hash, string? password) =>
        Hasher.VerifyHashedPassword(null!, hash, password ?? "") != PasswordVerificationResult.Failed;
}
