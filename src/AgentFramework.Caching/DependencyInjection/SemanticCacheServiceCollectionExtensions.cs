using AgentFramework.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching;

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
    /// only the exact tier runs. Options are validated (DataAnnotations) on first use.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts <see cref="SemanticCacheOptions"/>; defaults are documented there.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSemanticCache(this IServiceCollection services, Action<SemanticCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SemanticCacheOptions>().ValidateDataAnnotations();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHybridCache();
        services.TryAddSingleton<ICacheInvalidationBus>(NullCacheInvalidationBus.Instance);
        services.TryAddSingleton<SemanticCache>(sp => ActivatorUtilities.CreateInstance<SemanticCache>(sp));
        services.TryAddSingleton<ISemanticCache>(sp => sp.GetRequiredService<SemanticCache>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStepChatClientMiddleware, SemanticCacheStepMiddleware>());
        return services;
    }
}
