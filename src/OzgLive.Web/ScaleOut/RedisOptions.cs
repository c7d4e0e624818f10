namespace OzgLive.Web.ScaleOut;

/// <summary>Settings under "Redis": several app nodes behind one address (docs/architecture.md, "Several nodes").</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string ("127.0.0.1:6379", "redis:6379,password=…").
    /// Empty, the default: one node, and nothing of this feature is switched on.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// How long a node holds back a change that arrived ahead of a missing one (another node's change
    /// still on its way) before it sends what it has; its clients then see the gap and resynchronise.
    /// </summary>
    public TimeSpan GapWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a node renews its viewer counts in Redis; a node silent for three of these (a node
    /// that died) no longer counts.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>
/// Redis cannot be reached: at start (the node does not start; the message names the setting) or
/// while running (a write is refused before anything is stored; the client may try again).
/// </summary>
public sealed class ScaleOutUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The hub's error code (docs/hub-protocol.md).</summary>
    public const string Code = "unavailable";

    public static ScaleOutUnavailableException WhileRunning() => new(
        "Der Dienst ist gerade nicht vollständig erreichbar; es wurde nichts gespeichert. Bitte gleich noch einmal versuchen.");
}
