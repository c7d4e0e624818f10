using System.Globalization;
using Humanizer;

namespace OzgLive.Web.Localization;

/// <summary>
/// "vor 3 Minuten" (German, from Humanizer.Core.de) or "3 minutes ago" (English), relative to the
/// server's clock.
/// </summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        // Within a few seconds "jetzt" reads better than "vor 2 Sekunden" on a live page.
        if ((now - at).Duration() < TimeSpan.FromSeconds(10))
        {
            return at.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: at.UtcDateTime, culture: culture);
        }

        return at.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: culture);
    }
}
