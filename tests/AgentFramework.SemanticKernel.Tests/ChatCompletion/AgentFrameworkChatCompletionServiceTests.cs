using System.Text.Json;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.DependencyInjection;
using AgentFramework.SemanticKernel.Filters;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace AgentFramework.SemanticKernel.Tests.ChatCompletion;

public sealed class AgentFrameworkChatCompletionServiceTests
{
    private static readonly StepRequirements FaqStep = PromptStep.Create("Faq.Answer", (Capability.Classification, CapabilityLevel.Basic));

    [Fact]
    public void IsKernelChatServiceAndChatClient()
    {
        using var harness = new KernelHarness();

        Assert.IsType<AgentFrameworkChatCompletionService>(harness.Kernel.GetRequiredService<IChatCompletionService>());
        Assert.IsType<AgentFrameworkChatCompletionService>(harness.Kernel.GetRequiredService<IChatClient>());
        Assert.Contains(harness.Kernel.FunctionInvocationFilters, f => f is StepContextFilter);
    }

    [Fact]
    public async Task InvokePromptAsync_GoesThroughStepPipeline()
    {
        using var harness = new KernelHarness();

        var result = await harness.Kernel.InvokePromptAsync("Which team handles: {{$q}}", new KernelArguments { ["q"] = "parcel lost" }.WithStep(FaqStep));

        Assert.Equal("[gpt-4.1-nano] Which team handles: parcel lost", result.GetValue<string>());
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal(("Faq.Answer", false), (seen.PipelineStepId, seen.Streaming));
        Assert.Equal(1, harness.Cheap.Calls);
    }

    [Fact]
    public async Task StreamingPrompt_GoesThroughStepPipelineWithStepCurrent()
    {
        using var harness = new KernelHarness();
        var text = new List<string>();

        await foreach (var chunk in harness.Kernel.InvokePromptStreamingAsync<string>("Which team handles: {{$q}}", new KernelArguments { ["q"] = "parcel lost" }.WithStep(FaqStep).WithTenant("acme")))
        {
            text.Add(chunk);
        }

        Assert.Equal("[gpt-4.1-nano] Which team handles: parcel lost", string.Concat(text));
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal(("Faq.Answer", "Faq.Answer", "acme", true), (seen.PipelineStepId, seen.CurrentStepId, seen.TenantScope, seen.Streaming));
    }

    [Fact]
    public async Task DirectChatHistoryCall_RunsAsBoundStep()
    {
        using var harness = new KernelHarness();
        var service = harness.Services.GetRequiredService<AgentFrameworkChatCompletionService>().ForStep(FaqStep);
        var history = new ChatHistory("You route tickets.");
        history.AddUserMessage("My invoice is wrong");

        var reply = await service.GetChatMessageContentsAsync(history, kernel: harness.Kernel);

        Assert.Equal("[gpt-4.1-nano] My invoice is wrong", Assert.Single(reply).Content);
        Assert.Equal("Faq.Answer", Assert.Single(harness.Recorder.Calls).PipelineStepId);
    }

    [Fact]
    public async Task DirectStreamingChatHistoryCall_RunsAsCurrentStep()
    {
        using var harness = new KernelHarness();
        var service = harness.Kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory();
        history.AddUserMessage("Is a refund after 40 days allowed?");
        var step = PromptStep.Create("Policy.Check", (Capability.Reasoning, CapabilityLevel.Advanced));
        var text = new List<string?>();

        using (StepContext.Enter(new StepContext(step, tenantScope: "globex")))
        {
            await foreach (var chunk in service.GetStreamingChatMessageContentsAsync(history, kernel: harness.Kernel))
            {
                text.Add(chunk.Content);
            }
        }

        Assert.Equal("[claude-opus-4-1] Is a refund after 40 days allowed?", string.Concat(text));
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal(("Policy.Check", "globex", true), (seen.PipelineStepId, seen.TenantScope, seen.Streaming));
        Assert.Equal(0, harness.Cheap.Calls);
    }

    [Fact]
    public async Task ChatCallOutsideAnyStep_RunsAsConfiguredDefaultStep()
    {
        using var harness = new KernelHarness(services => services.Configure<AgentFrameworkKernelOptions>(o => o.DefaultStepId = "Desk.Chat"));
        var history = new ChatHistory();
        history.AddUserMessage("hello");

        await harness.Kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentsAsync(history);

        Assert.Equal("Desk.Chat", Assert.Single(harness.Recorder.Calls).PipelineStepId);
        Assert.Equal(1, harness.Cheap.Calls);
        Assert.Contains(harness.Ledger.GetSnapshot().Steps, l => l.StepId == "Desk.Chat" && l.Calls == 1);
    }

