using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Embeddings.Onnx.Tests;

public sealed class OnnxEmbeddingServiceCollectionExtensionsTests
{
    [Fact]
    public void RegistersOneSharedGeneratorWithTheConfiguredOptions()
    {
        using var provider = new ServiceCollection()
            .AddOnnxEmbeddingGenerator(options => options.MaxTokens = 128)
            .BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var onnx = Assert.IsType<OnnxEmbeddingGenerator>(generator);
        Assert.Same(onnx, provider.GetRequiredService<OnnxEmbeddingGenerator>());
        Assert.Same(generator, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(128, onnx.MaxTokens);
    }

    [Fact]
    public void KeepsAnEmbeddingGeneratorRegisteredBefore()
    {
        using var existing = new FakeEmbeddingGenerator();
        var services = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(existing)
            .AddOnnxEmbeddingGenerator()
            .AddOnnxEmbeddingGenerator();

        using var provider = services.BuildServiceProvider();

        Assert.Same(existing, provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Single(services, d => d.ServiceType == typeof(OnnxEmbeddingGenerator));
    }

    [Fact]
    public void AnOptionOutOfRange_FailsAtStart_NamingTheOption()
    {
        using var provider = new ServiceCollection()
            .AddOnnxEmbeddingGenerator(options => options.MaxTokens = 2)
            .BuildServiceProvider();

        // What a host runs at start (ValidateOnStart), before anything resolves the generator or loads the model.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(OnnxEmbeddingOptions), error.OptionsType);
        Assert.Contains(nameof(OnnxEmbeddingOptions.MaxTokens), error.Message, StringComparison.Ordinal);
        Assert.Contains("between 3 and 8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNullServices() => Assert.Throws<ArgumentNullException>(() => OnnxEmbeddingServiceCollectionExtensions.AddOnnxEmbeddingGenerator(null!));

    /// <summary>A fake generator: only its identity matters here.</summary>
    private sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
