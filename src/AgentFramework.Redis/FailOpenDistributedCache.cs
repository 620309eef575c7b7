using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;

namespace AgentFramework.Redis;

/// <summary>
/// Wraps the Redis <see cref="IDistributedCache"/> so that HybridCache's L2 can never fail or stall a request:
/// every fault becomes a miss (reads) or a dropped write, is logged and counted once, and opens a cool-down
/// during which Redis is not asked at all.
/// </summary>
/// <remarks>
/// Implements <see cref="IBufferDistributedCache"/> because HybridCache uses the buffer API when the
/// backend offers it (Redis does), avoiding a copy per read.
/// </remarks>
internal sealed class FailOpenDistributedCache : IBufferDistributedCache, IDisposable
{
    private readonly IDistributedCache _inner;
    private readonly IBufferDistributedCache? _buffered;
    private readonly RedisBackplane _backplane;
    private readonly TimeProvider _time;
    private readonly TimeSpan _operationBound;
    private readonly TimeSpan _connectingBound;
    private long _skipUntilTimestamp;

    public FailOpenDistributedCache(IDistributedCache inner, RedisBackplane backplane, TimeProvider? timeProvider = null)
    {
        _inner = inner;
        _buffered = inner as IBufferDistributedCache;
        _backplane = backplane;
        _time = timeProvider ?? TimeProvider.System;

        // The client checks its own timeouts on a heartbeat (about once a second: a frozen server was measured at
        // 931 ms for a 500 ms timeout), so each call is bounded here to exactly OperationTimeout once connected;
        // only a call made while (re)connecting may also spend ConnectTimeout.
        _operationBound = backplane.Options.OperationTimeout;
        _connectingBound = backplane.Options.ConnectTimeout + backplane.Options.OperationTimeout;
    }

    /// <summary>Whether Redis is currently skipped after a fault.</summary>
    public bool InCooldown => _time.GetTimestamp() < Interlocked.Read(ref _skipUntilTimestamp);

    public byte[]? Get(string key) => Run("l2-get", () => _inner.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        RunAsync("l2-get", ct => _inner.GetAsync(key, ct), null, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Run("l2-set", () => { _inner.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync("l2-set", async ct => { await _inner.SetAsync(key, value, options, ct).ConfigureAwait(false); return true; }, false, token);

    public void Refresh(string key) => Run("l2-refresh", () => { _inner.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync("l2-refresh", async ct => { await _inner.RefreshAsync(key, ct).ConfigureAwait(false); return true; }, false, token);

    public void Remove(string key) => Run("l2-remove", () => { _inner.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync("l2-remove", async ct => { await _inner.RemoveAsync(key, ct).ConfigureAwait(false); return true; }, false, token);

    public bool TryGet(string key, IBufferWriter<byte> destination)
    {
        if (_buffered is null)
        {
            var bytes = Get(key);
            if (bytes is null)
            {
                return false;
            }

            destination.Write(bytes);
            return true;
        }

        return Run("l2-get", () => _buffered.TryGet(key, destination), false);
    }

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        if (_buffered is null)
        {
            var bytes = await GetAsync(key, token).ConfigureAwait(false);
            if (bytes is null)
            {
                return false;
            }

            destination.Write(bytes);
            return true;
        }

        return await RunAsync("l2-get", ct => _buffered.TryGetAsync(key, destination, ct).AsTask(), false, token).ConfigureAwait(false);
    }

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options)
    {
        if (_buffered is null)
        {
            Set(key, value.ToArray(), options);
            return;
        }

        Run("l2-set", () => { _buffered.Set(key, value, options); return true; }, false);
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (_buffered is null)
        {
            await SetAsync(key, value.ToArray(), options, token).ConfigureAwait(false);
            return;
        }

        await RunAsync("l2-set", async ct => { await _buffered.SetAsync(key, value, options, ct).ConfigureAwait(false); return true; }, false, token).ConfigureAwait(false);
    }

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private T Run<T>(string operation, Func<T> call, T fallback)
    {
        if (InCooldown)
        {
            return fallback;
        }

        try
        {
            return call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Trip(operation, ex);
            return fallback;
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, T fallback, CancellationToken cancellationToken)
    {
        if (InCooldown)
        {
            return fallback;
        }

        try
        {
            var bound = _backplane.IsConnected ? _operationBound : _connectingBound;
            return await call(cancellationToken).WaitAsync(bound, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Trip(operation, ex);
            return fallback;
        }
    }

    private void Trip(string operation, Exception exception)
    {
        _backplane.RecordFault(operation, exception);
        var cooldown = _backplane.Options.FaultCooldown;
        if (cooldown > TimeSpan.Zero)
        {
            var until = _time.GetTimestamp() + (long)(cooldown.TotalSeconds * _time.TimestampFrequency);
            Interlocked.Exchange(ref _skipUntilTimestamp, until);
        }
    }
}
