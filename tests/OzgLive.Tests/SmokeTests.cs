using System.Net;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;

namespace OzgLive.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Demo_event_page_and_hub_snapshot_are_served_over_Kestrel()
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient();
        var page = await http.GetStringAsync($"/events/{DemoContent.SpotOnOzgSlug}");
        Assert.Contains("Kostenfreie Digitalisierungsberatungen für jede Kommune", page);

        await using var hub = await app.ConnectAsync();
        var snapshot = await hub.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug);
        Assert.Equal("viewer", snapshot.GetProperty("role").GetString());
        Assert.Equal(3, snapshot.GetProperty("event").GetProperty("blocks").GetArrayLength());
        Assert.Equal("notStarted", snapshot.GetProperty("clock").GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }
}