    [Fact]
    public async Task AutomaticFunctionCallingRoundTrip_RunsAgentStepAsTool()
    {
        // The strong model plays the orchestrator: it first asks for the Classify tool, then answers with its result.
        string? toolName = null;
        var orchestrator = new FakeChatClient(KernelHarness.StrongModel, (messages, options) =>
        {
            if (messages.LastOrDefault()?.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
            {
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Routed to team: {result.Result}"));
            }

            toolName = options?.Tools?.OfType<AIFunction>().Select(t => t.Name).Single(n => n.EndsWith("Classify", StringComparison.Ordinal));
            var arguments = new Dictionary<string, object?> { ["ticket"] = "I was charged twice", ["tenantId"] = "acme" };
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", toolName!, arguments)]));
        });
        var labeller = FakeChatClient.Answering(KernelHarness.CheapModel, "billing");
        using var harness = new KernelHarness(cheap: labeller, strong: orchestrator);
        var orchestrate = PromptStep.Create("Desk.Orchestrate", (Capability.ToolUse, CapabilityLevel.None), (Capability.Reasoning, CapabilityLevel.Advanced));
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        var result = await harness.Kernel.InvokePromptAsync("Route this ticket: {{$ticket}}", new KernelArguments(settings) { ["ticket"] = "I was charged twice" }.WithStep(orchestrate));

        Assert.Equal("Routed to team: billing", result.GetValue<string>());
        Assert.NotNull(toolName);
        Assert.Equal(2, orchestrator.Calls);
        Assert.Equal(1, labeller.Calls);

        // The model received the tool's result in its second request.
        var toolResult = orchestrator.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("call-1", toolResult.CallId);
        Assert.Equal("billing", toolResult.Result is JsonElement e ? e.GetString() : toolResult.Result?.ToString());

        // Each model round trip ran as the orchestrating step; the tool call ran as the agent step, for the tenant.
        Assert.Equal(
            ["Desk.Orchestrate", "TriageAgent.Classify", "Desk.Orchestrate"],
            harness.Recorder.Calls.Select(c => c.PipelineStepId).ToArray());
        Assert.Equal("acme", harness.Recorder.Calls[1].TenantScope);
        var ledger = harness.Ledger.GetSnapshot();
        Assert.Contains(ledger.StepModels, l => l.StepId == "TriageAgent.Classify" && l.ModelId == KernelHarness.CheapModel && l.Calls == 1);
        Assert.Contains(ledger.StepModels, l => l.StepId == "Desk.Orchestrate" && l.ModelId == KernelHarness.StrongModel && l.Calls == 2);
    }

    [Fact]
    public async Task StreamingAutomaticFunctionCalling_RunsToolStepForCallersTenant()
    {
        var orchestrator = new FakeChatClient(KernelHarness.StrongModel, (messages, options) =>
        {
            if (messages.LastOrDefault()?.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
            {
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Decision: {result.Result}"));
            }

            if (options?.Tools is null)
            {
                // The agent step's own call (DecideRefund is routed to this model too).
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"[{KernelHarness.StrongModel}] {messages[^1].Text}"));
            }

            var tool = options.Tools.OfType<AIFunction>().Single(t => t.Name.EndsWith("DecideRefund", StringComparison.Ordinal));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-7", tool.Name, new Dictionary<string, object?> { ["ticket"] = "refund after 12 days" })]));
        });
        using var harness = new KernelHarness(strong: orchestrator);
        var orchestrate = PromptStep.Create("Desk.Orchestrate", (Capability.Reasoning, CapabilityLevel.Advanced));
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var text = new List<string>();

        await foreach (var chunk in harness.Kernel.InvokePromptStreamingAsync<string>("Decide: {{$t}}", new KernelArguments(settings) { ["t"] = "refund after 12 days" }.WithStep(orchestrate).WithTenant("initech")))
        {
            text.Add(chunk);
        }

        // The tool step (DecideRefund) is itself served by the strong model here: it answers with its echo.
        Assert.Equal("Decision: [claude-opus-4-1] refund after 12 days", string.Concat(text));
        Assert.Equal(
            [("Desk.Orchestrate", true), ("Triage.Decide", false), ("Desk.Orchestrate", true)],
            harness.Recorder.Calls.Select(c => (c.PipelineStepId, c.Streaming)).ToArray());
        Assert.All(harness.Recorder.Calls, c => Assert.Equal("initech", c.TenantScope));
        Assert.Equal("Triage.Decide", harness.Recorder.Calls[1].CurrentStepId);
    }
}
