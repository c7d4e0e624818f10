using Microsoft.Extensions.Localization;
using OzgLive.Web.Events;

namespace OzgLive.Web.Localization;

public static class StringsExtensions
{
    /// <summary>An event's status in the page's language ("Geplant", "Scheduled").</summary>
    public static string Status(this IStringLocalizer<Strings> texts, EventStatus status) => texts["Status_" + status];
}
