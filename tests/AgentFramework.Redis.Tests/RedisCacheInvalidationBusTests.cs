using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentFramework.Redis.Tests;

/// <summary>The Redis pub/sub invalidation bus, against a real Redis.</summary>
public sealed class RedisCacheInvalidationBusTests
{
    private static RedisBackplane Backplane(string configuration, string prefix) => new(Options.Create(new RedisCacheBackplaneOptions
    {
        Configuration = configuration,
        InstanceName = prefix,
        Channel = prefix + "invalidation",
    }));

    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    [RedisFact]
    public async Task AMessagePublishedOnOneConnection_ReachesHandlersOnAnother()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(AMessagePublishedOnOneConnection_ReachesHandlersOnAnother));
        await using var backplaneA = Backplane(RedisTestServer.Configuration, prefix);
        await using var backplaneB = Backplane(RedisTestServer.Configuration, prefix);
        using var busA = new RedisCacheInvalidationBus(backplaneA);
        using var busB = new RedisCacheInvalidationBus(backplaneB);
        var received = new ConcurrentQueue<CacheInvalidation>();
        using var subscription = busB.Subscribe((m, _) => { received.Enqueue(m); return ValueTask.CompletedTask; });
        Assert.True(await Eventually.TrueAsync(() => busB.EnsureSubscribedAsync()));

        // A first connect or subscribe can exceed the 500 ms operation bound on a loaded machine and is then
        // retried (and counted); what must not fault is the delivery itself on healthy connections.
        await backplaneA.GetConnectionAsync();
        var faultsBefore = backplaneA.FaultCount + backplaneB.FaultCount;
        await busA.PublishAsync(new CacheInvalidation("model:gpt-4o", null, "node-a"));
        await busA.PublishAsync(new CacheInvalidation(null, "tenant-42", "node-a"));

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(received.Count >= 2)));
        // Pub/sub handlers may run concurrently, so delivery order is not guaranteed; invalidations are idempotent.
        Assert.Equivalent(
            new[] { new CacheInvalidation("model:gpt-4o", null, "node-a"), new CacheInvalidation(null, "tenant-42", "node-a") },
            received.ToArray(),
            strict: true);
        Assert.Equal(faultsBefore, backplaneA.FaultCount + backplaneB.FaultCount);
    }

    [RedisFact]
    public async Task OtherChannels_AreNotHeard()
    {
        await using var backplaneA = Backplane(RedisTestServer.Configuration, RedisTestServer.UniquePrefix("app-a"));
        await using var backplaneB = Backplane(RedisTestServer.Configuration, RedisTestServer.UniquePrefix("app-b"));
        using var busA = new RedisCacheInvalidationBus(backplaneA);
        using var busB = new RedisCacheInvalidationBus(backplaneB);
        var heardByB = 0;
        var heardByA = 0;
        using var subB = busB.Subscribe((_, _) => { Interlocked.Increment(ref heardByB); return ValueTask.CompletedTask; });
        using var subA = busA.Subscribe((_, _) => { Interlocked.Increment(ref heardByA); return ValueTask.CompletedTask; });
        Assert.True(await Eventually.TrueAsync(() => busB.EnsureSubscribedAsync()));
        Assert.True(await Eventually.TrueAsync(() => busA.EnsureSubscribedAsync()));

        await busA.PublishAsync(new CacheInvalidation("t", null, "a"));

        // The publisher's own subscription hears it (proving delivery happened); the other application does not.
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref heardByA) == 1)));
        await Task.Delay(200);
        Assert.Equal(0, Volatile.Read(ref heardByB));
    }

    [RedisFact]
    public async Task AFailingHandler_DoesNotStopTheOthers_AndADisposedSubscriptionHearsNothing()
    {
        var prefix = RedisTestServer.UniquePrefix(nameof(AFailingHandler_DoesNotStopTheOthers_AndADisposedSubscriptionHearsNothing));
        await using var backplane = Backplane(RedisTestServer.Configuration, prefix);
        using var bus = new RedisCacheInvalidationBus(backplane);
        var good = 0;
        var removed = 0;
        using var failing = bus.Subscribe((_, _) => throw new InvalidOperationException("handler bug"));
        using var ok = bus.Subscribe((_, _) => { Interlocked.Increment(ref good); return ValueTask.CompletedTask; });
        var gone = bus.Subscribe((_, _) => { Interlocked.Increment(ref removed); return ValueTask.CompletedTask; });
        gone.Dispose();
        Assert.True(await Eventually.TrueAsync(() => bus.EnsureSubscribedAsync()));

        await bus.PublishAsync(new CacheInvalidation("t", null, "x"));
        await bus.PublishAsync(new CacheInvalidation("t", null, "x"));

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref good) == 2)));
        Assert.Equal(0, Volatile.Read(ref removed));
    }

    [Fact]
    public async Task Publish_WithRedisUnreachable_DoesNotThrow_CountsTheFault_AndReturnsQuickly()
    {
        await using var backplane = Backplane(ClosedPort(), "unreachable:");
        using var bus = new RedisCacheInvalidationBus(backplane);

        var clock = Stopwatch.StartNew();
        await bus.PublishAsync(new CacheInvalidation("t", null, "a"));
        await bus.PublishAsync(new CacheInvalidation(null, "s", "a"));
        clock.Stop();

        Assert.Equal(2, backplane.FaultCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.False(await bus.EnsureSubscribedAsync());
        Assert.Equal(3, backplane.FaultCount);
    }

    [RedisServerBinaryFact]
    public async Task ASubscriptionMadeWhileRedisIsDown_IsEstablishedWhenItComesBack_AndDeliversOnce()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.KillAsync();

        await using var backplaneB = Backplane(server.Configuration, "restart:");
        using var busB = new RedisCacheInvalidationBus(backplaneB);
        var received = 0;
        using var sub = busB.Subscribe((_, _) => { Interlocked.Increment(ref received); return ValueTask.CompletedTask; });
        Assert.False(await busB.EnsureSubscribedAsync());

        await server.StartAgainAsync();
        Assert.True(await Eventually.TrueAsync(() => busB.EnsureSubscribedAsync(), TimeSpan.FromSeconds(15)));

        await using var backplaneA = Backplane(server.Configuration, "restart:");
        using var busA = new RedisCacheInvalidationBus(backplaneA);
        await busA.PublishAsync(new CacheInvalidation("t", null, "a"));

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref received) >= 1)));
        await Task.Delay(300);
        Assert.Equal(1, Volatile.Read(ref received));
    }

    [RedisServerBinaryFact]
    public async Task ASubscriptionThatFailed_IsRetriedInTheBackground()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await server.KillAsync();
        await using var backplane = Backplane(server.Configuration, "retry:");
        using var bus = new RedisCacheInvalidationBus(backplane);
        var received = 0;
        using var sub = bus.Subscribe((_, _) => { Interlocked.Increment(ref received); return ValueTask.CompletedTask; });
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(backplane.FaultCount >= 2))); // retried at least once

        await server.StartAgainAsync();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(bus.IsSubscribed), TimeSpan.FromSeconds(20)));
    }

    [RedisServerBinaryFact]
    public async Task AfterRedisRestarts_TheSubscriptionIsRestored()
    {
        await using var server = await PrivateRedisServer.StartAsync();
        await using var backplaneB = Backplane(server.Configuration, "restore:");
        using var busB = new RedisCacheInvalidationBus(backplaneB);
        var received = 0;
        using var sub = busB.Subscribe((_, _) => { Interlocked.Increment(ref received); return ValueTask.CompletedTask; });
        Assert.True(await Eventually.TrueAsync(() => busB.EnsureSubscribedAsync()));

        await server.KillAsync();
        await server.StartAgainAsync();

        await using var backplaneA = Backplane(server.Configuration, "restore:");
        using var busA = new RedisCacheInvalidationBus(backplaneA);
        Assert.True(await Eventually.TrueAsync(
            async () =>
            {
                await busA.PublishAsync(new CacheInvalidation("t", null, "a"));
                await Task.Delay(100);
                return Volatile.Read(ref received) > 0;
            },
            TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Messages_RoundTrip_AndMalformedOnesAreRejected()
    {
        var message = new CacheInvalidation("tag with \"quotes\" and ünïcode", null, "node-1");
        Assert.Equal(message, RedisCacheInvalidationBus.Deserialize(RedisCacheInvalidationBus.Serialize(message)));
        var scoped = new CacheInvalidation(null, "tenant", "node-2");
        Assert.Equal(scoped, RedisCacheInvalidationBus.Deserialize(RedisCacheInvalidationBus.Serialize(scoped)));

        Assert.Null(RedisCacheInvalidationBus.Deserialize("not json"));
        Assert.Null(RedisCacheInvalidationBus.Deserialize("{\"v\":2,\"src\":\"x\"}"));
        Assert.Null(RedisCacheInvalidationBus.Deserialize("{\"v\":1}"));
        Assert.Null(RedisCacheInvalidationBus.Deserialize("[1,2]"));
        Assert.Null(RedisCacheInvalidationBus.Deserialize(StackExchange.Redis.RedisValue.Null));
    }

    [Fact]
    public async Task NullArguments_Throw()
    {
        await using var backplane = Backplane(ClosedPort(), "x:");
        using var bus = new RedisCacheInvalidationBus(backplane);
        await Assert.ThrowsAsync<ArgumentNullException>(() => bus.PublishAsync(null!).AsTask());
        Assert.Throws<ArgumentNullException>(() => bus.Subscribe(null!));
    }
}
