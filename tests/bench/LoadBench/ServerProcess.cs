using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoadBench;

/// <summary>
/// One server under test as a child process on 127.0.0.1: started with `dotnet app.dll`, killed with
/// SIGKILL, started again on the same port. Its CPU and memory come from /proc, its live managed heap
/// from the HeapProbe startup hook, the same way for OzgLive and the baseline.
/// </summary>
public sealed class ServerProcess(string name, string dll, string heapProbeDll, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    // Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lock LogGate = new();

    private readonly string folder = Directory.CreateTempSubdirectory("loadbench-" + name + "-").FullName;
    private Process? process;

    public string Name => name;

    public int Port { get; } = FreePort();

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public int Pid => process?.Id ?? throw new InvalidOperationException($"{name} is not running");

    private string HeapSocket => Path.Combine(folder, "heap.sock");

    /// <summary>Starts the server and returns once it answers /readyz.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll), "--urls", BaseUri.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_STARTUP_HOOKS"] = Path.GetFullPath(heapProbeDll);
        start.Environment["LOADBENCH_HEAP_SOCKET"] = HeapSocket;
        var log = Path.Combine(folder, "server.log");
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}");
        // Drained to a file so a chatty server can never block on a full pipe.
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}: {Tail(log)}");
            }

            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{name} was not ready within {ReadyTimeout.TotalSeconds} s: {Tail(log)}");
    }

    /// <summary>The end of the server's output, for the error message: the folder is gone after the run.</summary>
    private static string Tail(string log)
    {
        lock (LogGate)
        {
            return File.Exists(log) ? string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "(no output)";
        }
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the clients.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>User plus system CPU time the server has used so far, from /proc/PID/stat.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name in parentheses may contain spaces; the fields after it are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (user + system) / TicksPerSecond;
    }

    /// <summary>Resident set size (VmRSS) from /proc/PID/status, in bytes.</summary>
    public long WorkingSetBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Live managed heap in bytes after a full compacting collection (HeapProbe).</summary>
    public Task<long> LiveHeapBytesAsync() => ProbeAsync('h');

    /// <summary>How many methods the server's JIT has compiled so far (HeapProbe).</summary>
    public Task<long> CompiledMethodsAsync() => ProbeAsync('j');

    private async Task<long> ProbeAsync(char question)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(HeapSocket));
        await socket.SendAsync(new[] { (byte)question });
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return long.Parse(line ?? throw new InvalidOperationException("no answer from the probe"), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (Environment.GetEnvironmentVariable("LOADBENCH_KEEP_LOGS") is { Length: > 0 } keep && File.Exists(Path.Combine(folder, "server.log")))
        {
            File.Copy(Path.Combine(folder, "server.log"), Path.Combine(keep, $"{name}-{Port}.log"), overwrite: true);
        }

        Directory.Delete(folder, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(string path, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (LogGate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
