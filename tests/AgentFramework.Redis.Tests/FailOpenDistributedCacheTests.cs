using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentFramework.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.Redis.Tests;

/// <summary>The fail-open wrapper around the Redis L2.</summary>
public sealed class FailOpenDistributedCacheTests
{
    private static (RedisBackplane Backplane, FailOpenDistributedCache Cache) Create(string configuration, string prefix, TimeSpan cooldown)
    {
        var backplane = new RedisBackplane(Options.Create(new RedisCacheBackplaneOptions
        {
            Configuration = configuration,
            InstanceName = prefix,
            FaultCooldown = cooldown,
        }));
        var redis = new RedisCache(Options.Create(new RedisCacheOptions { InstanceName = prefix, ConnectionMultiplexerFactory = backplane.GetConnectionAsync }));
        return (backplane, new FailOpenDistributedCache(redis, backplane));
    }

    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    [Fact]
    public async Task WithRedisUnreachable_ReadsMiss_WritesAreDropped_NothingThrows_AndTheCooldownCountsOneFault()
    {
        var (backplane, cache) = Create(ClosedPort(), "down:", TimeSpan.FromMinutes(1));
        await using var _ = backplane;
        using var __ = cache;

        var clock = Stopwatch.StartNew();
        Assert.Null(await cache.GetAsync("k"));
        Assert.True(cache.InCooldown);
        await cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions());
        Assert.False(await cache.TryGetAsync("k", new ArrayBufferWriter<byte>()));
        await cache.SetAsync("k", new ReadOnlySequence<byte>([1, 2]), new DistributedCacheEntryOptions());
        Assert.Null(cache.Get("k"));
        await cache.RemoveAsync("k");
        await cache.RefreshAsync("k");
        clock.Stop();

        Assert.Equal(1, backplane.FaultCount); // the first call tripped the breaker; the rest skipped Redis
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task WithoutCooldown_EveryFailedCallIsCounted()
    {
        var (backplane, cache) = Create(ClosedPort(), "down:", TimeSpan.Zero);
        await using var _ = backplane;
        using var __ = cache;

        Assert.Null(await cache.GetAsync("a"));
        Assert.Null(await cache.GetAsync("b"));
        await cache.SetAsync("c", [1], new DistributedCacheEntryOptions());

        Assert.Equal(3, backplane.FaultCount);
        Assert.False(cache.InCooldown);
    }

    [RedisFact]
    public async Task WithRedisUp_AValueWrittenThroughOneConnection_IsReadThroughAnother()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(WithRedisUp_AValueWrittenThroughOneConnection_IsReadThroughAnother));
        var (backplaneA, cacheA) = Create(RedisTestServer.Configuration, prefix, TimeSpan.FromSeconds(5));
        var (backplaneB, cacheB) = Create(RedisTestServer.Configuration, prefix, TimeSpan.FromSeconds(5));
        await using var a = backplaneA;
        await using var b = backplaneB;
        using var ca = cacheA;
        using var cb = cacheB;

        await cacheA.SetAsync("key", new ReadOnlySequence<byte>("hello"u8.ToArray()), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        var buffer = new ArrayBufferWriter<byte>();

        Assert.True(await cacheB.TryGetAsync("key", buffer));
        Assert.Equal("hello"u8.ToArray(), buffer.WrittenSpan.ToArray());
        Assert.Equal("hello"u8.ToArray(), await cacheB.GetAsync("key"));
        await cacheB.RemoveAsync("key");
        Assert.Null(await cacheA.GetAsync("key"));
        Assert.Equal(0, backplaneA.FaultCount + backplaneB.FaultCount);
    }

    [RedisFact]
    public async Task AFrozenRedis_CostsExactlyTheOperationTimeout_NotTheClientsHeartbeat()
    {
        // The client checks its own timeouts on a ~1 s heartbeat (931 ms measured for a documented 500 ms). Its
        // timeout is set far away here and the wrapper runs on a fake clock: only the wrapper's bound can end the
        // call, and it must do so once OperationTimeout has passed on that clock, not ConnectTimeout + more.
        await using var proxy = new FreezableTcpProxy(RedisTestServer.Port);
        var time = new FakeTimeProvider();
        var prefix = RedisTestServer.UniquePrefix(nameof(AFrozenRedis_CostsExactlyTheOperationTimeout_NotTheClientsHeartbeat));
        var backplane = new RedisBackplane(Options.Create(new RedisCacheBackplaneOptions
        {
            Configuration = proxy.Configuration,
            InstanceName = prefix,
            OperationTimeout = TimeSpan.FromMilliseconds(500),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConfigureConnection = c => { c.AsyncTimeout = 120_000; c.SyncTimeout = 120_000; },
        }));
        await using var _ = backplane;
        using var cache = new FailOpenDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions { InstanceName = prefix, ConnectionMultiplexerFactory = backplane.GetConnectionAsync })),
            backplane,
            time);
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        Assert.True(backplane.IsConnected);

        proxy.Freeze();
        var read = cache.GetAsync("k");
        await Task.Delay(100);
        time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Delay(100);
        Assert.False(read.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, backplane.FaultCount);
        proxy.Thaw();
    }
}
