using System.Globalization;

namespace OzgLive.Web.Replay;

/// <summary>
/// Seconds since the stream start, turned into positions in the recording. The offset is how much
/// recording there is before the stream start (negative when the recording began after it).
/// </summary>
public static class RecordingTime
{
    public static int Position(int streamSeconds, int offsetSeconds) => Math.Max(0, streamSeconds + offsetSeconds);

    /// <summary>"05:12", or "1:05:12" past the hour: the form YouTube reads as a timestamp.</summary>
    public static string Format(int seconds)
    {
        seconds = Math.Max(0, seconds);
        var hours = seconds / 3600;
        var minutes = seconds / 60 % 60;
        var rest = seconds % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{rest:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes:00}:{rest:00}");
    }

}
