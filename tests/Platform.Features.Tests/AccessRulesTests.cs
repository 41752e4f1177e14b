using Platform.Features.Access;
using Platform.Tenancy.Rules;

namespace Platform.Features.Tests;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordRule Sstrn = new() { MinLength = 8, RequireUpper = true, RequireLower = true, RequireDigit = true, RequireSpecial = true };

    [Theory]
    [InlineData("Demo-2026!", null)]
    [InlineData("Ab1!", "au moins 8 caractères")]
    [InlineData("motdepasse", "une majuscule, un chiffre et un caractère spécial")]
    [InlineData("MOTDEPASSE1!", "une minuscule")]
    [InlineData("Motdepasse!", "un chiffre")]
    [InlineData("Motdepasse1", "un caractère spécial")]
    [InlineData("", "au moins 8 caractères, une majuscule, une minuscule, un chiffre et un caractère spécial")]
    public void The_sstrn_rule(string password, string? missing)
    {
        var error = PasswordPolicy.Check(Sstrn, password);
        if (missing is null) Assert.Null(error);
        else Assert.Equal($"Le mot de passe doit contenir {missing}.", error!.Message);
    }

    [Fact]
    public void Very_long_passwords_are_refused() =>
        Assert.Equal("PASSWORD_TOO_LONG", PasswordPolicy.Check(Sstrn, "Aa1!" + new string('x', 200))!.Code);
}

public sealed class RoleCatalogueTests
{
    [Theory]
    [InlineData("Convocation", Permission.RequestVisits, true)]
    [InlineData("Convocation", Permission.ViewInvoices, false)]
    [InlineData("Facturation", Permission.PayInvoices, true)]
    [InlineData("Facturation", Permission.ManageEmployees, false)]
    [InlineData("Lecture", Permission.ManageUsers, false)]
    [InlineData("Administrateur", Permission.ManageUsers, true)]
    public void Roles_grant_their_permissions_only(string role, Permission permission, bool granted) =>
        Assert.Equal(granted, RoleCatalogue.Grants(RoleCatalogue.Default, [role], permission));

    [Fact]
    public void Several_roles_add_up() =>
        Assert.True(RoleCatalogue.Grants(RoleCatalogue.Default, ["Convocation", "Facturation"], Permission.PayInvoices));
}
