using System.Diagnostics.Metrics;
using AgentFramework.Caching;
using AgentFramework.Caching.DependencyInjection;
using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Verification;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Runtime;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the semantic cache.</summary>
public static class SemanticCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISemanticCache"/> (a singleton <see cref="SemanticCache"/>), HybridCache (which uses any
    /// registered <c>IDistributedCache</c> as L2), a no-op <see cref="ICacheInvalidationBus"/> unless one is
    /// registered, and an <see cref="IStepChatClientMiddleware"/> (order 100) that fronts every step's client.
    /// </summary>
    /// <remarks>
    /// The semantic tier uses the registered <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> and
    /// <c>IVectorIndex</c> (e.g. <c>AddOnnxEmbeddingGenerator()</c> and <c>AddEmbeddedVectorIndex()</c>); without them
    /// only the exact tier runs. Options are validated (DataAnnotations) when the host starts, or on first use without a host.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts <see cref="SemanticCacheOptions"/>; defaults are documented there.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSemanticCache(this IServiceCollection services, Action<SemanticCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SemanticCacheOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHybridCache();
        services.TryAddSingleton<ICacheInvalidationBus>(NullCacheInvalidationBus.Instance);
        services.TryAddSingleton<SemanticCache>(Create);
        services.TryAddSingleton<ISemanticCache>(sp => sp.GetRequiredService<SemanticCache>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStepChatClientMiddleware, SemanticCacheStepMiddleware>());
        return services;
    }

    /// <summary>
    /// Builds the cache from the container. The semantic tier's parts are resolved one at a time: a vector index
    /// that cannot open (another process holds its directory, a header of another dimension, …) or an embedding
    /// model that cannot load turns the semantic tier off with one logged error, and the exact tier keeps
    /// answering — the cache fails open instead of failing every step call.
    /// </summary>
    internal static SemanticCache Create(IServiceProvider services)
    {
        var logger = services.GetService<ILogger<SemanticCache>>();
        var embedder = TryResolve<IEmbeddingGenerator<string, Embedding<float>>>(services, logger, "the embedding generator");
        var index = TryResolve<IVectorIndex>(services, logger, "the vector index");
        return new SemanticCache(
            services.GetRequiredService<HybridCache>(),
            services.GetRequiredService<IOptions<SemanticCacheOptions>>(),
            embedder,
            index,
            services.GetServices<ICacheHitVerifier>(),
            services.GetService<ICacheInvalidationBus>(),
            services.GetService<ICostLedger>(),
            services.GetService<ModelCatalog>(),
            services.GetService<IMeterFactory>(),
            services.GetService<TimeProvider>(),
            logger);
    }

    private static T? TryResolve<T>(IServiceProvider services, ILogger? logger, string component)
        where T : class
    {
        try
        {
            return services.GetService<T>();
        }
        catch (Exception ex)
        {
            Log.SemanticTierUnavailable(logger ?? NullLogger.Instance, ex, component, ex.GetBaseException().Message);
            return null;
        }
    }
}
