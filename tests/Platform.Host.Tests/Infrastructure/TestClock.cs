namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// The host's clock in tests: real time plus an offset that tests move (Advance) or set (SetUtcNow).
/// Unlike a frozen fake clock, time keeps flowing, so schedulers and timeouts behave as in production.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan delta) => Interlocked.Add(ref offsetTicks, delta.Ticks);

    /// <summary>Back to the real time. Only for a class whose tests set the clock: in-flight e-mails and jobs do not expect time to go back.</summary>
    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref offsetTicks, (value - base.GetUtcNow()).Ticks);

    /// <summary>The shared rate-limit windows are fixed: start a test just after one begins (moving forward), so that none ends midway.</summary>
    public void StartOfWindow(TimeSpan window)
    {
        var seconds = (long)window.TotalSeconds;
        var now = GetUtcNow().ToUnixTimeSeconds();
        SetUtcNow(DateTimeOffset.FromUnixTimeSeconds((now / seconds + 1) * seconds + 1));
    }
}
