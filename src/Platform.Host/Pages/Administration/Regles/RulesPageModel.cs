using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.TenantSettings;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Administration.Regles;

/// <summary>A page of rules: its address under /administration/regles, its title and the rules (paths) it edits.</summary>
public sealed record RuleGroup(string Slug, string Title, string Summary, IReadOnlyList<string> Paths)
{
    public string Url => $"/administration/regles/{Slug}";

    /// <summary>A change of <paramref name="path"/> concerns this group (the path, a part of it, or a whole that holds it).</summary>
    public bool Covers(string path) => Paths.Any(p => path == p || RulePaths.IsUnder(path, p) || RulePaths.IsUnder(p, path));

    public static readonly IReadOnlyList<RuleGroup> All =
    [
        new("identite", "Identité et thème", "Nom, couleurs, logo et coordonnées affichés sur le portail.",
            ["name", "displayName", "theme"]),
        new("connexion", "Connexion", "Identifiant, preuve, règle de mot de passe, blocage, historique, connexion mandataire.",
            ["login"]),
        new("utilisateurs", "Utilisateurs", "Comment les utilisateurs d'un adhérent et les cabinets comptables obtiennent un accès.",
            ["users"]),
        new("paiement", "Paiement", "Moyens de paiement, remise et préavis du prélèvement SEPA, coordonnées bancaires.",
            ["payment"]),
        new("facturation", "Facturation et barèmes", "Rythme de facturation, échéances, cotisation par salarié et TVA de chaque année.",
            ["billing", "rates"]),
        new("visites", "Rendez-vous", "Délai d'annulation des rendez-vous et calendrier des jours fériés.",
            ["cancellation", "holidayCalendar", "visitPlanning"]),
        new("declarations", "Déclaration annuelle", "Période de déclaration des effectifs, campagnes et modification après envoi.",
            ["declaration"]),
        new("salaries", "Salariés", "Changements des adhérents soumis à validation et verrouillage de la rubrique « Mes salariés ».",
            ["employerChanges"]),
    ];
}

/// <summary>
/// What every rules form shares: the effective rules, the history and overrides of its group, saving through
/// TenantRulesAdministration (which checks the caller is an administrator and validates the whole rule set),
/// going back to the file's value, and French fields with their help and errors beside them.
/// </summary>
[Authorize]
public abstract class RulesPageModel(TenantRulesAdministration administration) : PageModel
{
    protected static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    protected TenantRulesAdministration Administration => administration;
    public abstract RuleGroup Group { get; }
    public TenantRules Rules { get; private set; } = null!;
    public IReadOnlyList<RuleChangeView> History { get; private set; } = [];
    public IReadOnlyList<RuleOverrideView> Overrides { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool NeedsConfirmation { get; private set; }
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;

    /// <summary>The form's values from the rules in force (on GET and after a save).</summary>
    protected abstract void Fill(TenantRules rules);

    /// <summary>The rules of the form as JSON values, or the errors of fields that could not be read.</summary>
    protected abstract IReadOnlyList<RuleValue> ToValues(List<UserError> errors);

    /// <summary>Error fields as the service names them, mapped to the form's (rates of the form vs rates kept).</summary>
    protected virtual string MapErrorField(string field) => field;

    protected virtual bool Confirmed => false;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Fill(Rules);
    }

    public async Task OnPostAsync()
    {
        var errors = new List<UserError>();
        await LoadAsync();
        var values = ToValues(errors);
        if (errors.Count == 0)
        {
            var outcome = await administration.ChangeManyAsync(values, Confirmed, HttpContext.RequestAborted);
            NeedsConfirmation = outcome.NeedsConfirmation();
            errors.AddRange(outcome.Errors.Select(e => e with { Field = e.Field is null ? null : MapErrorField(e.Field) }));
        }
        await Saved(errors, "Modifications enregistrées.");
    }

    /// <summary>Back to the tenant file's value for one rule of this group.</summary>
    public async Task OnPostRevenirAsync(string path)
    {
        var errors = new List<UserError>();
        if (!Group.Covers(path)) errors.Add(new UserError("RULE_NOT_IN_GROUP", "Cette règle ne se modifie pas sur cette page."));
        else errors.AddRange((await administration.RevertAsync(path, HttpContext.RequestAborted)).Errors);
        await Saved(errors, $"« {RuleText.Label(path)} » a repris la valeur du fichier du service.");
    }

    protected async Task Saved(List<UserError> errors, string success)
    {
        Errors = errors;
        await LoadAsync();
        if (errors.Count == 0)
        {
            Message = success;
            ModelState.Clear();
            Fill(Rules);
        }
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var history = await administration.HistoryAsync(ct);
        History = history.Where(h => Group.Covers(h.Path)).ToList();
        Overrides = (await administration.OverridesAsync(ct)).Where(o => Group.Covers(o.Path)).ToList();
        Rules = Platform.Tenancy.Rules.TenantRulesJson.Parse(await administration.EffectiveJsonAsync()).Rules!;
    }

    // ---- Reading form values ----

    protected static JsonNode? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : JsonValue.Create(value.Trim());

