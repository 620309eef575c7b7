using AgentFramework.Qdrant;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="QdrantVectorIndex"/> as the application's <see cref="IVectorIndex"/>.</summary>
public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Makes a Qdrant collection the semantic tier's vector index (singleton), configured by
    /// <paramref name="configure"/> and any <c>Configure&lt;QdrantVectorIndexOptions&gt;</c> binding.
    /// </summary>
    /// <remarks>
    /// Uses <c>TryAdd</c>: an <see cref="IVectorIndex"/> registered earlier wins, so call this before the
    /// cache's own registration (which adds the embedded index only when none is present).
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets endpoint, collection, dimension, timeout, …; <c>null</c> keeps the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddQdrantVectorIndex(this IServiceCollection services, Action<QdrantVectorIndexOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<QdrantVectorIndexOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => QdrantVectorIndex.CreateOwning(
            sp.GetRequiredService<IOptions<QdrantVectorIndexOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<ILogger<QdrantVectorIndex>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IVectorIndex>(sp => sp.GetRequiredService<QdrantVectorIndex>());
        return services;
    }
}
