using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Platform.Features;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Errors shown beside their fields (issue 10: on long pages a panel of errors far above the form went
/// unseen). A page writes <c>&lt;form-errors errors="Model.Errors" /&gt;</c> once, before its forms, and
/// marks each field with <c>error-for="field"</c> (the UserError's field, as GraphQL names it). A field
/// takes the errors of its name: the message follows it in <c>&lt;span class="field-error" id="…-error"&gt;</c>,
/// the field gets aria-invalid and aria-describedby, and /js/field-errors.js moves focus to the first one.
/// The errors no field took stay in the panel, which is written once the whole page is (see
/// <see cref="RemainingErrors"/>). Where a page has several forms, a field takes errors only in the
/// form that was posted (its asp-page-handler is the request's handler), so that « name » of one
/// form does not mark « name » of another.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<UserError> errors = [];
    private readonly HashSet<UserError> placed = [];

    public static FieldErrors Of(HttpContext http)
    {
        if (http.Items[typeof(FieldErrors)] is FieldErrors existing) return existing;
        var created = new FieldErrors();
        http.Items[typeof(FieldErrors)] = created;
        return created;
    }

    public void Add(IEnumerable<UserError> shown) => errors.AddRange(shown);

    /// <summary>The errors of a field, now marked as shown beside it.</summary>
    public IReadOnlyList<UserError> Take(params string[] fields)
    {
        var mine = errors.Where(e => e.Field is { } f && fields.Any(x => string.Equals(x, f, StringComparison.OrdinalIgnoreCase))).ToList();
        placed.UnionWith(mine);
        return mine;
    }

    /// <summary>The HTML id of a field's message: the field's id followed by « -error ».</summary>
    public static string MessageId(string fieldId) => fieldId + "-error";

    /// <summary>Written when the page is: by then every field has taken its errors.</summary>
    private sealed class RemainingErrors(FieldErrors all, IReadOnlyList<UserError> shown) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            foreach (var e in shown.Where(e => !all.placed.Contains(e)))
            {
                writer.Write("<p class=\"error\" role=\"alert\">");
                encoder.Encode(writer, e.Message);
                writer.Write("</p>");
            }
        }
    }

    /// <summary>Those of <paramref name="shown"/> that no field takes.</summary>
    public IHtmlContent RemainingHtml(IReadOnlyList<UserError> shown) => new RemainingErrors(this, shown);
}

/// <summary>The errors of a page: those of no field on the page show here, in one panel.</summary>
[HtmlTargetElement("form-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormErrorsTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public IEnumerable<UserError>? Errors { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var all = FieldErrors.Of(ViewContext.HttpContext);
        var shown = (Errors ?? []).ToList();
        all.Add(shown);
        output.TagName = null;
        output.Content.SetHtmlContent(all.RemainingHtml(shown));
    }
}

/// <summary>Tells the fields of a form which handler it posts to (see <see cref="FieldErrors"/>).</summary>
/// Kept per request rather than per tag, so that the fields of a partial view inside the form know it too.
[HtmlTargetElement("form")]
public sealed class FormScopeTagHelper : TagHelper
{
    internal const string HandlerKey = "FieldErrors.Handler";

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // Before the framework's form tag helper, which reads the same attribute.
    public override int Order => -2000;

    // Init runs before the form's content is rendered.
    public override void Init(TagHelperContext context) =>
        ViewContext.HttpContext.Items[HandlerKey] = context.AllAttributes.TryGetAttribute("asp-page-handler", out var handler) ? handler.Value?.ToString() ?? "" : "";
}

/// <summary>A field with its errors beside it: <c>error-for="lastName"</c> (several names: comma-separated).</summary>
[HtmlTargetElement("input", Attributes = "error-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = "error-for")]
[HtmlTargetElement("textarea", Attributes = "error-for")]
[HtmlTargetElement("fieldset", Attributes = "error-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("error-for")] public string ErrorFor { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!PostedHere(context)) return;
        var fields = ErrorFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var mine = FieldErrors.Of(ViewContext.HttpContext).Take(fields);
        if (mine.Count == 0) return;

        var id = output.Attributes.TryGetAttribute("id", out var idAttribute) && idAttribute.Value?.ToString() is { Length: > 0 } given
            ? given : "champ-" + fields[0].Replace('.', '-');
        if (idAttribute is null) output.Attributes.SetAttribute("id", id);
        var messageId = FieldErrors.MessageId(id);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value + " " + messageId : messageId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);

        var message = new TagBuilder("span");
        message.AddCssClass("field-error");
        message.Attributes["id"] = messageId;
        message.InnerHtml.Append(string.Join(" ", mine.Select(e => e.Message)));
        if (output.TagName == "fieldset")
        {
            // A group of choices: its message closes the group (aria-invalid belongs to its inputs).
            output.Attributes.SetAttribute("class", ((output.Attributes["class"]?.Value?.ToString() ?? "") + " invalid").Trim());
            output.PostContent.AppendHtml(message);
        }
        else
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            output.PostElement.AppendHtml(message);
        }
    }

    /// <summary>True unless the field's form posts to another handler than the request's.</summary>
    private bool PostedHere(TagHelperContext context)
    {
        if (!ViewContext.HttpContext.Items.TryGetValue(FormScopeTagHelper.HandlerKey, out var formHandler)) return true;
        var requested = ViewContext.RouteData.Values["handler"]?.ToString() ?? ViewContext.HttpContext.Request.Query["handler"].ToString();
        return string.Equals(formHandler as string ?? "", requested ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