    /// <summary>A number typed the French way ("1,5") or not; null when blank and optional.</summary>
    protected static JsonNode? Number(string? value, string path, List<UserError> errors, bool optional = false, bool integer = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!optional) errors.Add(new UserError("FIELD_REQUIRED", "indiquez une valeur", path));
            return null;
        }
        var text = value.Trim().Replace(" ", "").Replace("\u00A0", "").Replace("€", "").Replace("%", "").Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(new UserError("FIELD_NUMBER", integer ? "nombre entier attendu" : "nombre attendu (ex. 12,50)", path));
            return null;
        }
        if (integer)
        {
            if (number != decimal.Truncate(number)) { errors.Add(new UserError("FIELD_NUMBER", "nombre entier attendu", path)); return null; }
            if (number is < int.MinValue or > int.MaxValue) { errors.Add(new UserError("FIELD_NUMBER", "nombre trop grand", path)); return null; }
            return JsonValue.Create((int)number);
        }
        return JsonValue.Create(number);
    }

    protected static JsonNode? Date(string? value, string path, List<UserError> errors)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", out var date) || DateOnly.TryParseExact(value?.Trim(), "dd/MM/yyyy", out date))
            return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        errors.Add(new UserError("FIELD_DATE", "date attendue (jj/mm/aaaa)", path));
        return null;
    }

    protected static string Amount(decimal value) => value.ToString("0.00", French);
    protected static string Amount(decimal? value) => value is { } v ? Amount(v) : "";
    protected static string Figure(decimal value) => value.ToString("0.##", French);

    // ---- Writing fields: label, help, input, error beside it (aria-describedby, aria-invalid) ----

    public static string Id(string path) => "f-" + path.Replace('.', '-').Replace("[", "-").Replace("]", "");

    public IEnumerable<UserError> ErrorsOf(string path) => Errors.Where(e => e.Field == path);

    private string Describedby(string path, string? help)
    {
        var ids = new List<string>();
        if (help is not null) ids.Add(Id(path) + "-aide");
        if (ErrorsOf(path).Any()) ids.Add(Id(path) + "-erreur");
        var text = ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
        return ErrorsOf(path).Any() ? text + " aria-invalid=\"true\"" : text;
    }

    private static string Help(string path, string? help) =>
        help is null ? "" : $"<p class=\"field-help\" id=\"{Id(path)}-aide\">{Encoder.Encode(help)}</p>";

    /// <summary>The errors of a field, or of a group of fields (a fieldset), beside it.</summary>
    public IHtmlContent FieldErrors(string path)
    {
        var errors = ErrorsOf(path).ToList();
        return errors.Count == 0 ? HtmlString.Empty
            : new HtmlString($"<p class=\"field-error\" id=\"{Id(path)}-erreur\">{Encoder.Encode(string.Join(" ; ", errors.Select(e => Capitalised(e.Message))))}</p>");
    }

    public static string Capitalised(string message) => message.Length == 0 ? message : char.ToUpper(message[0], French) + message[1..];

    /// <summary>Same as <see cref="FieldErrors"/> but for a fieldset: its id for the summary links and aria-describedby.</summary>
    public string FieldsetAria(string path) => ErrorsOf(path).Any() ? $"aria-describedby=\"{Id(path)}-erreur\"" : "";

    public IHtmlContent Input(string path, string name, string label, string? value, string? help = null, string type = "text",
        string? attributes = null)
    {
        var id = Id(path);
        return new HtmlString(
            $"<div class=\"rule-field\"><label for=\"{id}\">{Encoder.Encode(label)}</label>{Help(path, help)}" +
            $"<input id=\"{id}\" name=\"{Encoder.Encode(name)}\" type=\"{type}\" value=\"{Encoder.Encode(value ?? "")}\"{Describedby(path, help)}{(attributes is null ? "" : " " + attributes)}>" +
            $"{FieldErrors(path)}</div>");
    }

    public IHtmlContent TextArea(string path, string name, string label, string? value, string? help = null)
    {
        var id = Id(path);
        return new HtmlString(
            $"<div class=\"rule-field\"><label for=\"{id}\">{Encoder.Encode(label)}</label>{Help(path, help)}" +
            $"<textarea id=\"{id}\" name=\"{Encoder.Encode(name)}\" rows=\"3\"{Describedby(path, help)}>{Encoder.Encode(value ?? "")}</textarea>{FieldErrors(path)}</div>");
    }

    public IHtmlContent Select(string path, string name, string label, string? value, IEnumerable<(string Value, string Label)> options,
        string? help = null)
    {
        var id = Id(path);
        var items = string.Concat(options.Select(o =>
            $"<option value=\"{Encoder.Encode(o.Value)}\"{(o.Value == value ? " selected" : "")}>{Encoder.Encode(o.Label)}</option>"));
        return new HtmlString(
            $"<div class=\"rule-field\"><label for=\"{id}\">{Encoder.Encode(label)}</label>{Help(path, help)}" +
            $"<select id=\"{id}\" name=\"{Encoder.Encode(name)}\"{Describedby(path, help)}>{items}</select>{FieldErrors(path)}</div>");
    }

    public IHtmlContent Check(string path, string name, string label, bool value, string? help = null, string checkedValue = "true", string? id = null)
    {
        id ??= Id(path);
        return new HtmlString(
            $"<div class=\"rule-field rule-check\"><input id=\"{id}\" name=\"{Encoder.Encode(name)}\" type=\"checkbox\" value=\"{Encoder.Encode(checkedValue)}\"{(value ? " checked" : "")}{Describedby(path, help)}>" +
            $"<label for=\"{id}\">{Encoder.Encode(label)}</label>{Help(path, help)}{FieldErrors(path)}</div>");
    }

    /// <summary>Options of an enum with their French words.</summary>
    public static IEnumerable<(string, string)> Options<T>(string property) where T : struct, Enum =>
        Enum.GetNames<T>().Select(n => (n, Capitalised(RuleText.Option(property, n))));

    public static IEnumerable<(string, string)> MonthOptions(bool none = false) =>
        (none ? [("", "—")] : Array.Empty<(string, string)>()).Concat(Enumerable.Range(1, 12).Select(m => (m.ToString(CultureInfo.InvariantCulture), Capitalised(RuleText.MonthName(m)))));
}
