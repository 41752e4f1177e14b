namespace Platform.Features.Regulation;

/// <summary>Dates as the French services live them: "today" is the date in Paris, not in UTC.</summary>
public static class FrenchTime
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Paris).DateTime);
}
