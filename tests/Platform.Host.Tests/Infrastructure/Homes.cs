namespace Platform.Host.Tests.Infrastructure;

/// <summary>Where sign-in lands each kind of person (the pattern of the redirect's Location).</summary>
public static class Homes
{
    /// <summary>The one company of an employer: its home.</summary>
    public const string Company = "^/entreprises/[0-9a-f-]{36}$";
    /// <summary>Any person's home.</summary>
    public const string Any = "^/(entreprises/[0-9a-f-]{36}|mes-clients|personnel|administration/regles|compte)$";
}
