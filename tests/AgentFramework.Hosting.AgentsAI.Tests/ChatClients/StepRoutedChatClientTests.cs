using AgentFramework.Hosting.AgentsAI.ChatClients;
using AgentFramework.Hosting.AgentsAI.DependencyInjection;
using AgentFramework.Hosting.AgentsAI.Tests.Fakes;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.Tests.ChatClients;

/// <summary>
/// A real <c>ChatClientAgent</c>'s own model calls through <see cref="StepRoutedChatClient"/>: routed as the declared
/// step, fronted by the real semantic cache, with the conversation rules of the cache applied to sessions.
/// </summary>
public sealed class StepRoutedChatClientTests(SharedEmbedder embedder) : IClassFixture<SharedEmbedder>
{
    private static readonly StepRequirements Answer = AgentModelStep.Create("Faq.Answer", (Capability.Writing, CapabilityLevel.Advanced));

    [Fact]
    public async Task AgentsCalls_RunAsDeclaredStepOnItsCheapestSufficientModel()
    {
        using var harness = NewHarness();
        var response = await harness.Agent.RunAsync("How do I reset my password?");

        Assert.Equal("[gpt-4.1-mini] How do I reset my password?", response.Text);
        Assert.Equal((0, 1, 0), (harness.NanoClient.Calls, harness.MiniClient.Calls, harness.O3Client.Calls));
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal(("Faq.Answer", "Faq.Answer"), (seen.PipelineStepId, seen.CurrentStepId));
        Assert.Equal(1, harness.Step("Faq.Answer").Calls);
        Assert.Equal(AgentHarness.Mini, harness.Ledger.StepModels.Single(l => l.StepId == "Faq.Answer" && l.Calls > 0).ModelId);
    }

    [Fact]
    public async Task NeedsDeclaredByAttributes_RouteLikeNeedsDeclaredInOptions()
    {
        var fromAttributes = AgentModelStep.From(typeof(DeskDeclarations), nameof(DeskDeclarations.Handle));
        Assert.Equal("Desk.Handle", fromAttributes.StepId);

        using var harness = NewHarness(o => o.Chat.Step = fromAttributes);
        await harness.Agent.RunAsync("Where is my parcel?");

        Assert.Equal(1, harness.MiniClient.Calls);
        Assert.Equal(1, harness.Step("Desk.Handle").Calls);
        Assert.Throws<ArgumentException>(() => AgentModelStep.From(typeof(DeskDeclarations), "Missing"));
    }

    [Fact]
    public async Task WithoutDeclaredStep_CallsRunAsStepCurrentWhenAgentRuns()
    {
        using var harness = NewHarness(o => o.Chat.Step = null);
        var enclosing = AgentModelStep.Create("Triage.Run", (Capability.Reasoning, CapabilityLevel.Frontier));
        using (StepContext.Enter(new StepContext(enclosing, tenantScope: "acme")))
        {
            await harness.Agent.RunAsync("Is a refund owed after 45 days?");
        }

        await harness.Agent.RunAsync("Outside any step");

        Assert.Equal(1, harness.O3Client.Calls);
        Assert.Equal(("Triage.Run", "acme"), (harness.Recorder.Calls[0].CurrentStepId, harness.Recorder.Calls[0].TenantScope));
        Assert.Equal("AgentsAI.Chat", harness.Recorder.Calls[1].PipelineStepId);
    }

    [Fact]
    public async Task FirstTurnAskedAgainInAnotherSession_IsServedFromCacheAndParaphraseFromSemanticTier()
    {
        using var harness = NewHarness();
        var first = await harness.Agent.RunAsync("How can I change the delivery address of order 1182?", await harness.Agent.CreateSessionAsync());
        var repeat = await harness.Agent.RunAsync("How can I change the delivery address of order 1182?", await harness.Agent.CreateSessionAsync());
        var paraphrase = await harness.Agent.RunAsync("How do I change the delivery address for order 1182?", await harness.Agent.CreateSessionAsync());
        var otherOrder = await harness.Agent.RunAsync("How can I change the delivery address of order 1183?", await harness.Agent.CreateSessionAsync());

        Assert.Equal(2, harness.MiniClient.Calls);
        Assert.Equal(first.Text, repeat.Text);
        Assert.Equal(first.Text, paraphrase.Text);
        Assert.Contains("1183", otherOrder.Text, StringComparison.Ordinal);
        Assert.Equal(["miss", "exact", "semantic", "vetoed"], harness.Recorder.Calls.Select(c => c.Outcome));
        var line = harness.Step("Faq.Answer");
        Assert.Equal((1, 1, 1), (line.ExactHits, line.SemanticHits, line.Vetoes));
    }

    [Fact]
    public async Task ContinuedSession_BypassesCacheEvenWhenAnotherSessionHadSameHistory()
    {
        using var harness = NewHarness();
        var a = await harness.Agent.CreateSessionAsync();
        var b = await harness.Agent.CreateSessionAsync();
        await harness.Agent.RunAsync("Do you ship to Norway?", a);
        await harness.Agent.RunAsync("And how long does it take?", a);
        await harness.Agent.RunAsync("Do you ship to Norway?", b);
        await harness.Agent.RunAsync("And how long does it take?", b);

        // Session b's first turn was served from the cache; its second continues a conversation: upstream.
        Assert.Equal(3, harness.MiniClient.Calls);
        var calls = harness.Recorder.Calls;
        Assert.Equal(["miss", "bypass", "exact", "bypass"], calls.Select(c => c.Outcome));
        Assert.Equal("conversation-id", calls[3].Reason);
        Assert.NotNull(calls[3].ConversationId);
        Assert.NotEqual(calls[1].ConversationId, calls[3].ConversationId);
        Assert.Equal(2, harness.Step("Faq.Answer").Bypasses);
    }

