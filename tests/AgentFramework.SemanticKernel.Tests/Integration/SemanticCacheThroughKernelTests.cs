using AgentFramework.Ledger;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AgentFramework.SemanticKernel.Tests.Integration;

/// <summary>
/// The real semantic cache (exact tier + semantic tier on the local ONNX embedder and the embedded index)
/// fronting Semantic Kernel at the chat-service layer: prompt, streaming and chat-history calls all hit,
/// and a hit makes no upstream call.
/// </summary>
public sealed class SemanticCacheThroughKernelTests : IClassFixture<SemanticCacheThroughKernelTests.SharedEmbedder>
{
    private static readonly StepRequirements FaqStep = PromptStep.Create("Faq.Answer", (Capability.Classification, CapabilityLevel.Basic));
    private readonly SharedEmbedder _embedder;

    public SemanticCacheThroughKernelTests(SharedEmbedder embedder) => _embedder = embedder;

    [Fact]
    public async Task RepeatedPrompt_IsServedFromCacheWithoutUpstreamCall()
    {
        using var harness = NewHarness();
        var arguments = () => new KernelArguments { ["q"] = "How do I reset my password?" }.WithStep(FaqStep).WithTenant("acme");

        var first = await harness.Kernel.InvokePromptAsync("Answer briefly: {{$q}}", arguments());
        var upstream = harness.Cheap.Calls;
        var second = await harness.Kernel.InvokePromptAsync("Answer briefly: {{$q}}", arguments());

        Assert.Equal(1, upstream);
        Assert.Equal(0, harness.Cheap.Calls - upstream);
        Assert.Equal(first.GetValue<string>(), second.GetValue<string>());
        Assert.Equal(1, Step(harness, "Faq.Answer").ExactHits);
    }

    [Fact]
    public async Task StreamingPrompt_IsStoredAndThenReplayedFromCache()
    {
        using var harness = NewHarness();
        var arguments = () => new KernelArguments { ["q"] = "Where is my parcel 4411?" }.WithStep(FaqStep).WithTenant("acme");

        var first = await Collect(harness.Kernel.InvokePromptStreamingAsync<string>("Answer briefly: {{$q}}", arguments()));
        var upstream = harness.Cheap.Calls;
        var second = await Collect(harness.Kernel.InvokePromptStreamingAsync<string>("Answer briefly: {{$q}}", arguments()));

        Assert.Equal(1, upstream);
        Assert.Equal(0, harness.Cheap.Calls - upstream);
        Assert.Equal(first, second);
        Assert.Equal(1, Step(harness, "Faq.Answer").ExactHits);
    }

    [Fact]
    public async Task ChatHistoryCalls_HitForRepeatsAndParaphrasesButNotForChangedOrderNumber()
    {
        using var harness = NewHarness();
        var service = harness.Services.GetRequiredService<AgentFrameworkChatCompletionService>().ForStep(new StepContext(FaqStep, tenantScope: "acme"));

        var answer = await Ask(service, "How can I change the delivery address of order 1182?");
        var upstream = harness.Cheap.Calls;
        var repeat = await Ask(service, "How can I change the delivery address of order 1182?");
        var paraphrase = await Ask(service, "How do I change the delivery address for order 1182?");

        Assert.Equal(1, upstream);
        Assert.Equal(0, harness.Cheap.Calls - upstream);
        Assert.Equal(answer, repeat);
        Assert.Equal(answer, paraphrase);

        // A near-duplicate about another order must go upstream.
        var other = await Ask(service, "How can I change the delivery address of order 1183?");
        Assert.Equal(upstream + 1, harness.Cheap.Calls);
        Assert.Contains("1183", other, StringComparison.Ordinal);

        var line = Step(harness, "Faq.Answer");
        Assert.Equal(1, line.ExactHits);
        Assert.Equal(1, line.SemanticHits);
    }

    [Fact]
    public async Task StreamingChatHistoryCall_HitsAfterNonStreamingOne()
    {
        using var harness = NewHarness();
        var service = harness.Services.GetRequiredService<AgentFrameworkChatCompletionService>().ForStep(new StepContext(FaqStep, tenantScope: "acme"));
        var answer = await Ask(service, "Do you ship to Norway?");
        var upstream = harness.Cheap.Calls;

        var history = new ChatHistory();
        history.AddUserMessage("Do you ship to Norway?");
        var streamed = await Collect(service.GetStreamingChatMessageContentsAsync(history, kernel: harness.Kernel), c => c.Content);

        Assert.Equal(1, upstream);
        Assert.Equal(0, harness.Cheap.Calls - upstream);
        Assert.Equal(answer, streamed);
    }

    [Fact]
    public async Task AnotherTenant_NeverGetsCachedAnswer()
    {
        using var harness = NewHarness();
        await harness.Kernel.InvokePromptAsync("Answer briefly: {{$q}}", new KernelArguments { ["q"] = "What is my plan?" }.WithStep(FaqStep).WithTenant("acme"));
        await harness.Kernel.InvokePromptAsync("Answer briefly: {{$q}}", new KernelArguments { ["q"] = "What is my plan?" }.WithStep(FaqStep).WithTenant("globex"));

        Assert.Equal(2, harness.Cheap.Calls);
        Assert.Equal(0, Step(harness, "Faq.Answer").ExactHits + Step(harness, "Faq.Answer").SemanticHits);
    }

    private KernelHarness NewHarness() => new(services =>
    {
        services.AddSingleton(_embedder.Generator);
        services.AddEmbeddedVectorIndex();
        services.AddSemanticCache();
    });

    private static LedgerLine Step(KernelHarness harness, string stepId) => harness.Ledger.GetSnapshot().Steps.Single(l => l.StepId == stepId);

    private static async Task<string> Ask(IChatCompletionService service, string question)
    {
        var history = new ChatHistory();
        history.AddUserMessage(question);
        var reply = await service.GetChatMessageContentsAsync(history);
        return Assert.Single(reply).Content!;
    }

    private static Task<string> Collect(IAsyncEnumerable<string> stream) => Collect(stream, s => s);

    private static async Task<string> Collect<T>(IAsyncEnumerable<T> stream, Func<T, string?> text)
    {
        var parts = new List<string?>();
        await foreach (var item in stream)
        {
            parts.Add(text(item));
        }

        return string.Concat(parts);
    }

    /// <summary>One ONNX session for the class: loading the model is the slow part.</summary>
    public sealed class SharedEmbedder : IDisposable
    {
        private readonly ServiceProvider _provider = new ServiceCollection().AddOnnxEmbeddingGenerator().BuildServiceProvider();

        public SharedEmbedder() => Generator = _provider.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();

        public Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator { get; }

        public void Dispose() => _provider.Dispose();
    }
}
