using AgentFramework.VectorIndex;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In the DI namespace, as Microsoft.Extensions does, so the extension shows up without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded vector index.</summary>
public static class EmbeddedVectorIndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EmbeddedVectorIndex"/> as the singleton <see cref="IVectorIndex"/> unless one is
    /// already registered (so a Qdrant registration made earlier wins). Options are validated at registration
    /// (<c>ValidateDataAnnotations().ValidateOnStart()</c>): an invalid setting fails the host's start with an
    /// <see cref="OptionsValidationException"/> naming the setting and what it must be.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; set <see cref="EmbeddedVectorIndexOptions.Directory"/> to persist.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddEmbeddedVectorIndex(this IServiceCollection services, Action<EmbeddedVectorIndexOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EmbeddedVectorIndexOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new EmbeddedVectorIndex(
            sp.GetRequiredService<IOptions<EmbeddedVectorIndexOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<EmbeddedVectorIndex>>()));
        services.TryAddSingleton<IVectorIndex>(sp => sp.GetRequiredService<EmbeddedVectorIndex>());
        return services;
    }
}
