using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Every table of the portal sits in a box that scrolls sideways on narrow screens (issue 10: tables
/// overflowed their panels and a phone scrolled the whole page). The box can take keyboard focus, so
/// that someone without a mouse can scroll it too.
/// </summary>
[HtmlTargetElement("table")]
public sealed class TableScrollTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var label = output.Attributes.TryGetAttribute("aria-label", out var given) ? given.Value?.ToString() : null;
        output.PreElement.AppendHtml("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
        output.PreElement.Append(label ?? "Tableau (défilement horizontal possible)");
        output.PreElement.AppendHtml("\">");
        output.PostElement.AppendHtml("</div>");
    }
}
