using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Routing;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using AgentFramework.Tests.TestDoubles;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentFramework.Tests.Routing;

public class CapabilityRoutingChatClientTests
{
    private static readonly ModelCatalog Catalog = TestCatalog.Load();
    private static readonly StepRequirements Step = new("classify", new ModelNeeds([new(Capability.Classification, CapabilityLevel.Basic)]));
    private readonly CostLedger _ledger = new(Catalog);
    private readonly Dictionary<string, FakeChatClient> _clients = [];

    [Fact]
    public async Task CallsCheapestModelAndRecordsProviderUsage()
    {
        var client = Create("tiny", "frontier");
        var response = await client.GetResponseAsync("hello");
        Assert.Equal("[tiny] hello", response.Text);
        Assert.Equal("tiny", response.AdditionalProperties![CapabilityRoutingChatClient.RoutedModelProperty]);
        Assert.Equal(1, _clients["tiny"].Calls);
        Assert.Equal(0, _clients["frontier"].Calls);

        var line = Assert.Single(_ledger.GetSnapshot().StepModels);
        Assert.Equal(("classify", "tiny", 1L, 1000L, 500L), (line.StepId, line.ModelId, line.Calls, line.InputTokens, line.OutputTokens));
        Assert.Equal((1000 * 0.1 + 500 * 0.4) / 1e6, line.CostUsd, 12);
        Assert.Equal((1000 * 15 + 500 * 75) / 1e6, line.BaselineCostUsd, 12);
    }

    [Fact]
    public async Task FallsBackToNextCheapestSufficientModel()
    {
        var client = Create("tiny", "small", "frontier");
        _clients["tiny"].Failure = new HttpRequestException("503");
        var response = await client.GetResponseAsync("hello");
        Assert.Equal("[small] hello", response.Text);
        var lines = _ledger.GetSnapshot().StepModels.ToDictionary(l => l.ModelId!);
        Assert.Equal(1, lines["tiny"].FailedCalls);
        Assert.Equal(0, lines["tiny"].CostUsd);
        Assert.Equal(1, lines["small"].Calls);
        Assert.Equal(0, lines["small"].FailedCalls);
    }

    [Fact]
    public async Task Fallback_IsBoundedAndFailureListsEveryModelTried()
    {
        var client = Create(new AgentFrameworkOptions { MaxFallbacks = 1 }, "tiny", "small", "frontier");
        foreach (var c in _clients.Values)
        {
            c.Failure = new InvalidOperationException("down");
        }

        var ex = await Assert.ThrowsAsync<ModelCallFailedException>(() => client.GetResponseAsync("hello"));
        Assert.Equal(["tiny", "small"], ex.TriedModels);
        Assert.Equal(2, ex.InnerExceptions.Count);
        Assert.Equal(0, _clients["frontier"].Calls);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetried()
    {
        var client = Create("tiny", "small");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        _clients["tiny"].Failure = new OperationCanceledException(cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("hello", cancellationToken: cts.Token));
        Assert.Equal(0, _clients["small"].Calls);
    }

    [Fact]
    public async Task StrayModelIdInOptions_IsCleared()
    {
        var client = Create("tiny");
        await client.GetResponseAsync("hello", new ChatOptions { ModelId = "frontier", Temperature = 0.5f });
        Assert.Null(_clients["tiny"].Requests[^1].Options!.ModelId);
        Assert.Equal(0.5f, _clients["tiny"].Requests[^1].Options!.Temperature);
    }

    [Fact]
    public async Task Tokens_AreCountedWithTokenizerWhenProviderReportsNone()
    {
        _clients["tiny"] = new FakeChatClient("tiny", (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "billing"))) { Usage = null };
        var client = Create("tiny");
        var response = await client.GetResponseAsync("Please classify this ticket about a refund");
        var line = Assert.Single(_ledger.GetSnapshot().StepModels);
        var counter = new TiktokenTokenCounter();
        Assert.Equal(counter.CountTokens([new ChatMessage(ChatRole.User, "Please classify this ticket about a refund")]), line.InputTokens);
        Assert.Equal(counter.CountTokens("billing"), line.OutputTokens);
        Assert.True(line.InputTokens > 3);

        // The counted usage is handed on, flagged, so the cache can price a later hit.
        Assert.Equal((line.InputTokens, line.OutputTokens), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value));
        Assert.Equal(true, response.AdditionalProperties![CapabilityRoutingChatClient.UsageEstimatedProperty]);
    }

    [Fact]
    public async Task ProviderUsage_IsPassedThroughUnflagged()
    {
        var response = await Create("tiny").GetResponseAsync("hello");
        Assert.Equal(1000, response.Usage!.InputTokenCount);
        Assert.False(response.AdditionalProperties!.ContainsKey(CapabilityRoutingChatClient.UsageEstimatedProperty));
    }

    [Fact]
    public async Task StreamsWithoutUsage_EndWithCountedUsageUpdate()
    {
        _clients["tiny"] = new FakeChatClient("tiny") { Usage = null };
        var updates = await Create("tiny").GetStreamingResponseAsync("hi").ToListAsync();
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        var line = Assert.Single(_ledger.GetSnapshot().StepModels);
        Assert.Equal(line.OutputTokens, usage.Details.OutputTokenCount);
        Assert.True(line.OutputTokens > 0);
    }

    [Fact]
    public async Task Streaming_RecordsUsageFromStream()
    {
        var client = Create("tiny");
        var text = string.Concat(await client.GetStreamingResponseAsync("hi").Select(u => u.Text).ToListAsync());
        Assert.Equal("[tiny] hi", text);
        var line = Assert.Single(_ledger.GetSnapshot().StepModels);
        Assert.Equal((1000L, 500L), (line.InputTokens, line.OutputTokens));
    }

    [Fact]
    public async Task Streaming_FallsBackWhenFirstModelFailsBeforeAnyUpdate()
    {
        var client = Create("tiny", "small");
        _clients["tiny"].Failure = new HttpRequestException("reset");
        var text = string.Concat(await client.GetStreamingResponseAsync("hi").Select(u => u.Text).ToListAsync());
        Assert.Equal("[small] hi", text);
    }

    [Fact]
    public void AnswersMetadataQueries() =>
        Assert.NotNull(Create("tiny").GetService(typeof(ChatClientMetadata)));

    private CapabilityRoutingChatClient Create(params string[] models) => Create(new AgentFrameworkOptions(), models);

    private CapabilityRoutingChatClient Create(AgentFrameworkOptions options, params string[] models)
    {
        foreach (var m in models)
        {
            _clients.TryAdd(m, new FakeChatClient(m));
        }

        var registry = new ModelRegistry(Catalog, models.Select(m => (m, (IChatClient)_clients[m])));
        var router = new ModelRouter(Catalog, registry, _ledger, Options.Create(options));
        return new CapabilityRoutingChatClient(Step, router, registry, _ledger, new TiktokenTokenCounter());
    }
}