    [Fact]
    public async Task ScopeByHistory_LetsContinuedTurnHitOnlyWithVerySameHistory()
    {
        using var harness = NewHarness(o => o.Chat.ContinuedConversations = ConversationCaching.ScopeByHistory);
        var a = await harness.Agent.CreateSessionAsync();
        var b = await harness.Agent.CreateSessionAsync();
        var c = await harness.Agent.CreateSessionAsync();
        await harness.Agent.RunAsync("Do you ship to Norway?", a);
        await harness.Agent.RunAsync("And how long does it take?", a);
        await harness.Agent.RunAsync("Do you ship to Norway?", b);
        await harness.Agent.RunAsync("And how long does it take?", b);
        await harness.Agent.RunAsync("Do you ship to Sweden?", c);
        await harness.Agent.RunAsync("And how long does it take?", c);

        // Session c's first turn names another country: the nearest stored prompt is vetoed by the slot guard.
        Assert.Equal(["miss", "miss", "exact", "exact", "vetoed", "miss"], harness.Recorder.Calls.Select(x => x.Outcome));
        Assert.Equal(4, harness.MiniClient.Calls);
    }

    [Fact]
    public async Task ServiceSideConversation_BypassesAndCachedAnswerNeverCarriesAnotherSessionsConversationId()
    {
        var issued = 0;
        var service = new FakeChatClient(AgentHarness.Mini, (messages, options) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer to " + messages[^1].Text))
        {
            // A service that keeps the history: it returns (or keeps) a conversation id.
            ConversationId = options?.ConversationId ?? $"conv-{Interlocked.Increment(ref issued)}",
        });
        using var harness = NewHarness(mini: service);
        var a = (ChatClientAgentSession)await harness.Agent.CreateSessionAsync();
        var b = (ChatClientAgentSession)await harness.Agent.CreateSessionAsync();

        await harness.Agent.RunAsync("What is my plan?", a);
        await harness.Agent.RunAsync("What is my plan?", b);
        await harness.Agent.RunAsync("Upgrade it please", a);

        Assert.Equal("conv-1", a.ConversationId);
        Assert.NotEqual("conv-1", b.ConversationId);
        var calls = harness.Recorder.Calls;
        Assert.Equal(["miss", "exact", "bypass"], calls.Select(x => x.Outcome));
        Assert.Equal("conversation-id", calls[2].Reason);
        Assert.Equal("conv-1", service.Requests[^1].Options?.ConversationId);
    }

    [Fact]
    public async Task StreamedRun_IsStoredAndReplayedAndReplayStartsNoConversationOfItsOwn()
    {
        var issued = 0;
        var service = new FakeChatClient(AgentHarness.Mini, (messages, options) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer to " + messages[^1].Text))
        {
            ConversationId = options?.ConversationId ?? $"conv-{Interlocked.Increment(ref issued)}",
            FinishReason = ChatFinishReason.Stop,
        });
        using var harness = NewHarness(mini: service);
        var a = (ChatClientAgentSession)await harness.Agent.CreateSessionAsync();
        var b = (ChatClientAgentSession)await harness.Agent.CreateSessionAsync();

        var first = await Collect(harness.Agent.RunStreamingAsync("Do you ship to Norway?", a));
        var second = await Collect(harness.Agent.RunStreamingAsync("Do you ship to Norway?", b));

        Assert.Equal("answer to Do you ship to Norway?", first);
        Assert.Equal(first, second);
        Assert.Equal(1, service.Calls);
        Assert.Equal("conv-1", a.ConversationId);
        Assert.Null(b.ConversationId);
        Assert.Equal(1, harness.Step("Faq.Answer").ExactHits);
    }

    [Fact]
    public void Client_DescribesItselfWithoutFixedModelAndDetectsContinuedConversations()
    {
        using var harness = NewHarness();
        var client = new StepRoutedChatClient(harness.Services.GetRequiredServiceForTests());
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("agentframework", metadata?.ProviderName);
        Assert.Null(metadata?.DefaultModelId);

        Assert.False(StepRoutedChatClient.ContinuesConversation([new(ChatRole.System, "s"), new(ChatRole.User, "q")]));
        Assert.True(StepRoutedChatClient.ContinuesConversation([new(ChatRole.User, "q"), new(ChatRole.Assistant, "a"), new(ChatRole.User, "q2")]));

        // A tool-result turn is not "continued": the cache bypasses it for its own reason (last-message-not-user).
        Assert.False(StepRoutedChatClient.ContinuesConversation([new(ChatRole.User, "q"), new(ChatRole.Assistant, "call"), new(ChatRole.Tool, "result")]));
    }

    private AgentHarness NewHarness(Action<StepRoutedAgentOptions>? configure = null, FakeChatClient? mini = null) => new(
        o =>
        {
            o.Instructions = "Answer briefly.";
            o.Chat.Step = Answer;
            configure?.Invoke(o);
        },
        embedder.Generator,
        mini: mini);

    private static async Task<string> Collect(IAsyncEnumerable<AgentResponseUpdate> updates)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var update in updates)
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }
}

internal static class ServiceProviderTestExtensions
{
    public static AgentFramework.Runtime.IStepChatClient GetRequiredServiceForTests(this IServiceProvider services) =>
        (AgentFramework.Runtime.IStepChatClient)services.GetService(typeof(AgentFramework.Runtime.IStepChatClient))!;
}
