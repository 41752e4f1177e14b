using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Preformatted text (examples, the rules file) scrolls sideways when its lines are long: it takes
/// keyboard focus so that someone without a mouse can scroll it too (WCAG 2.1.1, axe « scrollable-region-focusable »).
/// </summary>
[HtmlTargetElement("pre")]
public sealed class PreformattedTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
    }
}
