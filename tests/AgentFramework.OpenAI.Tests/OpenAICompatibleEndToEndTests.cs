using System.ClientModel;
using System.Net;
using AgentFramework.OpenAI.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace AgentFramework.OpenAI.Tests;

/// <summary>
/// Clients made by <see cref="OpenAICompatibleChatClientFactory"/>, end to end over real HTTP through the real
/// OpenAI SDK, against <see cref="LoopbackChatCompletionsServer"/>.
/// </summary>
public sealed class OpenAICompatibleEndToEndTests : IAsyncLifetime
{
    private LoopbackChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private ConfiguredChatModel Compatible(string modelId = "gpt-4.1-mini", string? key = "sk-test-123", int? maxRetries = 0) =>
        OpenAICompatibleChatClientFactory.Create(
            modelId,
            new OpenAICompatibleModelOptions
            {
                Provider = OpenAIProviderKind.OpenAI,
                Endpoint = new Uri(_server.BaseAddress, "v1/"),
                ApiKeyEnvironmentVariable = "TEST_OPENAI_KEY",
                MaxRetries = maxRetries,
            },
            Env(("TEST_OPENAI_KEY", key!)));

    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "Answer in one sentence."),
        new(ChatRole.User, "What is the capital of France?"),
    ];

    [Fact]
    public async Task GetResponse_SendsModelAndMessages_AndReturnsTextAndUsage()
    {
        _server.ReplyText = "Paris.";
        _server.PromptTokens = 31;
        _server.CompletionTokens = 4;
        var model = Compatible();

        var response = await model.Client.GetResponseAsync(Conversation);

        Assert.Equal("Paris.", response.Text);
        Assert.NotNull(response.Usage);
        Assert.Equal(31, response.Usage.InputTokenCount);
        Assert.Equal(4, response.Usage.OutputTokenCount);
        Assert.Equal(35, response.Usage.TotalTokenCount);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-123", request.Headers["Authorization"]);
        Assert.Equal("gpt-4.1-mini", request.Body["model"]!.GetValue<string>());
        var messages = request.Body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("What is the capital of France?", ContentText(messages[1]!));
        Assert.Equal("Answer in one sentence.", ContentText(messages[0]!));
        Assert.NotEqual(true, request.Body["stream"]?.GetValue<bool>());
    }

    [Fact]
    public async Task GetStreamingResponse_AsksForUsage_AndSurfacesItInTheLastUpdate()
    {
        _server.ReplyText = "The capital of France is Paris.";
        _server.PromptTokens = 40;
        _server.CompletionTokens = 9;
        var model = Compatible();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in model.Client.GetStreamingResponseAsync(Conversation))
        {
            updates.Add(update);
        }

        Assert.Equal("The capital of France is Paris.", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count > 3, $"expected several chunks, got {updates.Count}");

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Same(usage, updates.Last(u => u.Contents.Count > 0).Contents.OfType<UsageContent>().SingleOrDefault());
        Assert.Equal(40, usage.Details.InputTokenCount);
        Assert.Equal(9, usage.Details.OutputTokenCount);
        Assert.Equal(49, usage.Details.TotalTokenCount);

        // What a ledger sees after folding the stream into a response.
        var folded = updates.ToChatResponse();
        Assert.Equal(49, folded.Usage?.TotalTokenCount);

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Body["stream"]!.GetValue<bool>());
        Assert.True(request.Body["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("gpt-4.1-mini", request.Body["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task ErrorStatus_IsAnException_CarryingTheStatus(HttpStatusCode status)
    {
        _server.FailWith = status;
        var model = Compatible(maxRetries: 0);

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => model.Client.GetResponseAsync(Conversation));
        Assert.Equal((int)status, ex.Status);
        Assert.Contains("scripted failure", ex.Message, StringComparison.Ordinal);

        var streamEx = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var update in model.Client.GetStreamingResponseAsync(Conversation))
            {
                Assert.Fail($"no update expected, got '{update.Text}'");
            }
        });
        Assert.Equal((int)status, streamEx.Status);
        Assert.Equal(2, _server.Requests.Count); // MaxRetries = 0: one request per call
    }

    [Fact]
    public async Task ServerErrors_AreRetried_UpToMaxRetries()
    {
        _server.FailWith = HttpStatusCode.ServiceUnavailable;
        var model = Compatible(maxRetries: 2);

        await Assert.ThrowsAsync<ClientResultException>(() => model.Client.GetResponseAsync(Conversation));
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task AzureOpenAI_UsesTheV1Api_TheDeploymentAsModel_AndTheAzureKeyVariable()
    {
        var model = OpenAICompatibleChatClientFactory.Create(
            "gpt-4o",
            new OpenAICompatibleModelOptions
            {
                Provider = OpenAIProviderKind.AzureOpenAI,
                Endpoint = _server.BaseAddress, // the resource root, as the Azure portal shows it
                Deployment = "gpt4o-prod-eastus",
                MaxRetries = 0,
            },
            Env(("AZURE_OPENAI_API_KEY", "azure-key-1")));

        var response = await model.Client.GetResponseAsync("Hello");

        Assert.Equal(_server.ReplyText, response.Text);
        Assert.Equal(new Uri(_server.BaseAddress, "openai/v1/"), model.Endpoint);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("gpt4o-prod-eastus", request.Body["model"]!.GetValue<string>());
        Assert.Equal("Bearer azure-key-1", request.Headers["Authorization"]);
        Assert.Equal("gpt-4o", model.ModelId);
        Assert.Equal("gpt4o-prod-eastus", model.RemoteModel);
    }

    [Fact]
    public async Task CompatibleServer_WithoutKey_WorksWithThePlaceholder_AndTheServersModelName()
    {
        var model = OpenAICompatibleChatClientFactory.Create(
            "section-key-ignored",
            new OpenAICompatibleModelOptions
            {
                ModelId = "llama-3.1-8b",
                Provider = OpenAIProviderKind.Compatible,
                Endpoint = new Uri(_server.BaseAddress, "v1/"),
                Deployment = "llama3.1:8b",
                MaxRetries = 0,
            },
            Env());

        await model.Client.GetResponseAsync("Hello");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("llama3.1:8b", request.Body["model"]!.GetValue<string>());
        Assert.Equal("Bearer " + OpenAICompatibleChatClientFactory.NoKeyPlaceholder, request.Headers["Authorization"]);
        Assert.Equal("llama-3.1-8b", model.ModelId);
    }

    [Fact]
    public async Task ChatOptionsModelId_SetToTheCatalogId_IsSentAsTheRemoteName()
    {
        var model = OpenAICompatibleChatClientFactory.Create(
            "llama-3.1-8b",
            new OpenAICompatibleModelOptions { Provider = OpenAIProviderKind.Compatible, Endpoint = new Uri(_server.BaseAddress, "v1/"), Deployment = "llama3.1:8b", MaxRetries = 0 },
            Env());
        var options = new ChatOptions { ModelId = "llama-3.1-8b", Temperature = 0.25f };

        await model.Client.GetResponseAsync("Hello", options);
        await model.Client.GetResponseAsync("Hello", new ChatOptions { ModelId = "some-other-model" });

        Assert.Equal("llama-3.1-8b", options.ModelId); // the caller's options are not mutated
        Assert.Equal(["llama3.1:8b", "some-other-model"], _server.Requests.Select(r => r.Body["model"]!.GetValue<string>()));
        Assert.Equal(0.25, _server.Requests[0].Body["temperature"]!.GetValue<double>(), 3);
    }

    private static string ContentText(System.Text.Json.Nodes.JsonNode message)
    {
        var content = message["content"]!;
        return content is System.Text.Json.Nodes.JsonArray parts
            ? string.Concat(parts.Select(p => p!["text"]?.GetValue<string>()))
            : content.GetValue<string>();
    }
}
