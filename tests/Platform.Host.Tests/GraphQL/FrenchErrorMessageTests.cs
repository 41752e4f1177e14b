using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.GraphQL.Http;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

/// <summary>
/// The API's clients are French employers' and accountant firms' developers: every error answers a
/// French message, with the code GraphQL.NET gives (clients branch on codes, they must not change).
/// </summary>
public sealed class FrenchErrorMessageTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<(HttpStatusCode Status, string Message, string Code)> PostAsync(string query, object? variables = null)
    {
        var response = await Factory.ClientFor("sstrn.localhost").PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var error = body.GetProperty("errors")[0];
        return (response.StatusCode, error.GetProperty("message").GetString()!, error.GetProperty("extensions").GetProperty("code").GetString()!);
    }

    /// <summary>Words of GraphQL.NET's English messages that no French message of ours contains.</summary>
    private static void AssertNotEnglish(string message)
    {
        foreach (var english in new[] { "Cannot", " must ", " is invalid", "Unknown", "Variable '", " of type ", "Query is", "Did you mean", "Unable", "Error" })
            Assert.DoesNotContain(english, message);
    }

    [Fact]
    public async Task A_syntax_error_answers_in_french_with_its_position()
    {
        var (status, message, code) = await PostAsync("{ tenant { slug ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SYNTAX_ERROR", code);
        Assert.StartsWith("Requête GraphQL mal formée (ligne 1, colonne", message);
    }

    [Fact]
    public async Task An_unknown_field_names_the_field_and_the_type_in_french()
    {
        var (status, message, code) = await PostAsync("{ tenant { slug motDePasse } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", code);
        Assert.Equal("Le champ « motDePasse » n'existe pas sur le type « Tenant ».", message);

        // With GraphQL.NET's suggestion, in French too.
        (_, message, code) = await PostAsync("{ tenant { slugg } }");
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", code);
        Assert.Equal("Le champ « slugg » n'existe pas sur le type « Tenant ». Vouliez-vous dire « slug » ?", message);
    }

    [Fact]
    public async Task An_unknown_argument_is_named_in_french()
    {
        var (status, message, code) = await PostAsync("{ __type(nom: \"Query\") { name } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("KNOWN_ARGUMENT_NAMES", code);
        Assert.StartsWith("L'argument « nom » n'existe pas sur le champ « __type »", message);
        AssertNotEnglish(message);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_explained_in_french()
    {
        var (status, message, code) = await PostAsync("query($nom: String!) { __type(name: $nom) { name } }", new { nom = new[] { 1, 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_VALUE", code);
        Assert.StartsWith("La variable « $nom » est invalide : ", message);
        AssertNotEnglish(message);

        (_, message, code) = await PostAsync("query($nom: String!) { __type(name: $nom) { name } }", new { });
        Assert.Equal("INVALID_VALUE", code);
        Assert.Equal("La variable « $nom » est invalide : elle est obligatoire et aucune valeur n'est fournie.", message);

        // Declared with a type the argument does not take.
        (_, message, code) = await PostAsync("query($nom: Int) { __type(name: $nom) { name } }", new { nom = 1 });
        Assert.Equal("VARIABLES_IN_ALLOWED_POSITION", code);
        Assert.Equal("La variable « $nom » est de type « Int » mais utilisée là où le type « String! » est attendu.", message);
    }

    [Fact]
    public async Task A_missing_selection_of_subfields_is_explained_in_french()
    {
        var (status, message, code) = await PostAsync("{ tenant }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SCALAR_LEAFS", code);
        Assert.StartsWith("Le champ « tenant » (type « Tenant", message);
        Assert.Contains("précisez entre accolades les sous-champs", message);
    }

    [Fact]
    public async Task An_over_complex_query_is_refused_in_french()
    {
        var wide = string.Join(" ", Enumerable.Range(0, 20).Select(i =>
            $"c{i}: company(id: \"{Guid.NewGuid()}\") {{ employees(first: 200) {{ edges {{ node {{ firstName birthName }} }} }} }}"));
        var (status, message, code) = await PostAsync("{ " + wide + " }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COMPLEXITY", code);
        Assert.StartsWith("Requête trop complexe : complexité ", message);
        AssertNotEnglish(message);
    }

    [Fact]
    public async Task An_operation_name_the_document_lacks_is_refused_in_french()
    {
        var response = await Factory.ClientFor("sstrn.localhost").PostAsJsonAsync("/graphql", new { query = "query A { tenant { slug } }", operationName = "B" });
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("INVALID_OPERATION_NAME", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("La requête ne contient pas d'opération nommée « B ».", error.GetProperty("message").GetString());
    }

    /// <summary>Messages GraphQL.NET writes that the requests above do not reach, read by the same rules.</summary>
    [Theory]
    [InlineData("Argument 'id' of type 'ID!' is required for field 'company' but not provided.",
        "L'argument « id » (type « ID! ») du champ « company » est obligatoire et n'est pas fourni.")]
    [InlineData("Variable '$a' is invalid. Variable '$a.b' is invalid. Unable to convert 'x' to 'Int'",
        "La variable « $a » est invalide : la variable « $a.b » est invalide : la valeur « x » n'est pas du type « Int ».")]
    [InlineData("Unrecognized input fields 'x', 'y' for type 'EmployeeInput'.", "le type « EmployeeInput » n'a pas de champ « x » ni « y ».")]
    [InlineData("Invalid literal for argument 'first' of field 'employees'. Unable to convert '\"a\"' literal from AST representation to the scalar type 'Int'",
        "Valeur invalide pour l'argument « first » du champ « employees ». La valeur « \"a\" » n'est pas du type « Int ».")]
    [InlineData("Something GraphQL.NET may say one day.", "la valeur donnée ne convient pas.")]
    public void English_messages_read_in_french(string english, string french) =>
        Assert.Equal(french, FrenchErrorMessages.Translate(english));

    [Fact]
    public async Task Every_json_answer_writes_french_as_it_is_not_as_escapes()
    {
        var client = Factory.ClientFor("sstrn.localhost");
        // A request refused before GraphQL runs, a field error inside it, an invalid bearer token, a document endpoint.
        using var empty = await client.PostAsJsonAsync("/graphql", new { query = "" });
        using var unknown = await client.PostAsJsonAsync("/graphql", new { query = "{ tenant { inconnu } }" });
        var invalid = Factory.ClientFor("sstrn.localhost");
        invalid.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "pas-un-jeton");
        using var refused = await invalid.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        using var document = await client.GetAsync($"/api/documents/{Guid.NewGuid()}");
        foreach (var (response, french) in new[] { (empty, "requête"), (unknown, "« inconnu »"), (refused, "Jeton d'accès"), (document, "é") })
        {
            var raw = await response.Content.ReadAsStringAsync();
            Assert.Contains(french, raw);
            Assert.DoesNotContain("\\u00", raw);
        }
    }
}
