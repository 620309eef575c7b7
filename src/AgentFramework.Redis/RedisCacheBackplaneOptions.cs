using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace AgentFramework.Redis;

/// <summary>Settings of the Redis backplane: the exact tier's shared L2 and the cross-process invalidation channel.</summary>
/// <remarks>
/// The defaults make Redis an optimisation that can never hurt a request: short timeouts, no waiting for a
/// connection at startup, fail-fast while disconnected, and a cool-down during which a faulty Redis is not
/// asked at all. Requests then go to the model (or the L1 copy) instead.
/// </remarks>
public sealed class RedisCacheBackplaneOptions
{
    /// <summary>The default connection string: a local server.</summary>
    public const string DefaultConfiguration = "127.0.0.1:6379";

    /// <summary>
    /// The StackExchange.Redis configuration string (<c>host:port[,host:port][,password=…][,ssl=true]…</c>).
    /// Timeouts and retry settings below override the same settings in this string.
    /// </summary>
    /// <value>Defaults to <c>127.0.0.1:6379</c>.</value>
    [Required]
    public string Configuration { get; set; } = DefaultConfiguration;

    /// <summary>The key prefix of the exact tier's entries in Redis, so several applications can share a server.</summary>
    /// <value>Defaults to <c>agentframework:</c>.</value>
    public string InstanceName { get; set; } = "agentframework:";

    /// <summary>The pub/sub channel invalidations travel on; every instance of one application must use the same.</summary>
    /// <value>Defaults to <c>agentframework:cache-invalidation</c>.</value>
    [Required]
    public string Channel { get; set; } = "agentframework:cache-invalidation";

    /// <summary>How long a connection attempt may take.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one Redis command may take (StackExchange.Redis sync and async timeouts).</summary>
    /// <value>Defaults to 500 ms: a cache lookup that takes longer than that is not worth waiting for.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a fault, how long the L2 is skipped (treated as a miss, writes dropped) before it is tried again.</summary>
    /// <value>Defaults to 5 seconds: one slow request per interval pays the timeout, not every request.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FaultCooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether to register Redis as HybridCache's L2 (<c>IDistributedCache</c>).</summary>
    /// <value>Defaults to <c>true</c>.</value>
    public bool UseAsDistributedCache { get; set; } = true;

    /// <summary>Whether to register the Redis pub/sub <c>ICacheInvalidationBus</c>.</summary>
    /// <value>Defaults to <c>true</c>.</value>
    public bool UseForInvalidation { get; set; } = true;

    /// <summary>A last hook on the parsed StackExchange.Redis options (TLS certificates, users, …).</summary>
    /// <value>Defaults to <c>null</c>.</value>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }
}
