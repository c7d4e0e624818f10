using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OzgLive.BrowserTests;

/// <summary>
/// Stands between the page and the hub: passes the WebSocket through, records what the page sends,
/// and can cut it (closing the socket and refusing new connections, as when the network is gone) or
/// swallow one message. Install it before the page opens its connection.
/// </summary>
internal sealed class HubLine
{
    private const char Separator = '\u001e';
    private readonly Lock gate = new();
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> open = [];
    private readonly List<string> sent = [];
    private bool down;
    private string? swallow;
    private TaskCompletionSource swallowed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Swallowed { get; private set; }

    public static async Task<HubLine> InstallAsync(IPage page)
    {
        var line = new HubLine();
        await page.RouteAsync(new Regex("/hubs/live/negotiate"), async route =>
        {
            if (line.IsDown)
            {
                await route.AbortAsync("connectionrefused");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.RouteWebSocketAsync(new Regex("/hubs/live"), ws =>
        {
            if (line.IsDown)
            {
                _ = ws.CloseAsync(new() { Code = 1011, Reason = "down" });
                return;
            }

            var server = ws.ConnectToServer();
            lock (line.gate)
            {
                line.open.Add((ws, server));
            }

            ws.OnMessage(frame =>
            {
                lock (line.gate)
                {
                    line.sent.Add(frame.Text ?? "");
                }

                server.Send(frame.Text!);
            });
            server.OnMessage(frame =>
            {
                var records = (frame.Text ?? "").Split(Separator, StringSplitOptions.RemoveEmptyEntries)
                    .Where(record => !line.TakeSwallow(record)).ToList();
                if (records.Count > 0)
                {
                    ws.Send(string.Concat(records.Select(r => r + Separator)));
                }
            });
        });
        return line;
    }

    private bool IsDown
    {
        get
        {
            lock (gate)
            {
                return down;
            }
        }
    }

    /// <summary>How many invocations of <paramref name="target"/> the page sent to the hub.</summary>
    public int Sent(string target)
    {
        lock (gate)
        {
            return sent.Count(frame => frame.Contains($"\"target\":\"{target}\"", StringComparison.Ordinal));
        }
    }

    /// <summary>Drops the next message of <paramref name="target"/> the hub sends to the page.</summary>
    public void SwallowNext(string target)
    {
        lock (gate)
        {
            swallow = target;
            swallowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Completes once the message of <see cref="SwallowNext"/> has been dropped: from then on the page
    /// cannot have seen it, so what it shows is what it shows without it (no waiting "long enough").
    /// </summary>
    public Task SwallowedAsync()
    {
        Task done;
        lock (gate)
        {
            done = swallowed.Task;
        }

        return done.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task CutAsync()
    {
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> sockets;
        lock (gate)
        {
            down = true;
            sockets = [.. open];
            open.Clear();
        }

        foreach (var (page, server) in sockets)
        {
            await page.CloseAsync(new() { Code = 1011, Reason = "down" });
            await server.CloseAsync();
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            down = false;
        }
    }

    private bool TakeSwallow(string record)
    {
        lock (gate)
        {
            if (swallow is null || !record.Contains($"\"target\":\"{swallow}\"", StringComparison.Ordinal))
            {
                return false;
            }

            swallow = null;
            Swallowed++;
            swallowed.TrySetResult();
            return true;
        }
    }
}
