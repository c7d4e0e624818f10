using System.Globalization;

namespace OzgLive.Web.Events;

/// <summary>Times are stored in UTC and shown in Europe/Berlin; this is the one place that converts.</summary>
public static class BerlinTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>British English: day before month and a 24-hour clock, as Berlin times read best in English.</summary>
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-GB");

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

    /// <summary>
    /// In the page's language, always in Berlin time: "Donnerstag, 31. März 2022, 10:00 Uhr" or
    /// "Thursday 31 March 2022, 10:00". Any culture but English reads German (the site's default).
    /// </summary>
    public static string LongDateTime(DateTimeOffset utc, CultureInfo culture) =>
        IsEnglish(culture) ? ToBerlin(utc).ToString("dddd d MMMM yyyy, HH:mm", English) : LongDateTime(utc);

    public static string Date(DateTimeOffset utc) => ToBerlin(utc).ToString("d. MMMM yyyy", German);

    /// <summary>"31. März 2022" or "31 March 2022".</summary>
    public static string Date(DateTimeOffset utc, CultureInfo culture) =>
        IsEnglish(culture) ? ToBerlin(utc).ToString("d MMMM yyyy", English) : Date(utc);

    /// <summary>"31. März 2022" or "31 March 2022" for a calendar date that has no time of day.</summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        IsEnglish(culture) ? date.ToString("d MMMM yyyy", English) : date.ToString("d. MMMM yyyy", German);

    /// <summary>"10:00": the 24-hour clock reads the same in both languages.</summary>
    public static string Time(DateTimeOffset utc) => ToBerlin(utc).ToString("HH:mm", German);

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
