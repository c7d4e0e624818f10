using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace OzgLive.Web.ScaleOut;

/// <summary>
/// The rate limits' sliding one-minute windows in Redis, shared by every node: a viewer or an
/// address gets its limit once, not once per node it lands on. One sorted set per kind and subject,
/// scored by the call's time; a Lua script checks every limit of a call and counts it in all of
/// them, or in none, in one step (as <see cref="Questions.RateLimits"/> does in memory).
/// </summary>
public sealed class SharedRateLimits(RedisConnection redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // KEYS: one per limit; ARGV: now (ms), window (ms), a unique member, then the limits in KEYS' order.
    // Returns 0 when every limit had room (and the call is counted), else the 1-based limit reached.
    private const string AcquireScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        for i, key in ipairs(KEYS) do
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          if redis.call('ZCARD', key) >= tonumber(ARGV[3 + i]) then
            return i
          end
        end
        for _, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[3])
          redis.call('PEXPIRE', key, window)
        end
        return 0
        """;

    private const string CountScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        return redis.call('ZCARD', KEYS[1])
        """;

    public bool IsAvailable => redis.IsConnected;

    /// <returns>The index of the limit that is reached, or null when the call was counted in every one.</returns>
    /// <remarks>
    /// Asynchronous: a synchronous call blocks a pool thread for the round trip, and a burst of
    /// callers (hundreds of viewers identifying or asking at once) starved the pool until the
    /// answers could not be read and every call timed out after 5 s (found by LoadBench --nodes 2).
    /// </remarks>
    public async Task<int?> TryAcquireAsync(DateTimeOffset now, IReadOnlyList<(string Kind, string Subject, int Limit)> limits)
    {
        var arguments = new List<RedisValue>
        {
            now.ToUnixTimeMilliseconds(),
            (long)Window.TotalMilliseconds,
            Guid.NewGuid().ToString("N"),
        };
        arguments.AddRange(limits.Select(l => (RedisValue)l.Limit));
        var reached = (int)await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(
            AcquireScript, [.. limits.Select(l => Key(l.Kind, l.Subject))], [.. arguments]);
        return reached == 0 ? null : reached - 1;
    }

    public async Task<bool> IsReachedAsync(DateTimeOffset now, string kind, string subject, int limit) =>
        (long)await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(
            CountScript, [Key(kind, subject)], [now.ToUnixTimeMilliseconds(), (long)Window.TotalMilliseconds]) >= limit;

    // The subject (a viewer id, a network address) only as a hash: Redis need not hold who called.
    private static RedisKey Key(string kind, string subject) =>
        string.Create(CultureInfo.InvariantCulture, $"ozglive:rate:{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(subject)), 0, 16)}");
}
