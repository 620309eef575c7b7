using AgentFramework.Caching.Invalidation;
using AgentFramework.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Redis as the exact tier's shared L2 and as the cross-process invalidation bus.</summary>
public static class RedisBackplaneServiceCollectionExtensions
{
    /// <summary>
    /// Shares the cache between processes through Redis: HybridCache's L2 (<see cref="IDistributedCache"/>,
    /// Microsoft.Extensions.Caching.StackExchangeRedis behind a fail-open wrapper) and an
    /// <see cref="ICacheInvalidationBus"/> over Redis pub/sub, both on one connection (<see cref="RedisBackplane"/>).
    /// </summary>
    /// <remarks>
    /// Works before or after <c>AddSemanticCache()</c>: the no-op invalidation bus that call registers by
    /// default is replaced; any other bus or <see cref="IDistributedCache"/> registered earlier is kept (<c>TryAdd</c>).
    /// Nothing connects at registration; an unreachable Redis never fails startup or a request.
    /// <paramref name="configure"/> runs once here, to read the <c>UseAs…</c>/<c>UseFor…</c> switches that decide
    /// what is registered, and again when the options are built, so it should only set properties.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the connection string, prefixes, timeouts; defaults are documented on <see cref="RedisCacheBackplaneOptions"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisCacheBackplane(this IServiceCollection services, Action<RedisCacheBackplaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RedisCacheBackplaneOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        var probe = new RedisCacheBackplaneOptions();
        configure?.Invoke(probe);

        services.TryAddSingleton<RedisBackplane>(sp => ActivatorUtilities.CreateInstance<RedisBackplane>(sp));

        if (probe.UseAsDistributedCache)
        {
            services.TryAddSingleton<IDistributedCache>(sp =>
            {
                var backplane = sp.GetRequiredService<RedisBackplane>();
                var redis = new RedisCache(Options.Options.Create(new RedisCacheOptions
                {
                    InstanceName = backplane.Options.InstanceName,
                    ConnectionMultiplexerFactory = backplane.GetConnectionAsync,
                }));
                return new FailOpenDistributedCache(redis, backplane, sp.GetService<TimeProvider>());
            });
        }

        if (probe.UseForInvalidation)
        {
            services.RemoveAll(d => d.ServiceType == typeof(ICacheInvalidationBus) && d.ImplementationInstance is NullCacheInvalidationBus);
            services.TryAddSingleton(sp => new RedisCacheInvalidationBus(sp.GetRequiredService<RedisBackplane>(), sp.GetService<ILogger<RedisCacheInvalidationBus>>()));
            services.TryAddSingleton<ICacheInvalidationBus>(sp => sp.GetRequiredService<RedisCacheInvalidationBus>());
        }

        return services;
    }

    private static void RemoveAll(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (match(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }
}
