namespace OzgLive.Web.Components;

/// <summary>Time left on a clock as the screens show it; the words around it come from each screen's resources.</summary>
public static class ClockText
{
    /// <summary>"12:05" (minutes:seconds), "1:02:05" beyond an hour. The pages' scripts format the same way.</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Floor(span.TotalSeconds);
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
