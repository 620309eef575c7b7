using System.Text.Json;
using AgentFramework.Caching.Invalidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AgentFramework.Redis;

/// <summary>
/// Carries <see cref="CacheInvalidation"/> messages between processes over a Redis pub/sub channel, so an
/// invalidation in one process also clears the L1 copies (and local index entries) of all the others.
/// </summary>
/// <remarks>
/// <para>
/// Fails open: a publish that cannot reach Redis is logged and counted on <see cref="RedisBackplane"/>, never
/// thrown; a subscription made while Redis is down is retried every second (warning once, then at debug
/// level) and established when it comes back. Pub/sub is
/// fire-and-forget: an instance that is disconnected while a message is sent misses it, and keeps its L1
/// copy until <c>SemanticCacheOptions.LocalCacheExpiration</c> (5 minutes by default) — the bound on
/// staleness in that case. Entries in Redis itself (L2) are shared, so no other instance refills from a
/// removed entry.
/// </para>
/// <para>Messages are small JSON objects; every subscribed handler receives every message, including the
/// publisher's own (handlers filter by <see cref="CacheInvalidation.SourceInstanceId"/>).</para>
/// </remarks>
public sealed partial class RedisCacheInvalidationBus : ICacheInvalidationBus, IDisposable
{
    private readonly RedisBackplane _backplane;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly TimeSpan _bound;
    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private readonly Lock _handlersLock = new();
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private Func<CacheInvalidation, CancellationToken, ValueTask>[] _handlers = [];
    // How long to wait before retrying a failed subscription.
    private static readonly TimeSpan SubscribeRetryDelay = TimeSpan.FromSeconds(1);

    private bool _registered;
    private int _retryScheduled;
    private int _subscribeFailures;
    private bool _hooked;
    private volatile bool _disposed;

    /// <summary>Creates the bus on the shared connection of <paramref name="backplane"/>.</summary>
    /// <param name="backplane">The Redis connection and fault accounting.</param>
    /// <param name="logger">Logs malformed messages and handler failures.</param>
    public RedisCacheInvalidationBus(RedisBackplane backplane, ILogger<RedisCacheInvalidationBus>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(backplane);
        _backplane = backplane;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _channel = RedisChannel.Literal(backplane.Options.Channel);
        _bound = backplane.Options.ConnectTimeout + backplane.Options.OperationTimeout + TimeSpan.FromMilliseconds(250);
        _onMessage = OnMessage;
    }

    /// <summary>Whether the Redis subscription is currently established.</summary>
    public bool IsSubscribed { get; private set; }

    /// <inheritdoc />
    /// <remarks>Never throws for Redis faults (they are logged and counted); only for a null message or cancellation.</remarks>
    public async ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var payload = Serialize(message);
        try
        {
            var connection = await _backplane.GetConnectionAsync().WaitAsync(_bound, cancellationToken).ConfigureAwait(false);
            await connection.GetSubscriber().PublishAsync(_channel, payload).WaitAsync(_bound, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _backplane.RecordFault("publish", ex);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<CacheInvalidation, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_handlersLock)
        {
            _handlers = [.. _handlers, handler];
        }

        // Establish the Redis side in the background: subscribing must not block or fail the caller's constructor.
        _ = EnsureSubscribedAsync();
        return new Subscription(this, handler);
    }

    /// <summary>Waits until the Redis subscription is established (or fails); for start-up checks and tests.</summary>
    /// <returns><c>true</c> when subscribed.</returns>
    public async Task<bool> EnsureSubscribedAsync()
    {
        if (IsSubscribed || _disposed)
        {
            return IsSubscribed;
        }

        await _subscribeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsSubscribed || _disposed)
            {
                return IsSubscribed;
            }

            var connection = await _backplane.GetConnectionAsync().ConfigureAwait(false);
            if (!_hooked)
            {
                _hooked = true;
                connection.ConnectionRestored += (_, _) => _ = ResubscribeAfterRestoreAsync();
                connection.ConnectionFailed += (_, _) => IsSubscribed = false;
            }

