namespace Platform.Features.Access;

/// <summary>
/// A connection's User-Agent as a person reads it: « Firefox sur Windows », « Safari sur iPhone ».
/// The common browsers and systems only; anything else is « Navigateur inconnu ». Order matters:
/// Edge and Opera say « Chrome » too, and Chrome says « Safari ».
/// </summary>
public static class BrowserDescription
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("Edge/", "Edge"),
        ("OPR/", "Opera"), ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Vivaldi/", "Vivaldi"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("Trident/", "Internet Explorer"), ("MSIE ", "Internet Explorer"),
        ("curl/", "curl"), ("PostmanRuntime/", "Postman"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"),
        ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"),
        ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Navigateur inconnu";
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "Navigateur inconnu",
            (null, _) => $"Navigateur inconnu sur {system}",
            (_, null) => browser,
            _ => $"{browser} sur {system}",
        };
    }
}
