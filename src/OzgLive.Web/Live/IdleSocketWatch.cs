using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OzgLive.Web.Live;

/// <summary>
/// Closes a hub WebSocket from which nothing at all arrived for <see cref="LiveConnectionOptions.ClientTimeout"/>.
/// SignalR enforces its own client timeout only once a client has sent its first ping (for old clients
/// that never ping), so a client that completes the handshake and then stays silent, or stalls in the
/// middle of a frame, would hold its connection for as long as TCP lets it. Any bytes count as a
/// sign of life here, pings included, so the official clients (a ping every 15 s) are never touched.
/// Measured on the wall clock (<see cref="TimeProvider.System"/>), not the app's clock: this is about
/// the network, and the tests' fake clock jumps hours while their clients stay connected.
/// </summary>
/// <remarks>
/// One sweep over all sockets a few times per timeout, not a timer and a task per socket: with
/// thousands of viewers those cost about a kilobyte each for as long as the connection lives. A
/// socket is closed between one and one and a quarter timeouts after its last bytes.
/// </remarks>
public sealed class IdleSocketWatch(IOptions<LiveConnectionOptions> options, ILogger<IdleSocketWatch> logger) : BackgroundService
{
    private static readonly TimeProvider Wall = TimeProvider.System;
    private readonly TimeSpan timeout = options.Value.ClientTimeout;
    private readonly ConcurrentDictionary<WatchedFeature, byte> watched = new();

    /// <summary>
    /// Watches the request's WebSocket once it is accepted; call <see cref="Forget"/> when the request
    /// ends. Null when the request is no WebSocket request.
    /// </summary>
    public object? Watch(HttpContext context)
    {
        if (context.Features.Get<IHttpWebSocketFeature>() is not { IsWebSocketRequest: true } inner)
        {
            return null;
        }

        var feature = new WatchedFeature(inner, context, this);
        context.Features.Set<IHttpWebSocketFeature>(feature);
        return feature;
    }

    public void Forget(object? watch)
    {
        if (watch is WatchedFeature feature)
        {
            watched.TryRemove(feature, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(timeout / 4, Wall);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Sweep()
    {
        var now = Wall.GetTimestamp();
        foreach (var (feature, _) in watched)
        {
            if (Wall.GetElapsedTime(feature.LastReceived, now) >= timeout && watched.TryRemove(feature, out _))
            {
                logger.LogInformation("Closed a hub WebSocket that sent nothing for {Timeout}", timeout);
                feature.Context.Abort();
            }
        }
    }

    private sealed class WatchedFeature(IHttpWebSocketFeature inner, HttpContext context, IdleSocketWatch watch) : IHttpWebSocketFeature
    {
        private long lastReceived = Wall.GetTimestamp();

        public HttpContext Context => context;

        public bool IsWebSocketRequest => inner.IsWebSocketRequest;

        /// <summary>A timestamp of <see cref="Wall"/>.</summary>
        public long LastReceived => Interlocked.Read(ref lastReceived);

        public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext acceptContext)
        {
            var socket = new WatchedSocket(await inner.AcceptAsync(acceptContext), this);
            Received();
            watch.watched.TryAdd(this, 0);
            return socket;
        }

        public void Received() => Interlocked.Exchange(ref lastReceived, Wall.GetTimestamp());
    }

    /// <summary>
    /// The accepted socket, noting every receive. SignalR starts the next receive as soon as the last
    /// one brought bytes (a part of a frame too), so the start of a receive marks when bytes last
    /// arrived; noting it there needs no state machine waiting beside each socket's receive.
    /// </summary>
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

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            watch.Received();
            return inner.ReceiveAsync(buffer, cancellationToken);
        }

        public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            watch.Received();
            return inner.ReceiveAsync(buffer, cancellationToken);
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
    }
}
