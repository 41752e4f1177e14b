using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// Drives the portal's forms over HTTP as a browser would: keeps cookies, reads the anti-forgery
/// token of the form it posts, follows redirects by hand so that tests can see them.
/// </summary>
public sealed partial class PortalClient(HttpClient http)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")] private static partial Regex TokenPattern();

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(path);

    public async Task<string> GetHtmlAsync(string path) => WebUtility.HtmlDecode(await (await Http.GetAsync(path)).Content.ReadAsStringAsync());

    /// <summary>GETs the page of the form, then POSTs the fields with its anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPath, IDictionary<string, string> fields, string? postPath = null) =>
        await SubmitAsync(formPath, (IEnumerable<KeyValuePair<string, string>>)fields, postPath);

    /// <summary>The same with repeated names (check boxes).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPath, IEnumerable<KeyValuePair<string, string>> fields, string? postPath = null)
    {
        var body = fields.Append(new("__RequestVerificationToken", await TokenAsync(formPath)));
        return await Http.PostAsync(postPath ?? formPath, new FormUrlEncodedContent(body));
    }

    /// <summary>Posts a file as the multipart form of an upload would (field name "file").</summary>
    public async Task<HttpResponseMessage> UploadAsync(string formPath, string postPath, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(formPath)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await Http.PostAsync(postPath, form);
    }

    /// <summary>
    /// Posts the form of <paramref name="pagePath"/> whose submit button reads <paramref name="buttonText"/>, exactly as
    /// the page renders it: its own action and hidden fields (no token borrowed from another form).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormWithButtonAsync(string pagePath, string buttonText)
    {
        var page = await (await Http.GetAsync(pagePath)).Content.ReadAsStringAsync();
        var form = FormPattern().Matches(page).FirstOrDefault(m => WebUtility.HtmlDecode(m.Value).Contains(buttonText))
                   ?? throw new InvalidOperationException($"No form with a « {buttonText} » button on {pagePath}");
        var action = ActionPattern().Match(form.Groups[1].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : pagePath;
        var fields = HiddenPattern().Matches(form.Value)
            .Select(h => new KeyValuePair<string, string>(WebUtility.HtmlDecode(h.Groups[1].Value), WebUtility.HtmlDecode(h.Groups[2].Value)));
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form([^>]*)>.*?</form>", RegexOptions.Singleline)] private static partial Regex FormPattern();
    [GeneratedRegex("action=\"([^\"]*)\"")] private static partial Regex ActionPattern();
    [GeneratedRegex("<input name=\"([^\"]+)\" type=\"hidden\" value=\"([^\"]*)\"")] private static partial Regex HiddenPattern();

    private async Task<string> TokenAsync(string formPath)
    {
        var page = await (await Http.GetAsync(formPath)).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No form with an anti-forgery token on {formPath}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>The tenant's colours: the /tenant/theme.css stylesheet the page links to.</summary>
    public static async Task<string> ThemeOfAsync(HttpClient http, string html)
    {
        var link = ThemeLinkPattern().Match(html);
        if (!link.Success) throw new InvalidOperationException("The page links no tenant theme");
        return await http.GetStringAsync(WebUtility.HtmlDecode(link.Groups[1].Value));
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/tenant/theme\\.css[^\"]*)\"")] private static partial Regex ThemeLinkPattern();

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
