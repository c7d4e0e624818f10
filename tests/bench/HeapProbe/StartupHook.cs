// Loaded into a server by DOTNET_STARTUP_HOOKS (the runtime looks for exactly this class name, outside
// any namespace). When LOADBENCH_HEAP_SOCKET names a path, it answers each connection on that Unix
// socket with the live managed heap after a full, compacting collection: the same figure, taken the
// same way, for OzgLive and for the baseline, and no endpoint or code in either app.
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
