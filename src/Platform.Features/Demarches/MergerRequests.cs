namespace Platform.Features.Demarches;

/// <summary>
/// Demander la fusion/absorption d'entreprises (seeds 000/001): a description for the staff, who carry
/// the merger out in the service's own tools; the platform records the decision and tells the requester.
/// </summary>
public sealed class MergerRequests(DemarcheSupport support)
{
    public async Task<Outcome<AccessRequestView>> RequestAsync(string? description, CancellationToken ct = default)
    {
        if (await support.OfferedAsync(AccessRequestKind.Merger) is { Succeeded: false } notOffered) return Outcome<AccessRequestView>.Fail(notOffered.Errors);
        // Counted like the other démarches: nobody floods the staff's queue.
        if (await support.AttemptAsync() is { Succeeded: false } throttled) return Outcome<AccessRequestView>.Fail(throttled.Errors);
        _ = support.Caller;
        if (DemarcheSupport.DescriptionProblem(description) is { } problem) return Outcome<AccessRequestView>.Fail(problem);
        var request = support.Add(AccessRequestKind.Merger, null, description: description!.Trim());
        await support.Db.SaveChangesAsync(ct);
        return Outcome<AccessRequestView>.Ok(await support.ViewAsync(request, ct));
    }
}