            var subscriber = connection.GetSubscriber();
            if (_registered)
            {
                if (subscriber.SubscribedEndpoint(_channel) is not null)
                {
                    // StackExchange.Redis restored the subscription itself on reconnect.
                    IsSubscribed = true;
                    return true;
                }

                // Drop the locally registered handler first, so subscribing again cannot deliver twice.
                await subscriber.UnsubscribeAsync(_channel, _onMessage, CommandFlags.FireAndForget).ConfigureAwait(false);
            }

            _registered = true;
            await subscriber.SubscribeAsync(_channel, _onMessage).WaitAsync(_bound).ConfigureAwait(false);
            IsSubscribed = true;
            Interlocked.Exchange(ref _subscribeFailures, 0);
            Log.Subscribed(_logger, _backplane.Options.Channel);
            return true;
        }
        catch (Exception ex)
        {
            _backplane.RecordFault("subscribe", ex, repeated: Interlocked.Increment(ref _subscribeFailures) > 1);
            ScheduleRetry();
            return false;
        }
        finally
        {
            _subscribeGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_handlersLock)
        {
            _handlers = [];
        }

        if (_registered && _backplane.IsConnected)
        {
            try
            {
                _backplane.GetConnectionAsync().Result.GetSubscriber().Unsubscribe(_channel, _onMessage, CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
            {
                // Best effort: the connection is going away anyway.
            }
        }
    }

    internal static RedisValue Serialize(CacheInvalidation message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", 1);
            writer.WriteString("tag", message.Tag);
            writer.WriteString("scope", message.ScopeKey);
            writer.WriteString("src", message.SourceInstanceId);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static CacheInvalidation? Deserialize(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse((ReadOnlyMemory<byte>)value);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1
                || !root.TryGetProperty("src", out var src) || src.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var tag = root.TryGetProperty("tag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var scope = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new CacheInvalidation(tag, scope, src.GetString()!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Tries again later: a connection that was never up raises no "restored" event, so without this a
    /// process started while Redis was down (or still connecting) would never hear invalidations.
    /// </summary>
    private void ScheduleRetry()
    {
        if (_disposed || Interlocked.Exchange(ref _retryScheduled, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(SubscribeRetryDelay).ConfigureAwait(false);
            Interlocked.Exchange(ref _retryScheduled, 0);
            if (!_disposed && !IsSubscribed)
            {
                await EnsureSubscribedAsync().ConfigureAwait(false);
            }
        });
    }

    private async Task ResubscribeAfterRestoreAsync()
    {
        IsSubscribed = false;
        await EnsureSubscribedAsync().ConfigureAwait(false);
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        var message = Deserialize(value);
        if (message is null)
        {
            Log.Malformed(_logger, _backplane.Options.Channel);
            return;
        }

        _ = DispatchAsync(message);
    }

    private async Task DispatchAsync(CacheInvalidation message)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                await handler(message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(_logger, message.SourceInstanceId, ex);
            }
        }
    }

    private void Remove(Func<CacheInvalidation, CancellationToken, ValueTask> handler)
    {
        lock (_handlersLock)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(RedisCacheInvalidationBus bus, Func<CacheInvalidation, CancellationToken, ValueTask> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Remove(handler);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(5010, LogLevel.Debug, "Subscribed to cache invalidations on Redis channel '{Channel}'.", EventName = "Subscribed")]
        public static partial void Subscribed(ILogger logger, string channel);

        [LoggerMessage(5011, LogLevel.Warning, "Ignored a malformed message on Redis channel '{Channel}'.", EventName = "Malformed")]
        public static partial void Malformed(ILogger logger, string channel);

        [LoggerMessage(5012, LogLevel.Warning, "A cache invalidation handler failed for a message from instance {SourceInstanceId}.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string sourceInstanceId, Exception exception);
    }
}
