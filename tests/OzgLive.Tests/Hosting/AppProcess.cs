using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OzgLive.Tests.Hosting;

/// <summary>Where the checkout is, and how this test build was configured.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built with (bin/&lt;config&gt;/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string WebProject => Path.Combine(Root, "src", "OzgLive.Web");

    /// <summary>The dotnet that runs these tests, so child processes use the same SDK and runtime.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OzgLive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OzgLive.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>
/// A child process (the published app, dotnet run, dotnet publish) with its output collected, so a
/// failing test can show what the process said. Killed with its whole tree on dispose.
/// </summary>
internal sealed partial class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => this.process = process;

    public Uri BaseAddress => listening.Task.IsCompletedSuccessfully
        ? listening.Task.Result
        : throw new InvalidOperationException("The app is not listening.\n" + Output);

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public static AppProcess Start(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Repo.Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // What the test runner's own environment says about MSBuild or the app must not leak into
        // the child: it gets exactly the settings a user or a container would give it.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Accounts__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.Exited += (_, _) => app.exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs a command to its end (dotnet publish) and throws with its output if it fails.</summary>
    public static async Task RunToEndAsync(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var run = Start(workingDirectory, arguments, new Dictionary<string, string>());
        var finished = await FirstOfAsync(timeout, run.exited.Task);
        if (finished != run.exited.Task || run.exited.Task.Result != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{run.Output}");
        }
    }

    /// <summary>Waits for Kestrel's "Now listening on" line, then for /healthz to answer.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var finished = await FirstOfAsync(timeout, listening.Task, exited.Task);
        if (finished != listening.Task)
        {
            throw new InvalidOperationException(
                (finished == exited.Task ? $"The app exited with code {exited.Task.Result}" : $"The app did not listen within {timeout.TotalSeconds} s")
                + ":\n" + Output);
        }

        // Kestrel writes that line once it accepts requests with the app's pipeline in place: one
        // request is enough, no polling.
        using var http = new HttpClient { BaseAddress = listening.Task.Result, Timeout = timeout };
        var health = await http.GetAsync("/healthz");
        if (!health.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/healthz answered {(int)health.StatusCode}:\n" + Output);
        }

        return listening.Task.Result;
    }

    /// <summary>The exit code once the process has ended by itself (a refused start).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (await FirstOfAsync(timeout, exited.Task) != exited.Task)
        {
            throw new InvalidOperationException($"The app was still running after {timeout.TotalSeconds} s:\n" + Output);
        }

        return exited.Task.Result;
    }

    /// <summary>The first of <paramref name="tasks"/> to finish, or null when none did within <paramref name="timeout"/>.</summary>
    private static async Task<Task?> FirstOfAsync(TimeSpan timeout, params Task[] tasks)
    {
        try
        {
            return await Task.WhenAny(tasks).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL to the process and its children: no shutdown code of the app runs.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            KillHard();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
