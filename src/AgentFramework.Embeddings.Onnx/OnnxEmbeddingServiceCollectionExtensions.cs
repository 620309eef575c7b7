using AgentFramework.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local ONNX embedding generator.</summary>
public static class OnnxEmbeddingServiceCollectionExtensions
{
    /// <summary>Registers one shared <see cref="OnnxEmbeddingGenerator"/> as
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> →
    /// <see cref="Embedding{T}"/> of <see cref="float"/> (and as itself), unless one is already registered.</summary>
    /// <remarks>A singleton, because the model session is expensive to create (tens to hundreds of
    /// milliseconds, ~100–200 MiB) and is safe to share across threads. The options are validated at registration
    /// (<c>ValidateDataAnnotations().ValidateOnStart()</c>): a value out of range fails the host's start with an
    /// <see cref="OptionsValidationException"/> naming the option and its allowed range. The model is loaded when the
    /// generator is first resolved; a missing or corrupt model throws there, with a message saying what to do.</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes to the default options (applied with any
    /// <c>Configure&lt;OnnxEmbeddingOptions&gt;</c> binding).</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOnnxEmbeddingGenerator(this IServiceCollection services, Action<OnnxEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OnnxEmbeddingOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(provider => new OnnxEmbeddingGenerator(
            provider.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value,
            provider.GetService<ILogger<OnnxEmbeddingGenerator>>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider => provider.GetRequiredService<OnnxEmbeddingGenerator>());
        return services;
    }
}
