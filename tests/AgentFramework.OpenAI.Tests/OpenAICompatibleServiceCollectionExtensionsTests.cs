using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.OpenAI.Tests;

/// <summary>DI registration of configured models.</summary>
public sealed class OpenAICompatibleServiceCollectionExtensionsTests
{
    private static IConfiguration Models(params (string Id, string Endpoint)[] models) =>
        new ConfigurationBuilder().AddInMemoryCollection(models.SelectMany(m => new[]
        {
            new KeyValuePair<string, string?>($"AgentFramework:Models:{m.Id}:Provider", "Compatible"),
            new KeyValuePair<string, string?>($"AgentFramework:Models:{m.Id}:Endpoint", m.Endpoint),
        })).Build().GetSection("AgentFramework:Models");

    [Fact]
    public async Task AddOpenAICompatibleModels_ReturnsTheModels_AndRegistersKeyedClients()
    {
        var services = new ServiceCollection();

        var models = services.AddOpenAICompatibleModels(Models(("qwen-small", "http://127.0.0.1:1/v1/"), ("llama-big", "http://127.0.0.1:2/v1/")), _ => null);

        Assert.Equal(2, models.Count);
        await using var provider = services.BuildServiceProvider();
        foreach (var model in models)
        {
            Assert.Same(model.Client, provider.GetRequiredKeyedService<IChatClient>(model.ModelId));
        }

        Assert.Equal(models.Select(m => m.ModelId).Order(), provider.GetServices<ConfiguredChatModel>().Select(m => m.ModelId).Order());
    }

    [Fact]
    public async Task AddOpenAICompatibleModels_KeepsAClientRegisteredBefore()
    {
        var services = new ServiceCollection();
        using var existing = new Microsoft.Extensions.AI.ChatClientBuilder(new EmptyClient()).Build();
        services.AddKeyedSingleton("qwen-small", existing);

        services.AddOpenAICompatibleModels(Models(("qwen-small", "http://127.0.0.1:1/v1/")), _ => null);

        await using var provider = services.BuildServiceProvider();
        Assert.Same(existing, provider.GetRequiredKeyedService<IChatClient>("qwen-small"));
    }

    [Fact]
    public void AddOpenAICompatibleModels_FailsAtStartup_OnABadEntry()
    {
        var services = new ServiceCollection();
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentFramework:Models:gpt-4o:Provider"] = "OpenAI",
        }).Build().GetSection("AgentFramework:Models");

        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => services.AddOpenAICompatibleModels(bad, _ => null));
        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void AddOpenAICompatibleModels_FailsAtRegistration_OnAnOutOfRangeValue_NamingModelAndSetting()
    {
        var services = new ServiceCollection();
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentFramework:Models:qwen-small:Provider"] = "Compatible",
            ["AgentFramework:Models:qwen-small:Endpoint"] = "http://127.0.0.1:1/v1/",
            ["AgentFramework:Models:qwen-small:MaxRetries"] = "-2",
        }).Build().GetSection("AgentFramework:Models");

        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => services.AddOpenAICompatibleModels(bad, _ => null));
        Assert.Equal("Model 'qwen-small': MaxRetries must be zero or more.", ex.Message);
        Assert.Empty(services);
    }

    /// <summary>A fake chat client (named as one): only needed as a pre-registered placeholder.</summary>
    private sealed class EmptyClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "fake")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
