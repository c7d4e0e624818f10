using Humanizer.Localisation.Formatters;

namespace OzgLive.Web.Localization;

/// <summary>
/// German wording for Humanizer's relative times ("vor 3 Minuten"). Only Humanizer.Core (English)
/// is in the package registry here, so the German texts of its resource keys live in this class.
/// </summary>
public sealed class GermanHumanizerFormatter() : DefaultFormatter("de")
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["DateHumanize_Now"] = "jetzt",
        ["DateHumanize_Never"] = "nie",
        ["DateHumanize_SingleSecondAgo"] = "vor einer Sekunde",
        ["DateHumanize_MultipleSecondsAgo"] = "vor {0} Sekunden",
        ["DateHumanize_SingleMinuteAgo"] = "vor einer Minute",
        ["DateHumanize_MultipleMinutesAgo"] = "vor {0} Minuten",
        ["DateHumanize_SingleHourAgo"] = "vor einer Stunde",
        ["DateHumanize_MultipleHoursAgo"] = "vor {0} Stunden",
        ["DateHumanize_SingleDayAgo"] = "gestern",
        ["DateHumanize_MultipleDaysAgo"] = "vor {0} Tagen",
        ["DateHumanize_SingleMonthAgo"] = "vor einem Monat",
        ["DateHumanize_MultipleMonthsAgo"] = "vor {0} Monaten",
        ["DateHumanize_SingleYearAgo"] = "vor einem Jahr",
        ["DateHumanize_MultipleYearsAgo"] = "vor {0} Jahren",
        ["DateHumanize_SingleSecondFromNow"] = "in einer Sekunde",
        ["DateHumanize_MultipleSecondsFromNow"] = "in {0} Sekunden",
        ["DateHumanize_SingleMinuteFromNow"] = "in einer Minute",
        ["DateHumanize_MultipleMinutesFromNow"] = "in {0} Minuten",
        ["DateHumanize_SingleHourFromNow"] = "in einer Stunde",
        ["DateHumanize_MultipleHoursFromNow"] = "in {0} Stunden",
        ["DateHumanize_SingleDayFromNow"] = "morgen",
        ["DateHumanize_MultipleDaysFromNow"] = "in {0} Tagen",
        ["DateHumanize_SingleMonthFromNow"] = "in einem Monat",
        ["DateHumanize_MultipleMonthsFromNow"] = "in {0} Monaten",
        ["DateHumanize_SingleYearFromNow"] = "in einem Jahr",
        ["DateHumanize_MultipleYearsFromNow"] = "in {0} Jahren",
        ["TimeSpanHumanize_Zero"] = "keine Zeit",
        ["TimeSpanHumanize_SingleMillisecond"] = "1 Millisekunde",
        ["TimeSpanHumanize_MultipleMilliseconds"] = "{0} Millisekunden",
        ["TimeSpanHumanize_SingleSecond"] = "1 Sekunde",
        ["TimeSpanHumanize_MultipleSeconds"] = "{0} Sekunden",
        ["TimeSpanHumanize_SingleMinute"] = "1 Minute",
        ["TimeSpanHumanize_MultipleMinutes"] = "{0} Minuten",
        ["TimeSpanHumanize_SingleHour"] = "1 Stunde",
        ["TimeSpanHumanize_MultipleHours"] = "{0} Stunden",
        ["TimeSpanHumanize_SingleDay"] = "1 Tag",
        ["TimeSpanHumanize_MultipleDays"] = "{0} Tage",
        ["TimeSpanHumanize_SingleWeek"] = "1 Woche",
        ["TimeSpanHumanize_MultipleWeeks"] = "{0} Wochen",
        ["TimeSpanHumanize_SingleMonth"] = "1 Monat",
        ["TimeSpanHumanize_MultipleMonths"] = "{0} Monate",
        ["TimeSpanHumanize_SingleYear"] = "1 Jahr",
        ["TimeSpanHumanize_MultipleYears"] = "{0} Jahre",
    };

    protected override string Format(string resourceKey) =>
        Texts.TryGetValue(Strip(resourceKey), out var text) ? text : base.Format(resourceKey);

    protected override string Format(string resourceKey, int number, bool toWords = false) =>
        Texts.TryGetValue(Strip(resourceKey), out var text)
            ? string.Format(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), text, number)
            : base.Format(resourceKey, number, toWords);

    // Humanizer asks for grammatical variants ("…_Plural", "…_Words"); German needs only the base forms here.
    private static string Strip(string key)
    {
        foreach (var suffix in new[] { "_Words", "_Singular", "_Plural", "_Dual", "_TrialQuadral", "_DualTrialQuadral", "_Above20", "_Paucal" })
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal))
            {
                return key[..^suffix.Length];
            }
        }

        return key;
    }
}
