using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// The JSON hub protocol by hand, only for what the real client (<see cref="HubTestClient"/>) will not
/// do: send malformed or oversized frames, speak protocol version 2, drop a connection without a close,
/// and open a second socket for the same connection.
/// </summary>
public sealed class RawHubSocket : IDisposable
{
    public const char RecordSeparator = '\u001e';

    /// <summary>How long a receive may take before the test fails (a failure, not a pause).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket = new();
    private readonly Queue<string> records = new();
    private readonly StringBuilder pending = new();

    /// <summary>Opens the WebSocket of the app's hub (with a session's cookies, if given); no handshake yet.</summary>
    public static Task<RawHubSocket> ConnectAsync(TestApp app, CookieContainer? cookies = null) =>
        ConnectAsync(new UriBuilder(new Uri(app.BaseAddress, LiveHub.Path)) { Scheme = "ws" }.Uri, cookies);

    public static async Task<RawHubSocket> ConnectAsync(Uri uri, CookieContainer? cookies = null)
    {
        var raw = new RawHubSocket();
        if (cookies is not null)
        {
            raw.socket.Options.Cookies = cookies;
        }

        using var cancel = new CancellationTokenSource(Timeout);
        await raw.socket.ConnectAsync(uri, cancel.Token);
        return raw;
    }

    /// <summary>The handshake of the JSON protocol; the server must accept it.</summary>
    public async Task HandshakeAsync(int version = 1)
    {
        await SendAsync($"{{\"protocol\":\"json\",\"version\":{version}}}");
        Assert.Equal("{}", await ReceiveAsync());
    }

    /// <summary>Invokes a hub method with arguments written as JSON and returns the completion's result.</summary>
    public async Task<JsonElement> InvokeAsync(string invocationId, string target, string argumentsJson)
    {
        await SendAsync($"{{\"type\":1,\"invocationId\":\"{invocationId}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}");
        var completion = await ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == invocationId);
        return completion.GetProperty("result");
    }

    /// <summary>Sends one record: <paramref name="record"/> and the record separator.</summary>
    public Task SendAsync(string record) => SendTextAsync(record + RecordSeparator);

    /// <summary>Sends text exactly as given, as one WebSocket message.</summary>
    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends the start of a WebSocket message and never its end.</summary>
    public Task SendPartialAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);

    /// <summary>Ends the connection the way a lost network does: no close message, no close frame.</summary>
    public void Drop() => socket.Abort();

    /// <summary>The next record from the server; the socket must not close first.</summary>
    public async Task<string> ReceiveAsync()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var chunk = new byte[16 * 1024];
        while (records.Count == 0)
        {
            var result = await socket.ReceiveAsync(chunk, cancel.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            pending.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
            var text = pending.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end >= 0)
            {
                foreach (var record in text[..end].Split(RecordSeparator))
                {
                    records.Enqueue(record);
                }

                pending.Clear().Append(text[(end + 1)..]);
            }
        }

        return records.Dequeue();
    }

    /// <summary>Skips pings, acks and anything else until a message matches.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var message = JsonSerializer.Deserialize<JsonElement>(await ReceiveAsync());
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Waits for the server's close message and returns its error (null when it gave none).</summary>
    public async Task<string?> CloseErrorAsync()
    {
        var close = await ReceiveUntilAsync(m => m.GetProperty("type").GetInt32() == 7);
        return close.TryGetProperty("error", out var error) ? error.GetString() : null;
    }

    /// <summary>
    /// Reads (and ignores pings) until the server ends the connection: a close message, a close frame
    /// or a broken socket. False if it is still open after <paramref name="limit"/> (a failure, not a pause).
    /// </summary>
    public async Task<bool> ServerClosesWithinAsync(TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk, cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close
                    || Encoding.UTF8.GetString(chunk, 0, result.Count).Contains("\"type\":7", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    public void Dispose() => socket.Dispose();
}
