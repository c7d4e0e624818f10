// Loaded into a server by DOTNET_STARTUP_HOOKS (the runtime looks for exactly this class name, outside
// any namespace). When LOADBENCH_HEAP_SOCKET names a path, it answers each connection on that Unix
// socket: to "h", the live managed heap after a full, compacting collection; to "j", how many methods
// the JIT has compiled so far (the harness waits for it to stand still after the warm-up). The same
// figures, taken the same way, for OzgLive and for the baseline, and no endpoint or code in either app.
using System.Globalization;
using System.Net.Sockets;
using System.Runtime;
using System.Text;

#pragma warning disable CA1050 // The runtime requires the hook type in the global namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("LOADBENCH_HEAP_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        var thread = new Thread(() => Serve(listener)) { IsBackground = true, Name = "LoadBench heap probe" };
        thread.Start();
    }

    private static void Serve(Socket listener)
    {
        while (true)
        {
            using var client = listener.Accept();
            var ask = new byte[1];
            if (client.Receive(ask) == 1 && ask[0] == (byte)'j')
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
                client.Send(Encoding.ASCII.GetBytes(compiled.ToString(CultureInfo.InvariantCulture) + "\n"));
                continue;
            }

            // Twice, with the finalizers in between, so objects kept only by finalizers are gone too.
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var live = GC.GetTotalMemory(forceFullCollection: false);
            client.Send(Encoding.ASCII.GetBytes(live.ToString(CultureInfo.InvariantCulture) + "\n"));
        }
    }
}
