using GraphQL.DataLoader;
using Platform.Features.Employees;

namespace Platform.GraphQL.Employees;

/// <summary>
/// Batches the `career` field of a request: the employees asked for are gathered, and the first
/// result awaited loads all of them at once (one query for a page of 50, not 50).
/// </summary>
public sealed class CareerLoader(EmployeeQueries employees)
{
    private readonly Dictionary<Guid, EmployeeView> waiting = [];
    private readonly Dictionary<Guid, IReadOnlyList<CareerEntryView>> loaded = [];

    public IDataLoaderResult<IReadOnlyList<CareerEntryView>> Load(EmployeeView employee)
    {
        if (!loaded.ContainsKey(employee.Id)) waiting[employee.Id] = employee;
        return new Result(this, employee.Id);
    }

    private async Task<IReadOnlyList<CareerEntryView>> GetAsync(Guid id, CancellationToken ct)
    {
        if (!loaded.ContainsKey(id) && waiting.Count > 0)
        {
            var batch = waiting.Values.ToList();
            waiting.Clear();
            foreach (var (employeeId, career) in await employees.CareersAsync(batch, ct)) loaded[employeeId] = career;
        }
        return loaded.GetValueOrDefault(id) ?? [];
    }

    private sealed class Result(CareerLoader loader, Guid id) : IDataLoaderResult<IReadOnlyList<CareerEntryView>>
    {
        public Task<IReadOnlyList<CareerEntryView>> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(id, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
