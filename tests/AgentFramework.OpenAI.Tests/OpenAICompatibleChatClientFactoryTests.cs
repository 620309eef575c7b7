using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace AgentFramework.OpenAI.Tests;

/// <summary>Configuration binding and validation of <see cref="OpenAICompatibleChatClientFactory"/>.</summary>
public sealed class OpenAICompatibleChatClientFactoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private const string AppSettings = """
    {
      "AgentFramework": {
        "Models": {
          "gpt-4.1-mini": { "Provider": "OpenAI" },
          "gpt-4o": {
            "Provider": "AzureOpenAI",
            "Endpoint": "https://contoso.openai.azure.com/",
            "Deployment": "gpt4o-prod",
            "ApiKeyEnvironmentVariable": "CONTOSO_AOAI_KEY"
          },
          "llama-3.1-8b": {
            "Provider": "Compatible",
            "Endpoint": "http://localhost:11434/v1/",
            "Deployment": "llama3.1:8b",
            "NetworkTimeout": "00:00:30",
            "MaxRetries": 1
          }
        }
      }
    }
    """;

    [Fact]
    public void CreateFromConfiguration_BindsEveryModel_FromAppSettingsJson()
    {
        var section = Json(AppSettings).GetSection(OpenAICompatibleChatClientFactory.DefaultSectionPath);

        var models = OpenAICompatibleChatClientFactory.CreateFromConfiguration(
            section,
            Env(("OPENAI_API_KEY", "sk-1"), ("CONTOSO_AOAI_KEY", "az-1")));

        Assert.Equal(["gpt-4.1-mini", "gpt-4o", "llama-3.1-8b"], models.Select(m => m.ModelId).Order(StringComparer.Ordinal));
        var byId = models.ToDictionary(m => m.ModelId);
        Assert.Equal((OpenAIProviderKind.OpenAI, new Uri("https://api.openai.com/v1"), "gpt-4.1-mini"), (byId["gpt-4.1-mini"].Provider, byId["gpt-4.1-mini"].Endpoint, byId["gpt-4.1-mini"].RemoteModel));
        Assert.Equal((OpenAIProviderKind.AzureOpenAI, new Uri("https://contoso.openai.azure.com/openai/v1/"), "gpt4o-prod"), (byId["gpt-4o"].Provider, byId["gpt-4o"].Endpoint, byId["gpt-4o"].RemoteModel));
        Assert.Equal((OpenAIProviderKind.Compatible, new Uri("http://localhost:11434/v1/"), "llama3.1:8b"), (byId["llama-3.1-8b"].Provider, byId["llama-3.1-8b"].Endpoint, byId["llama-3.1-8b"].RemoteModel));

        // The wrapped SDK client reports the remote model and provider in its metadata.
        var metadata = byId["gpt-4o"].Client.GetService<ChatClientMetadata>();
        Assert.Equal("gpt4o-prod", metadata?.DefaultModelId);
    }

    [Fact]
    public void CreateFromConfiguration_ReadsEnvironmentStyleKeys()
    {
        // What AddEnvironmentVariables() produces from AgentFramework__Models__gpt-4o-mini__Provider=Compatible, etc.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentFramework:Models:gpt-4o-mini:Provider"] = "compatible",
            ["AgentFramework:Models:gpt-4o-mini:Endpoint"] = "http://vllm.internal:8000/v1/",
            ["AgentFramework:Models:gpt-4o-mini:ApiKey"] = "inline-key",
        }).Build();

        var model = Assert.Single(OpenAICompatibleChatClientFactory.CreateFromConfiguration(configuration.GetSection("AgentFramework:Models"), Env()));

        Assert.Equal(OpenAIProviderKind.Compatible, model.Provider);
        Assert.Equal(new Uri("http://vllm.internal:8000/v1/"), model.Endpoint);
    }

    [Fact]
    public void CreateFromConfiguration_OfAMissingSection_IsEmpty()
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.Empty(OpenAICompatibleChatClientFactory.CreateFromConfiguration(configuration.GetSection("AgentFramework:Models"), Env()));
    }

    [Fact]
    public void MissingOpenAIKey_NamesTheModelAndTheVariable()
    {
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() =>
            OpenAICompatibleChatClientFactory.Create("gpt-4.1-mini", new OpenAICompatibleModelOptions(), Env()));

        Assert.Equal("gpt-4.1-mini", ex.ModelId);
        Assert.Contains("'gpt-4.1-mini'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCustomKeyVariable_NamesThatVariable_EvenForCompatibleServers()
    {
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.Create(
            "m",
            new OpenAICompatibleModelOptions { Provider = OpenAIProviderKind.Compatible, Endpoint = new Uri("http://localhost:8000/v1/"), ApiKeyEnvironmentVariable = "VLLM_KEY" },
            Env(("OPENAI_API_KEY", "present-but-irrelevant"))));

        Assert.Contains("VLLM_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAzureKey_NamesAzureOpenAIApiKey()
    {
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.Create(
            "gpt-4o",
            new OpenAICompatibleModelOptions { Provider = OpenAIProviderKind.AzureOpenAI, Endpoint = new Uri("https://x.openai.azure.com/") },
            Env(("OPENAI_API_KEY", "not-for-azure"))));

        Assert.Contains("AZURE_OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OpenAIProviderKind.AzureOpenAI, "openai.azure.com")]
    [InlineData(OpenAIProviderKind.Compatible, "11434")]
    public void MissingEndpoint_SaysWhatToPutThere(OpenAIProviderKind provider, string hint)
    {
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.Create(
            "m",
            new OpenAICompatibleModelOptions { Provider = provider, ApiKey = "k" },
            Env()));

        Assert.Contains("Endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonHttpEndpoint_IsRejected()
    {
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.Create(
            "m",
            new OpenAICompatibleModelOptions { Provider = OpenAIProviderKind.Compatible, Endpoint = new Uri("ftp://host/v1/") },
            Env()));

        Assert.Contains("http://", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureEndpointWithAPath_IsUsedAsGiven()
    {
        var model = OpenAICompatibleChatClientFactory.Create(
            "gpt-4o",
            new OpenAICompatibleModelOptions { Provider = OpenAIProviderKind.AzureOpenAI, Endpoint = new Uri("https://x.openai.azure.com/openai/v1/"), ApiKey = "k" },
            Env());

        Assert.Equal(new Uri("https://x.openai.azure.com/openai/v1/"), model.Endpoint);
        Assert.Equal("gpt-4o", model.RemoteModel);
    }

    [Fact]
    public void UnknownProviderValue_NamesTheModelEntry()
    {
        var section = Json("""{ "Models": { "m1": { "Provider": "Anthropic" } } }""").GetSection("Models");

        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.CreateFromConfiguration(section, Env()));

        Assert.Contains("'m1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Models:m1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameModelIdTwice_IsRejected()
    {
        var section = Json("""
        { "Models": {
            "a": { "ModelId": "llama", "Provider": "Compatible", "Endpoint": "http://h1/v1/" },
            "b": { "ModelId": "llama", "Provider": "Compatible", "Endpoint": "http://h2/v1/" } } }
        """).GetSection("Models");

        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.CreateFromConfiguration(section, Env()));
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, "-00:00:01")]
    public void NegativeRetriesOrTimeout_AreRejected(int? retries, string? timeout)
    {
        var options = new OpenAICompatibleModelOptions
        {
            ApiKey = "k",
            MaxRetries = retries,
            NetworkTimeout = timeout is null ? null : TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture),
        };

        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => OpenAICompatibleChatClientFactory.Create("m", options, Env()));
        Assert.Contains(retries is null ? "NetworkTimeout" : "MaxRetries", ex.Message, StringComparison.Ordinal);
    }
}
