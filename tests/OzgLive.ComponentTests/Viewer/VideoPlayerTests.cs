using Microsoft.Extensions.DependencyInjection;
using OzgLive.Web.Viewer;
using static OzgLive.ComponentTests.Viewer.ViewerSamples;

namespace OzgLive.ComponentTests.Viewer;

public sealed class VideoPlayerTests : BunitContext
{
    public VideoPlayerTests() => Services.AddLocalization();

    [Fact]
    public void Without_a_video_the_section_is_hidden()
    {
        using var culture = new Culture(German);
        var player = Render<VideoPlayer>(p => p.Add(x => x.VideoId, null).Add(x => x.EventTitle, "Spot on OZG"));

        Assert.True(player.Find("#video").HasAttribute("hidden"));
        Assert.False(player.Find("#video").HasAttribute("data-video-id"));
        Assert.Empty(player.FindAll("iframe"));
    }

    [Fact]
    public void With_a_video_the_placeholder_explains_YouTube_and_loads_nothing_from_it()
    {
        using var culture = new Culture(German);
        var player = Render<VideoPlayer>(p => p.Add(x => x.VideoId, "dQw4w9WgXcQ").Add(x => x.EventTitle, "Spot on OZG"));

        var section = player.Find("#video");
        Assert.False(section.HasAttribute("hidden"));
        Assert.Equal("dQw4w9WgXcQ", section.GetAttribute("data-video-id"));
        Assert.Equal("Video: Spot on OZG", section.GetAttribute("data-frame-title"));
        Assert.StartsWith("Das Video zu dieser Veranstaltung kommt von YouTube.", player.Find("#video-consent p").TextContent);
        Assert.Equal("Video von YouTube laden", player.Find("#video-load").TextContent);
        Assert.Equal("Auswahl in diesem Browser merken und YouTube-Videos künftig direkt laden", player.Find("label[for='video-remember']").TextContent);
        // Nothing that a browser would fetch from YouTube before the click: no player, no thumbnail, no script.
        Assert.Empty(player.FindAll("iframe, img, script, link, video, object, embed"));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", player.Find("#video-external").GetAttribute("href"));
        Assert.Equal("noopener noreferrer", player.Find("#video-external").GetAttribute("rel"));
        Assert.DoesNotContain("youtube-nocookie.com/embed", player.Markup);
        // The button needs the script, which enables it.
        Assert.True(player.Find("#video-load").HasAttribute("disabled"));
    }

    [Fact]
    public void In_English_the_placeholder_is_English()
    {
        using var culture = new Culture(English);
        var player = Render<VideoPlayer>(p => p.Add(x => x.VideoId, "dQw4w9WgXcQ").Add(x => x.EventTitle, "Spot on OZG"));

        Assert.Equal("Load video from YouTube", player.Find("#video-load").TextContent);
        Assert.StartsWith("The video of this event comes from YouTube.", player.Find("#video-consent p").TextContent);
    }
}
