using System.Globalization;
using Microsoft.Extensions.Localization;
using OzgLive.Web.Clock;
using OzgLive.Web.Components;
using OzgLive.Web.Events;

namespace OzgLive.Web.Organisers;

/// <summary>The live controls' clock in words, in the page's language (the same wording as the public event page's German).</summary>
public static class OrganiserClockText
{
    public static string Status(IStringLocalizer<OrganiserTexts> t, ClockState clock, LiveEvent ev) => clock.Phase switch
    {
        ClockPhase.NotStarted when ev.Status is EventStatus.Ended or EventStatus.Published => t["Clock_Ended"],
        ClockPhase.NotStarted => t["Clock_NotStarted", BerlinTime.LongDateTime(ev.ScheduledStart, CultureInfo.CurrentCulture)],
        ClockPhase.Intro => t["Clock_Intro"],
        ClockPhase.Block when clock.Current?.State == BlockRunState.Paused => t["Clock_BlockPaused", clock.CurrentBlock ?? 0],
        ClockPhase.Block => t["Clock_BlockRunning", clock.CurrentBlock ?? 0],
        ClockPhase.Between => t["Clock_Between"],
        ClockPhase.Ended => t["Clock_Ended"],
        _ => "",
    };

    public static string Remaining(IStringLocalizer<OrganiserTexts> t, ClockState clock, DateTimeOffset now)
    {
        if (clock.Current is not BlockClock block)
        {
            return "";
        }

        var remaining = block.Remaining(now);
        return remaining < TimeSpan.Zero
            ? t["Clock_Overtime", ClockText.Format(-remaining)]
            : t["Clock_Remaining", ClockText.Format(remaining)];
    }

    public static string BlockState(IStringLocalizer<OrganiserTexts> t, BlockRunState state) => t["BlockState_" + state];
}
