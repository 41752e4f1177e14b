using Platform.Tenancy.Naming;

namespace Platform.Tenancy.Tests;

public sealed class FrenchGrammarTests
{
    [Theory]
    [InlineData("Service de Santé au Travail de la Région Nantaise", "le", "du Service de Santé au Travail de la Région Nantaise")]
    [InlineData("Santé au Travail 68", null, "de Santé au Travail 68")]
    [InlineData("Entreprise Démo", null, "d'Entreprise Démo")]
    [InlineData("Écoles réunies", null, "d'Écoles réunies")]
    [InlineData("Association médicale", "l'", "de l'Association médicale")]
    [InlineData("Association médicale", "l’", "de l'Association médicale")]
    [InlineData("Caisse régionale", "la", "de la Caisse régionale")]
    [InlineData("Services réunis", "les", "des Services réunis")]
    [InlineData("Hauts-de-France Santé", null, "de Hauts-de-France Santé")]
    [InlineData("Yvelines Santé", "", "de Yvelines Santé")]
    public void De_contracts_with_the_article_and_elides_before_a_vowel(string name, string? article, string expected) =>
        Assert.Equal(expected, FrenchGrammar.De(name, article));

    [Theory]
    [InlineData("SIST Ouest Normandie", "le", "le SIST Ouest Normandie", "au SIST Ouest Normandie")]
    [InlineData("Association médicale", "l'", "l'Association médicale", "à l'Association médicale")]
    [InlineData("Santé au Travail 68", null, "Santé au Travail 68", "à Santé au Travail 68")]
    [InlineData("Services réunis", "Les", "les Services réunis", "aux Services réunis")]
    public void The_name_takes_its_article_as_subject_and_after_a(string name, string? article, string subject, string afterA)
    {
        Assert.Equal(subject, FrenchGrammar.WithArticle(name, article));
        Assert.Equal(afterA, FrenchGrammar.A(name, article));
    }

    [Fact]
    public void The_shipped_tenants_give_their_article()
    {
        var rules = TenantCatalog.Load(TenantFiles.ShippedOptions()).All.ToDictionary(t => t.Slug, t => t.FileRules);
        Assert.Equal("du Service de Santé au Travail de la Région Nantaise", rules["sstrn"].OfName());
        Assert.Equal("de Santé au Travail 68", rules["sst68"].OfName());
        Assert.Equal("le SIST Ouest Normandie", rules["sist-on"].NameWithArticle());
    }
}

public sealed class TenantArticleValidationTests
{
    [Fact]
    public void An_unknown_article_is_refused_with_its_path()
    {
        using var files = new TenantFiles();
        files.Edit("sstrn", json => json["article"] = "du");
        var error = Assert.Throws<TenantConfigurationException>(() => TenantCatalog.Load(files.Options));
        Assert.Contains(error.Problems, p => p.Contains("$.article"));
    }
}
