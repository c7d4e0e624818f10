using System.Globalization;
using OzgLive.Web.Localization;

namespace OzgLive.Tests.Localization;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, "jetzt")]
    [InlineData(45, "vor 45 Sekunden")]
    [InlineData(60, "vor einer Minute")]
    [InlineData(180, "vor 3 Minuten")]
    [InlineData(3600, "vor einer Stunde")]
    [InlineData(3 * 3600, "vor 3 Stunden")]
    [InlineData(26 * 3600, "gestern")]
    [InlineData(3 * 86400, "vor 3 Tagen")]
    public void German_relative_times_read_as_a_German_speaker_says_them(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(-secondsAgo), Now, CultureInfo.GetCultureInfo("de-DE")));

    [Fact]
    public void English_is_available_when_chosen() =>
        Assert.Equal("3 minutes ago", RelativeTime.Format(Now.AddMinutes(-3), Now, CultureInfo.GetCultureInfo("en-GB")));

    [Fact]
    public void A_time_in_the_future_reads_as_in() =>
        Assert.Equal("in 5 Minuten", RelativeTime.Format(Now.AddMinutes(5), Now, CultureInfo.GetCultureInfo("de-DE")));

    [Theory]
    [InlineData(3 * 3600, "in 3 Stunden")]
    [InlineData(26 * 3600, "morgen")]
    [InlineData(3 * 86400, "in 3 Tagen")]
    public void Later_times_read_as_a_German_speaker_says_them(int secondsAhead, string expected) =>
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(secondsAhead), Now, CultureInfo.GetCultureInfo("de-DE")));
}
