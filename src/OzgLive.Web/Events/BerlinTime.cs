using System.Globalization;

namespace OzgLive.Web.Events;

/// <summary>Times are stored in UTC and shown in Europe/Berlin; this is the one place that converts.</summary>
public static class BerlinTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    public static DateTimeOffset ToBerlin(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>Reads a wall-clock time in Berlin (as typed in a form) as the instant it denotes.</summary>
    public static DateTimeOffset FromBerlin(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>"Donnerstag, 31. März 2022, 10:00 Uhr".</summary>
    public static string LongDateTime(DateTimeOffset utc) =>
        ToBerlin(utc).ToString("dddd, d. MMMM yyyy, HH:mm 'Uhr'", German);

    public static string Date(DateTimeOffset utc) => ToBerlin(utc).ToString("d. MMMM yyyy", German);

    public static string Time(DateTimeOffset utc) => ToBerlin(utc).ToString("HH:mm", German);
}
