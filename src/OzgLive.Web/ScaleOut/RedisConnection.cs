using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// This node's one connection to Redis, shared by everything in <c>ScaleOut/</c>. Connected before
/// the node serves (<see cref="ScaleOutExtensions.ConnectScaleOutAsync"/>): a node that cannot reach
/// Redis at start refuses to start, naming the setting. Once connected, StackExchange.Redis
/// reconnects by itself and restores the subscriptions; meanwhile the node is not ready and refuses
/// writes (<see cref="EnsureConnected"/>).
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private ConnectionMultiplexer? multiplexer;

    /// <summary>Tells this node's messages from the others' on the shared channels.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N")[..12];

    public IConnectionMultiplexer Multiplexer =>
        multiplexer ?? throw new InvalidOperationException("Redis is not connected yet: ConnectScaleOutAsync runs before the node serves.");

    public bool IsConnected => multiplexer?.IsConnected == true;

    /// <summary>Raised after the connection came back (subscriptions restored): what was missed meanwhile is to be read again.</summary>
    public event Action? Restored;

    public async Task ConnectAsync()
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Value.Configuration);
        }
        catch (ArgumentException ex)
        {
            throw new ScaleOutUnavailableException($"{RedisOptions.Section}:Configuration is not a valid Redis configuration string: {ex.Message}", ex);
        }

        // At start a clear refusal instead of a node that waits for Redis forever; afterwards the
        // multiplexer keeps trying by itself.
        configuration.AbortOnConnectFail = true;
        configuration.ClientName = "ozglive-" + NodeId;
        var where = string.Join(", ", configuration.EndPoints);
        try
        {
            multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        catch (RedisConnectionException ex)
        {
            // The endpoints only: the string may carry a password.
            throw new ScaleOutUnavailableException(
                $"Redis at {where} (setting {RedisOptions.Section}:Configuration) cannot be reached: {ex.FailureType}.", ex);
        }

        multiplexer.ConnectionFailed += (_, e) =>
            logger.LogWarning("Lost Redis ({FailureType}): this node refuses writes until it is back", e.FailureType);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            // Raised per connection (interactive and subscription); both are back when IsConnected.
            if (multiplexer.IsConnected)
            {
                logger.LogWarning("Redis is back: this node takes writes again");
                Restored?.Invoke();
            }
        };
        logger.LogInformation("Node {NodeId} connected to Redis at {Endpoints}", NodeId, where);
    }

    /// <summary>
    /// Refuses a change before it is stored while Redis is unreachable: stored but never announced to
    /// the other nodes' clients, it would be half done.
    /// </summary>
    public void EnsureConnected()
    {
        if (!IsConnected)
        {
            throw ScaleOutUnavailableException.WhileRunning();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (multiplexer is not null)
        {
            await multiplexer.DisposeAsync();
        }
    }
}
