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
public sealed class UploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>The file limit of the imports, with 64 KB for the multipart envelope and the anti-forgery token.</summary>
    public const long MaxRequestBytes = CsvUpload.MaxBytes + 64 * 1024;

    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }
        // A body without a length (chunked) is cut at the same size: by the server, and by the form reader.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxRequestBytes;
        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>() is not { Form: not null })
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
    }
}
