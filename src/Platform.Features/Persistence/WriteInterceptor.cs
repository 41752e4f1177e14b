using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Features.Persistence;

/// <summary>
/// Tells a tenant context that a command without rows ran through it (ExecuteUpdate, ExecuteDelete, raw or bulk
/// SQL): <see cref="PlatformDbContext.Wrote"/>. SaveChanges raises it itself.
/// </summary>
internal sealed class WriteInterceptor : DbCommandInterceptor
{
    public static readonly WriteInterceptor Instance = new();

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        (eventData.Context as PlatformDbContext)?.OnWrote();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as PlatformDbContext)?.OnWrote();
        return ValueTask.FromResult(result);
    }
}
