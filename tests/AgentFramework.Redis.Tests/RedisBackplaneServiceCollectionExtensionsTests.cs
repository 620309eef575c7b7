using AgentFramework.Caching.Invalidation;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Redis.Tests;

/// <summary>DI registration of the backplane.</summary>
public sealed class RedisBackplaneServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AfterAddSemanticCache_TheNoOpBusIsReplaced_AndRedisBecomesTheL2()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSemanticCache(o => o.EnableSemanticTier = false);
        services.AddRedisCacheBackplane(o => o.Configuration = "127.0.0.1:1");
        await using var provider = services.BuildServiceProvider();

        var bus = provider.GetRequiredService<ICacheInvalidationBus>();
        Assert.IsType<RedisCacheInvalidationBus>(bus);
        Assert.Same(bus, provider.GetRequiredService<RedisCacheInvalidationBus>());
        Assert.IsType<FailOpenDistributedCache>(provider.GetRequiredService<IDistributedCache>());
        Assert.Single(services, d => d.ServiceType == typeof(ICacheInvalidationBus));
    }

    [Fact]
    public async Task BeforeAddSemanticCache_ItAlsoWins()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRedisCacheBackplane(o => o.Configuration = "127.0.0.1:1");
        services.AddSemanticCache(o => o.EnableSemanticTier = false);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisCacheInvalidationBus>(provider.GetRequiredService<ICacheInvalidationBus>());
    }

    [Fact]
    public async Task ABusOrL2RegisteredByTheApplication_IsKept_AndSwitchesTurnPartsOff()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var own = new OwnBus();
        services.AddSingleton<ICacheInvalidationBus>(own);
        services.AddRedisCacheBackplane(o =>
        {
            o.Configuration = "127.0.0.1:1";
            o.UseAsDistributedCache = false;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<ICacheInvalidationBus>());
        Assert.Null(provider.GetService<IDistributedCache>());
    }

    private sealed class OwnBus : ICacheInvalidationBus
    {
        public ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public IDisposable Subscribe(Func<CacheInvalidation, CancellationToken, ValueTask> handler) => new MemoryStream();
    }
}
