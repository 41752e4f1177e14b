using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Pages that take a file: a body larger than the file limit (plus room for the form around it) is
/// refused with 413 and the French error page before anything reads it, instead of being buffered
/// (up to Kestrel's 30 MB) only to be told then that the file is too large. Runs before the
/// anti-forgery check, which would read the whole form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxFileBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the multipart envelope, the other fields and the anti-forgery token.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    /// <summary>The imports' limit: one CSV file of 5 MB.</summary>
    public UploadLimitAttribute() : this(CsvUpload.MaxBytes) { }

    /// <summary>The largest body the page accepts: its files' limit with the envelope.</summary>
    public long MaxRequestBytes { get; } = maxFileBytes + EnvelopeBytes;

    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!Limit(context.HttpContext, MaxRequestBytes)) context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>
    /// False when the declared length is over the limit; otherwise a body without a length (chunked) is
    /// cut at the same size, by the server and by the form reader. Also used by the file endpoints.
    /// </summary>
    public static bool Limit(HttpContext http, long maxRequestBytes)
    {
        if (http.Request.ContentLength > maxRequestBytes) return false;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxRequestBytes;
        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>() is not { Form: not null })
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = maxRequestBytes }));
        return true;
    }
}
