using OzgLive.Web.Events;

namespace OzgLive.Tests.Events;

public sealed class BerlinTimeTests
{
    [Fact]
    public void Summer_time_is_two_hours_ahead_of_utc()
    {
        var utc = new DateTimeOffset(2022, 3, 31, 8, 0, 0, TimeSpan.Zero);

        var berlin = BerlinTime.ToBerlin(utc);

        Assert.Equal(TimeSpan.FromHours(2), berlin.Offset);
        Assert.Equal(new DateTime(2022, 3, 31, 10, 0, 0), berlin.DateTime);
        Assert.Equal(utc, berlin);
    }

    [Fact]
    public void Winter_time_is_one_hour_ahead_of_utc()
    {
        var utc = new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

        var berlin = BerlinTime.ToBerlin(utc);

        Assert.Equal(TimeSpan.FromHours(1), berlin.Offset);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 30, 0), berlin.DateTime);
    }

    [Theory]
    [InlineData(2026, 3, 28, 10, 9)]  // Saturday before the switch: winter time
    [InlineData(2026, 3, 29, 10, 8)]  // the switch to summer time happened at 02:00 that night
    [InlineData(2026, 10, 24, 10, 8)] // last day of summer time
    [InlineData(2026, 10, 25, 10, 9)] // back to winter time
    [InlineData(2026, 7, 1, 0, 22)]   // midnight in Berlin is the previous day in UTC
    public void A_wall_clock_time_typed_in_Berlin_is_read_as_the_right_utc_instant(int year, int month, int day, int hour, int expectedUtcHour)
    {
        var instant = BerlinTime.FromBerlin(new DateTime(year, month, day, hour, 0, 0));

        Assert.Equal(TimeSpan.Zero, instant.Offset);
        Assert.Equal(expectedUtcHour, instant.Hour);
        Assert.Equal(new DateTime(year, month, day, hour, 0, 0), BerlinTime.ToBerlin(instant).DateTime);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void The_kind_of_the_typed_time_does_not_matter_it_is_always_Berlin_wall_clock(DateTimeKind kind)
    {
        var typed = DateTime.SpecifyKind(new DateTime(2026, 4, 1, 10, 0, 0), kind);

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), BerlinTime.FromBerlin(typed));
    }

    [Fact]
    public void Long_dates_are_written_in_German()
    {
        Assert.Equal("Donnerstag, 31. März 2022, 10:00 Uhr", BerlinTime.LongDateTime(new DateTimeOffset(2022, 3, 31, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Freitag, 1. Januar 2027, 00:30 Uhr", BerlinTime.LongDateTime(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal("3. März 2022", BerlinTime.Date(new DateTimeOffset(2022, 3, 3, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal("09:05", BerlinTime.Time(new DateTimeOffset(2026, 1, 15, 8, 5, 0, TimeSpan.Zero)));
    }
}
