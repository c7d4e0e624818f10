using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// A real SignalR client speaking the JSON hub protocol over a WebSocket (the .NET SignalR client
/// does not restore here). It does what @microsoft/signalr does on the wire: handshake, invocations
/// with ids, completions, server invocations, pings and close messages.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> pending = new();
    private readonly Channel<ServerMessage> messages = Channel.CreateUnbounded<ServerMessage>();
    private readonly List<ServerMessage> received = [];
    private readonly TaskCompletionSource<string?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private int nextInvocationId;
    private Task receiveLoop = Task.CompletedTask;

    private HubTestClient(ClientWebSocket socket) => this.socket = socket;

    /// <summary>Completes when the server closed the connection, with its close error if it gave one.</summary>
    public Task<string?> Closed => closed.Task;

    /// <summary>Every server invocation received so far, in order.</summary>
    public IReadOnlyList<ServerMessage> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <param name="forwardedFor">Sent as X-Forwarded-For, as a reverse proxy on this machine would.</param>
    public static async Task<HubTestClient> ConnectAsync(Uri hubUri, CookieContainer? cookies = null, string? origin = null, string? forwardedFor = null)
    {
        var socket = new ClientWebSocket();
        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }

        if (cookies is not null)
        {
            socket.Options.Cookies = cookies;
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var wsUri = new UriBuilder(hubUri) { Scheme = hubUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(wsUri, CancellationToken.None);
        var client = new HubTestClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var handshake = await client.ReceiveRecordAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("The server closed the connection during the handshake.");
        if (JsonNode.Parse(handshake)?["error"] is JsonNode error)
        {
            throw new InvalidOperationException($"Handshake refused: {error}");
        }

        client.receiveLoop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Invokes a hub method and returns its result; a hub error becomes <see cref="HubCallException"/>.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = completion;
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
        };
        await SendRawAsync(message.ToJsonString() + RecordSeparator);
        var finished = await Task.WhenAny(completion.Task, closed.Task, Task.Delay(DefaultTimeout));
        if (finished != completion.Task)
        {
            pending.TryRemove(id, out _);
            throw new TimeoutException(closed.Task.IsCompleted
                ? $"{target}: connection closed ({closed.Task.Result})"
                : $"{target}: no completion within {DefaultTimeout.TotalSeconds} s");
        }

        var result = await completion.Task;
        if (result["error"] is JsonNode error)
        {
            throw new HubCallException(error.GetValue<string>());
        }

        return result["result"] is JsonNode value ? JsonSerializer.Deserialize<JsonElement>(value.ToJsonString()) : default;
    }

    public async Task<T> InvokeAsync<T>(string target, params object?[] arguments) =>
        (await InvokeAsync(target, arguments)).Deserialize<T>(Json.Options)!;

    /// <summary>Waits for the next server invocation of <paramref name="target"/> that matches.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(cancel.Token);
                if (message.Target == target && (match is null || match(message.Argument)))
                {
                    return message.Argument;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {target} within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
    }

    /// <summary>True if a matching message arrives within <paramref name="window"/> (for "never receives" checks).</summary>
    public async Task<bool> ReceivesWithinAsync(string target, TimeSpan window)
    {
        try
        {
            await WaitForAsync(target, null, window);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Sends text exactly as given (for malformed-message tests).</summary>
    public async Task SendRawAsync(string text)
    {
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        await stop.CancelAsync();
        try
        {
            await receiveLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or WebSocketException)
        {
        }

        socket.Dispose();
        stop.Dispose();
    }

    private readonly StringBuilder buffer = new();

    private async Task<string?> ReceiveRecordAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[8192];
        while (true)
        {
            var text = buffer.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                buffer.Remove(0, end + 1);
                return text[..end];
            }

            var result = await socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Append(Encoding.UTF8.GetString(chunk, 0, result.Count));
        }
    }

    private async Task ReceiveLoopAsync()
    {
        string? closeError = null;
        try
        {
            while (await ReceiveRecordAsync(stop.Token) is string record)
            {
                var node = JsonNode.Parse(record)!.AsObject();
                switch (node["type"]!.GetValue<int>())
                {
                    case 1: // server invocation
                        var argument = node["arguments"] is JsonArray { Count: > 0 } args
                            ? JsonSerializer.Deserialize<JsonElement>(args[0]!.ToJsonString())
                            : default;
                        var message = new ServerMessage(node["target"]!.GetValue<string>(), argument);
                        lock (received)
                        {
                            received.Add(message);
                        }

                        await messages.Writer.WriteAsync(message);
                        break;
                    case 3: // completion
                        if (pending.TryRemove(node["invocationId"]!.GetValue<string>(), out var completion))
                        {
                            completion.TrySetResult(node);
                        }

                        break;
                    case 7: // close
                        closeError = node["error"]?.GetValue<string>();
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            closed.TrySetResult(closeError);
        }
    }
}

public sealed record ServerMessage(string Target, JsonElement Argument);

public sealed class HubCallException(string message) : Exception(message)
{
    /// <summary>The error code of docs/hub-protocol.md ("block-not-found"), taken from "… HubException: code: text".</summary>
    public string Code
    {
        get
        {
            var text = Message;
            var marker = text.IndexOf("HubException: ", StringComparison.Ordinal);
            if (marker >= 0)
            {
                text = text[(marker + "HubException: ".Length)..];
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? text[..colon] : text;
        }
    }
}

public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
