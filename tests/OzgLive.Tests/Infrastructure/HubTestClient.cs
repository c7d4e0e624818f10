using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OzgLive.Web.Live;

namespace OzgLive.Tests.Infrastructure;

/// <summary>
/// The real .NET SignalR client (<see cref="HubConnection"/> over WebSockets), with what the tests read
/// kept in one place: every server message received, in order, and the calls' answers as JSON, so that
/// a test asserts on what arrived on the wire rather than on typed copies of the server's records.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    /// <summary>How long a call or a wait may take before the test fails (a failure, not a pause).</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<ServerMessage> messages = Channel.CreateUnbounded<ServerMessage>();
    private readonly List<ServerMessage> received = [];
    private readonly TaskCompletionSource<string?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed (and replaced) whenever a message arrives: what <see cref="WaitUntilAsync"/> waits on instead of polling.</summary>
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubConnection connection = null!;

    private HubTestClient()
    {
    }

    /// <summary>Completes when the connection closed, with the server's close error if it gave one.</summary>
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
        var client = new HubTestClient();
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUri, HttpTransportType.WebSockets, options =>
            {
                // Straight to the WebSocket, as before: negotiate has tests of its own (OriginTests, StatefulReconnectTests).
                options.SkipNegotiation = true;
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }

                if (origin is not null)
                {
                    options.Headers["Origin"] = origin;
                }

                if (forwardedFor is not null)
                {
                    options.Headers["X-Forwarded-For"] = forwardedFor;
                }
            });
        var json = new JsonHubProtocolOptions();
        json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new ArrivalOrderProtocol(new JsonHubProtocol(Options.Create(json)), client.Record));
        client.connection = builder.Build();

        // The server's own list of message names: a message added to the server is heard here too.
        // The handlers only tell the client the argument's type; the protocol records the message.
        foreach (var target in ServerMessages.All)
        {
            client.connection.On(target, [typeof(JsonElement)], _ => Task.CompletedTask);
        }

        client.connection.Closed += error =>
        {
            client.closed.TrySetResult(error?.Message);
            return Task.CompletedTask;
        };

        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await client.connection.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>Invokes a hub method and returns its result; a hub error becomes <see cref="HubCallException"/>.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[]? arguments)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            // A lone null argument arrives as a null array: it is one argument, not none.
            var result = await connection.InvokeCoreAsync(target, typeof(JsonElement), arguments ?? [null], timeout.Token);
            return result is JsonElement value ? value : default;
        }
        catch (HubException error)
        {
            throw new HubCallException(error.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{target}: no completion within {DefaultTimeout.TotalSeconds} s");
        }
    }

    public async Task<T> InvokeAsync<T>(string target, params object?[]? arguments) =>
        (await InvokeAsync(target, arguments)).Deserialize<T>(Json.Options)!;

    /// <summary>
    /// A clock command as a console gives it: with the clock version of a fresh snapshot (clock.version),
    /// so the command applies to the clock as it is now. Tests of the version check call InvokeAsync.
    /// </summary>
    public async Task<JsonElement> ClockAsync(string command, long eventId, params object?[] arguments) =>
        await InvokeAsync(command, [eventId, await ClockVersionAsync(eventId), .. arguments]);

    public async Task<T> ClockAsync<T>(string command, long eventId, params object?[] arguments) =>
        (await ClockAsync(command, eventId, arguments)).Deserialize<T>(Json.Options)!;

    /// <summary>
    /// A clock command from a moderator racing others: refused as stale when another command came
    /// first, it reads the clock again and retries, as a moderator would press the button again.
    /// </summary>
    public async Task<JsonElement> ClockUntilAcceptedAsync(string command, long eventId, params object?[] arguments)
    {
        while (true)
        {
            try
            {
                return await ClockAsync(command, eventId, arguments);
            }
            catch (HubCallException error) when (error.Code == "stale")
            {
                // Another command came first: this one now applies to the clock after it.
            }
        }
    }

    /// <summary>The clock version this connection's snapshot shows now.</summary>
    /// <summary>
    /// A moderator's poll action (OpenPoll, ClosePoll, RevealPollResults, HidePollWord) as a console gives it:
    /// with the poll's version from a fresh snapshot. Tests of the version check call InvokeAsync.
    /// </summary>
    public async Task<JsonElement> PollAsync(string method, long eventId, long pollId, params object?[] arguments) =>
        await InvokeAsync(method, [eventId, pollId, await PollVersionAsync(eventId, pollId), .. arguments]);

    public async Task<long> PollVersionAsync(long eventId, long pollId) =>
        (await InvokeAsync("GetSnapshot", eventId)).GetProperty("polls").EnumerateArray()
            .Single(p => p.GetProperty("id").GetInt64() == pollId).GetProperty("version").GetInt64();

    public async Task<long> ClockVersionAsync(long eventId) =>
        (await InvokeAsync("GetSnapshot", eventId)).GetProperty("clock").GetProperty("version").GetInt64();

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

    /// <summary>
    /// Waits until what has been received so far satisfies <paramref name="done"/>, checking again on
    /// every arrival; returns the messages it saw. <paramref name="describe"/> explains a timeout.
    /// </summary>
    public async Task<IReadOnlyList<ServerMessage>> WaitUntilAsync(
        Func<IReadOnlyList<ServerMessage>, bool> done, Func<IReadOnlyList<ServerMessage>, string> describe, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            IReadOnlyList<ServerMessage> now;
            Task next;
            lock (received)
            {
                now = [.. received];
                next = arrived.Task;
            }

            if (done(now))
            {
                return now;
            }

            try
            {
                await next.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(describe(now));
            }
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private void Record(InvocationMessage invocation)
    {
        if (invocation.Arguments is not [JsonElement argument])
        {
            return;
        }

        var message = new ServerMessage(invocation.Target, argument);
        TaskCompletionSource wake;
        lock (received)
        {
            received.Add(message);
            wake = arrived;
            arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        messages.Writer.TryWrite(message);
        wake.SetResult();
    }

    /// <summary>
    /// The JSON protocol, telling the client of each server message as it is read off the wire. The
    /// client runs its handlers on a queue of their own, so a handler may run after the answer to a
    /// later call; recorded here, a message is in <see cref="Received"/> before any later answer is
    /// read, so every call is also a barrier for what the server sent this connection before it.
    /// </summary>
    private sealed class ArrivalOrderProtocol(IHubProtocol inner, Action<InvocationMessage> arrived) : IHubProtocol
    {
        public string Name => inner.Name;

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
        {
            if (!inner.TryParseMessage(ref input, binder, out message))
            {
                return false;
            }

            if (message is InvocationMessage invocation)
            {
                arrived(invocation);
            }

            return true;
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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
