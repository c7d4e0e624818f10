using OzgLive.Web.Events;

namespace OzgLive.Tests.Events;

public sealed class YouTubeVideoIdTests
{
    private const string Id = "dQw4w9WgXcQ";

    public static TheoryData<string, string> Accepted => new()
    {
        { Id, Id },
        { "  " + Id + "\t", Id },
        { "a-b_C1d2E3f", "a-b_C1d2E3f" },
        { "https://www.youtube.com/watch?v=" + Id, Id },
        { "https://www.youtube.com/watch?v=" + Id + "&t=42s&list=PL1234567890", Id },
        { "https://www.youtube.com/watch?feature=share&v=" + Id, Id },
        { "https://www.youtube.com/watch?v=" + Id + "#t=1m", Id },
        { "https://youtube.com/watch?v=" + Id, Id },
        { "http://www.youtube.com/watch?v=" + Id, Id },
        { "HTTPS://WWW.YOUTUBE.COM/watch?v=" + Id, Id },
        { "www.youtube.com/watch?v=" + Id, Id },
        { "youtube.com/watch?v=" + Id, Id },
        { "https://m.youtube.com/watch?v=" + Id, Id },
        { "https://music.youtube.com/watch?v=" + Id + "&si=abc", Id },
        { "https://youtu.be/" + Id, Id },
        { "https://youtu.be/" + Id + "?si=Xy12&t=30", Id },
        { "youtu.be/" + Id, Id },
        { "https://www.youtube.com/live/" + Id, Id },
        { "https://www.youtube.com/live/" + Id + "?feature=share", Id },
        { "https://youtube.com/live/" + Id + "/", Id },
        { "https://www.youtube.com/embed/" + Id, Id },
        { "https://www.youtube.com/embed/" + Id + "?autoplay=1&start=10", Id },
        { "//www.youtube.com/embed/" + Id, Id },
        { "https://www.youtube-nocookie.com/embed/" + Id, Id },
        { "https://youtube-nocookie.com/embed/" + Id, Id },
        { "https://www.youtube.com/shorts/" + Id, Id },
        { "youtube.com/shorts/" + Id + "?feature=share", Id },
        { "https://www.youtube.com:443/watch?v=" + Id, Id },
    };

    public static TheoryData<string> Rejected => new()
    {
        "",
        "   ",
        "dQw4w9WgXc",                                            // 10 characters
        "dQw4w9WgXcQQ",                                          // 12 characters
        "dQw4w9WgXc!",                                           // not an id character
        "dQw4w9 WgXc",
        "https://vimeo.com/" + Id,
        "https://vimeo.com/watch?v=" + Id,
        "https://youtube.com.evil.example/watch?v=" + Id,
        "https://evil.example/youtube.com/watch?v=" + Id,
        "https://youtube.com@evil.example/watch?v=" + Id,
        "https://notyoutube.com/watch?v=" + Id,
        "https://www.youtube.com/watch",
        "https://www.youtube.com/watch?list=PL1234567890",
        "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/watch?v=dQw4w9WgXc",           // 10 characters
        "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",         // 12 characters
        "https://www.youtube.com/channel/UCabcdefghij",
        "https://www.youtube.com/c/abcdefghijk",
        "https://www.youtube.com/@behoerdenspiegel",
        "https://www.youtube.com/playlist?list=PL1234567890",
        "https://www.youtube.com/embed/videoseries?list=PL1234567890",
        "https://www.youtube.com/",
        "https://youtu.be/",
        "https://youtu.be/" + Id + "/extra",
        "https://www.youtube.com/live/" + Id + "/extra",
        "javascript:alert('" + Id + "')",
        "javascript://www.youtube.com/watch?v=" + Id,
        "ftp://www.youtube.com/watch?v=" + Id,
        "data:text/html,<script>" + Id + "</script>",
        "<iframe src=\"https://www.youtube.com/embed/" + Id + "\"></iframe>",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Ids_and_common_youtube_addresses_yield_the_video_id(string input, string expected)
    {
        Assert.True(YouTubeVideoId.TryParse(input, out var id), input);
        Assert.Equal(expected, id);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Anything_else_is_refused_and_yields_no_id(string input)
    {
        Assert.False(YouTubeVideoId.TryParse(input, out var id), input);
        Assert.Equal("", id);
    }

    [Fact]
    public void Ids_are_case_sensitive_and_kept_as_given()
    {
        Assert.True(YouTubeVideoId.TryParse("https://youtu.be/DQW4W9WGXCQ", out var upper));
        Assert.Equal("DQW4W9WGXCQ", upper);
        Assert.True(YouTubeVideoId.IsValidId(Id));
        Assert.False(YouTubeVideoId.IsValidId("https://youtu.be/" + Id));
        Assert.False(YouTubeVideoId.IsValidId(null));
        Assert.False(YouTubeVideoId.TryParse(null, out var none));
        Assert.Equal("", none);
    }

    [Fact]
    public void A_wrong_video_in_an_event_is_a_validation_error_naming_that_field()
    {
        var input = new EventInput
        {
            SeriesId = 1,
            Title = "Spot on OZG",
            StartBerlin = new DateTime(2026, 4, 1, 10, 0, 0),
            Status = "scheduled",
            LiveVideo = "https://vimeo.com/123456789",
            ReplayVideo = "https://youtu.be/" + Id,
        };

        var errors = input.Validate();

        var message = Assert.Single(errors);
        Assert.Equal(nameof(EventInput.LiveVideo), message.Key);
        Assert.Contains("YouTube", message.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_video_in_a_block_is_a_validation_error_naming_that_field()
    {
        var input = new BlockInput { Title = "Fördermöglichkeiten", PlannedMinutes = 30, Video = "https://www.youtube.com/channel/UCabcdefghij" };

        var errors = input.Validate();

        Assert.Equal([nameof(BlockInput.Video)], errors.Keys);
        Assert.True(new BlockInput { Title = "Fördermöglichkeiten", PlannedMinutes = 30, Video = "youtu.be/" + Id }.Validate().Ok);
        Assert.True(new BlockInput { Title = "Fördermöglichkeiten", PlannedMinutes = 30, Video = "  " }.Validate().Ok);
    }
}
