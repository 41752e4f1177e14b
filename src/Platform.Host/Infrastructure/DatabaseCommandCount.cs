using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Host.Infrastructure;

/// <summary>
/// For benchmarks (Diagnostics:CountDatabaseCommands): each answer says in X-Database-Commands how
/// many database commands its request ran. Off by default; nothing is registered then.
/// </summary>
public static class DatabaseCommandCount
{
    public const string Header = "X-Database-Commands";
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static void AddDatabaseCommandCount(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Diagnostics:CountDatabaseCommands", false))
            services.AddSingleton<IInterceptor, Counter>();
    }

    public static void UseDatabaseCommandCount(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:CountDatabaseCommands", false)) return;
        app.Use(async (http, next) =>
        {
            var count = new StrongBox<int>();
            Current.Value = count;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = Volatile.Read(ref count.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(http);
        });
    }

    private sealed class Counter : DbCommandInterceptor
    {
        private static void Count()
        {
            if (Current.Value is { } count) Interlocked.Increment(ref count.Value);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }
}
