using System.Net.WebSockets;
using OzgLive.Tests.Infrastructure;

namespace OzgLive.Tests.Security;

/// <summary>
/// Finding 4: idle and excess hub connections are reclaimed. Network timeouts run on the wall clock
/// (the app's fake clock is for domain time), so the tests set them to a second through the options
/// and wait for the server's close: an event, with a limit that fails the test, not a fixed pause.
/// </summary>
public sealed class ConnectionHygieneTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string?> ShortTimeouts = new()
    {
        ["Live:KeepAliveInterval"] = "00:00:00.500",
        ["Live:ClientTimeout"] = "00:00:01",
        ["Live:HandshakeTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task A_connection_that_sends_nothing_after_the_handshake_not_even_pings_is_closed()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: ShortTimeouts);
        using var socket = await RawHubSocket.ConnectAsync(app);
        await socket.HandshakeAsync();
        await RoundTripAsync(socket);

        Assert.True(await socket.ServerClosesWithinAsync(Limit));
    }

    [Fact]
    public async Task A_connection_stalled_inside_a_frame_is_closed()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: ShortTimeouts);
        using var socket = await RawHubSocket.ConnectAsync(app);
        await socket.HandshakeAsync();
        await RoundTripAsync(socket);

        await socket.SendPartialAsync("{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinEv");

        Assert.True(await socket.ServerClosesWithinAsync(Limit));
    }

    [Fact]
    public async Task A_WebSocket_that_never_completes_the_handshake_is_closed()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: ShortTimeouts);
        using var socket = await RawHubSocket.ConnectAsync(app);

        Assert.True(await socket.ServerClosesWithinAsync(Limit));
    }

    [Fact]
    public async Task Connections_from_one_address_beyond_the_configured_cap_are_refused()
    {
        await using var app = await TestApp.StartAsync(seedDemo: false, extra: new Dictionary<string, string?> { ["Live:MaxConnectionsPerAddress"] = "2" });
        using var first = await RawHubSocket.ConnectAsync(app);
        using var second = await RawHubSocket.ConnectAsync(app);
        await first.HandshakeAsync();
        await second.HandshakeAsync();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => RawHubSocket.ConnectAsync(app));

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        Assert.Contains(app.Log.Lines, l => l.Category == OzgLive.Web.Security.SecurityLog.Category && l.Message.Contains("connections already open", StringComparison.Ordinal));
    }

    /// <summary>
    /// The barrier before moving the clock: once a call's answer is back, the server has received
    /// everything sent so far, so the silence the test measures starts here.
    /// </summary>
    private static Task RoundTripAsync(RawHubSocket socket) => socket.InvokeAsync("barrier", "LeaveEvent", "[0]");
}
