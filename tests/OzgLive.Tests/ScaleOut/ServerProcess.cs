using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OzgLive.Tests.ScaleOut;

/// <summary>
/// A server the tests start as a process of its own (redis-server, an app node), with its output
/// kept: tests wait for a line it prints ("Ready to accept connections", "Lost Redis") instead of
/// waiting a fixed time, and a failure shows what the server said.
/// </summary>
public class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> lines = [];
    private readonly Process process;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected ServerProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Exited += (_, _) => Wake();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>How many lines it printed so far: a mark for <see cref="WaitForLineAsync"/>.</summary>
    public int LineCount
    {
        get
        {
            lock (lines)
            {
                return lines.Count;
            }
        }
    }

    public string Output
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>A TCP port on 127.0.0.1 that is free now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until a line printed after line <paramref name="from"/> contains <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, int from = 0, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task next;
            lock (lines)
            {
                if (lines.Skip(from).Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                next = changed.Task;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({process.ExitCode}) before printing \"{text}\":\n{Output}");
            }

            try
            {
                await next.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print \"{text}\" within {(timeout ?? DefaultTimeout).TotalSeconds} s:\n{Output}");
            }
        }
    }

    public async Task WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(DefaultTimeout);
        await process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGKILL (kill -9): no shutdown, no flushing, no goodbye to anyone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        Wake();
    }

    private void Wake()
    {
        TaskCompletionSource wake;
        lock (lines)
        {
            wake = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }
}

/// <summary>Debian's redis-server on 127.0.0.1, nothing saved to disk.</summary>
public sealed class RedisServer : ServerProcess
{
    private RedisServer(int port)
        : base($"redis-server :{port}", Start(port)) => Port = port;

    public int Port { get; }

    /// <summary>What the nodes get as Redis:Configuration.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="port">A port given again brings Redis back where the nodes expect it.</param>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var server = new RedisServer(port ?? FreePort());
        await server.WaitForLineAsync("Ready to accept connections");
        return server;
    }

    private static ProcessStartInfo Start(int port)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("OZGLIVE_REDIS_SERVER") ?? "redis-server");
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
