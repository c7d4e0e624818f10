namespace OzgLive.Web.Calendar;

/// <summary>
/// Marker for <c>IStringLocalizer&lt;CalendarTexts&gt;</c>: what the .ics files say about an event
/// (in CalendarTexts.resx, German, and CalendarTexts.en.resx).
/// </summary>
public sealed class CalendarTexts
{
}
