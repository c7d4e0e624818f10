using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;

namespace OzgLive.Web.Live;

/// <summary>
/// Closes a hub WebSocket from which nothing at all arrived for <see cref="LiveConnectionOptions.ClientTimeout"/>.
/// SignalR enforces its own client timeout only once a client has sent its first ping (for old clients
/// that never ping), so a client that completes the handshake and then stays silent, or stalls in the
/// middle of a frame, would hold its connection for as long as TCP lets it. Any bytes count as a
/// sign of life here, pings included, so the official clients (a ping every 15 s) are never touched.
/// Measured on the wall clock (TimeProvider.System, passed in), not the app's clock: this is about
/// the network, and the tests' fake clock jumps hours while their clients stay connected.
/// </summary>
public static class IdleSocketWatch
{
    /// <summary>Runs <paramref name="next"/> (the whole WebSocket's life) with a watchdog beside it.</summary>
    public static async Task RunAsync(HttpContext context, RequestDelegate next, TimeSpan timeout, TimeProvider time)
    {
        if (context.Features.Get<IHttpWebSocketFeature>() is not { IsWebSocketRequest: true } inner)
        {
            await next(context);
            return;
        }

        var watched = new WatchedFeature(inner, time);
        context.Features.Set<IHttpWebSocketFeature>(watched);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var watchdog = WatchAsync(context, watched, timeout, time, stop.Token);
        try
        {
            await next(context);
        }
        finally
        {
            await stop.CancelAsync();
            await watchdog;
        }
    }

    private static async Task WatchAsync(HttpContext context, WatchedFeature watched, TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var idle = time.GetUtcNow() - watched.LastReceived;
                if (idle >= timeout)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdleSocketWatch))
                        .LogInformation("Closed a hub WebSocket that sent nothing for {Timeout}", timeout);
                    context.Abort();
                    return;
                }

                await Task.Delay(timeout - idle, time, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private sealed class WatchedFeature(IHttpWebSocketFeature inner, TimeProvider time) : IHttpWebSocketFeature
    {
        private long lastReceivedTicks = time.GetUtcNow().UtcTicks;

        public bool IsWebSocketRequest => inner.IsWebSocketRequest;

        public DateTimeOffset LastReceived => new(Interlocked.Read(ref lastReceivedTicks), TimeSpan.Zero);

        public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context) =>
            new WatchedSocket(await inner.AcceptAsync(context), this);

        public void Received() => Interlocked.Exchange(ref lastReceivedTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>The accepted socket, telling the watch of every receive that brought bytes (a part of a frame too).</summary>
    private sealed class WatchedSocket(WebSocket inner, WatchedFeature watch) : WebSocket
    {
        public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

        public override string? CloseStatusDescription => inner.CloseStatusDescription;

        public override WebSocketState State => inner.State;

        public override string? SubProtocol => inner.SubProtocol;

        public override void Abort() => inner.Abort();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Dispose() => inner.Dispose();

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            var result = await inner.ReceiveAsync(buffer, cancellationToken);
            watch.Received();
            return result;
        }

        public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var result = await inner.ReceiveAsync(buffer, cancellationToken);
            watch.Received();
            return result;
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
    }
}
