using System.Text.Json;
using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;

namespace OzgLive.Tests.Security;

/// <summary>Finding 8: absolute links come from Site:Addresses, never from the request's Host header.</summary>
public sealed class SiteAddressTests
{
    [Theory]
    [InlineData("transcript.json")]
    [InlineData("transcript.md")]
    [InlineData("print")]
    public async Task Exports_link_to_the_configured_address_whatever_Host_the_request_names(string export)
    {
        await using var app = await TestApp.StartAsync(extra: new Dictionary<string, string?> { ["Site:Addresses:0"] = "https://live.example.de" });
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/events/{DemoContent.ReplaySlug}/replay/{export}");
        request.Headers.Host = "boese.example";

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        Assert.Contains($"https://live.example.de/events/{DemoContent.ReplaySlug}/replay", body, StringComparison.Ordinal);
        Assert.DoesNotContain("boese.example", body, StringComparison.Ordinal);
        if (export == "transcript.json")
        {
            Assert.Equal(
                $"https://live.example.de/events/{DemoContent.ReplaySlug}/replay",
                JsonDocument.Parse(body).RootElement.GetProperty("event").GetProperty("replayUrl").GetString());
        }
    }
}
