using OzgLive.Tests.Infrastructure;
using OzgLive.Web.Demo;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Questions;

/// <summary>
/// Behind a reverse proxy on the same machine, the per-address limits apply to each viewer's own
/// address (X-Forwarded-For), not to the proxy's: otherwise one busy office would silence everyone.
/// </summary>
public sealed class ForwardedAddressTests
{
    private static readonly Dictionary<string, string?> TwoQuestionsPerAddress = new()
    {
        ["Questions:QuestionsPerAddressPerMinute"] = "2",
        ["Questions:QuestionsPerViewerPerMinute"] = "10",
    };

    [Fact]
    public async Task Viewers_behind_a_local_proxy_are_limited_by_their_forwarded_address()
    {
        await using var app = await TestApp.StartAsync(extra: TwoQuestionsPerAddress);
        await using var organiser = await app.ConnectAsync(await app.SignInAsync());
        var eventId = (await organiser.InvokeAsync("JoinEvent", DemoContent.SpotOnOzgSlug)).GetProperty("eventId").GetInt64();

        await using var firstInOffice = await ViewerBehindProxyAsync(app, "203.0.113.10");
        await using var secondInOffice = await ViewerBehindProxyAsync(app, "203.0.113.10");
        await using var elsewhere = await ViewerBehindProxyAsync(app, "198.51.100.7");

        await AskAsync(firstInOffice, eventId, "Erste Frage aus dem Rathaus");
        await AskAsync(secondInOffice, eventId, "Zweite Frage aus dem Rathaus");
        var limited = await Assert.ThrowsAsync<HubCallException>(() => AskAsync(secondInOffice, eventId, "Dritte Frage aus dem Rathaus"));
        Assert.Equal("rate-limited", limited.Code);

        // All three connections come from 127.0.0.1 (the proxy); only the forwarded address differs.
        var answer = await AskAsync(elsewhere, eventId, "Eine Frage aus einem anderen Amt");
        Assert.Equal("pending", answer.GetProperty("status").GetString());
    }

    private static async Task<HubTestClient> ViewerBehindProxyAsync(TestApp app, string forwardedFor)
    {
        var client = await HubTestClient.ConnectAsync(new Uri(app.BaseAddress, LiveHub.Path), forwardedFor: forwardedFor);
        await client.InvokeAsync("IdentifyViewer", (string?)null);
        return client;
    }

    private static Task<System.Text.Json.JsonElement> AskAsync(HubTestClient viewer, long eventId, string text) =>
        viewer.InvokeAsync("AskQuestion", eventId, new { clientId = Guid.NewGuid().ToString("N"), text, displayName = (string?)null, organisation = (string?)null, blockNumber = (int?)null });
}
