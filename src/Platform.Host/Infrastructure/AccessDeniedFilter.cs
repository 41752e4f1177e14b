using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Platform.Features.Access;

namespace Platform.Host.Infrastructure;

/// <summary>Features refuse with AccessDeniedException; the portal answers with sign-in or its French 403 page.</summary>
public sealed class AccessDeniedFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not AccessDeniedException denied) return;
        context.Result = denied.Denial == AccessDenial.Unauthenticated ? new ChallengeResult() : new StatusCodeResult(StatusCodes.Status403Forbidden);
        context.ExceptionHandled = true;
    }
}
