using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace LoadBench;

/// <summary>
/// A client that completes the SignalR JSON handshake and JoinEvent over a raw WebSocket, then never
/// reads again and sends nothing: a phone that lost the network without closing the connection. Its
/// socket's receive buffer is kept small so the server's send buffers fill after a few messages.
/// </summary>
public sealed class StalledClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket socket = new();
    private readonly HttpMessageInvoker invoker = new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var raw = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
            await raw.ConnectAsync(context.DnsEndPoint, cancellation);
            return new NetworkStream(raw, ownsSocket: true);
        },
    });

    public static async Task<StalledClient> JoinAsync(Uri baseUri, string slug, CancellationToken cancellation)
    {
        var client = new StalledClient();
        var uri = new UriBuilder(new Uri(baseUri, "/hubs/live")) { Scheme = "ws" }.Uri;
        await client.socket.ConnectAsync(uri, client.invoker, cancellation);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", cancellation);
        await client.ReadUntilAsync("{}", cancellation);
        await client.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinEvent\",\"arguments\":[\"{slug}\"]}}", cancellation);
        await client.ReadUntilAsync("\"type\":3", cancellation);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        // Abort, not close: a close handshake would need the reads this client stopped doing.
        socket.Abort();
        socket.Dispose();
        invoker.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task SendAsync(string message, CancellationToken cancellation) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, cancellation);

    /// <summary>Reads frames until one contains <paramref name="marker"/> (the handshake answer, the completion).</summary>
    private async Task ReadUntilAsync(string marker, CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellation);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection");
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var records = text.ToString().Split(RecordSeparator);
            if (records[..^1].Any(record => record.Contains(marker, StringComparison.Ordinal)))
            {
                return;
            }
        }
    }
}
