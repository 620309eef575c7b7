using AgentFramework.SemanticKernel.Steps;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Filters;

public sealed class StepContextFilterTests
{
    [Fact]
    public async Task AgentStepRunThroughKernel_IsRoutedAsItsStepWithItsTenantScope()
    {
        using var harness = new KernelHarness();

        var result = await harness.Kernel.InvokeAsync(harness.Function("Classify"), new KernelArguments { ["ticket"] = "I was charged twice", ["tenantId"] = "acme" });

        Assert.Equal("[gpt-4.1-nano] I was charged twice", result.GetValue<string>());
        Assert.Equal(1, harness.Cheap.Calls);
        Assert.Equal(0, harness.Strong.Calls);
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal("TriageAgent.Classify", seen.PipelineStepId);
        Assert.Equal("TriageAgent.Classify", seen.CurrentStepId);
        Assert.Equal("acme", seen.TenantScope);
    }

    [Fact]
    public async Task CacheKeyParameters_ReachStepContext()
    {
        using var harness = new KernelHarness();

        await harness.Kernel.InvokeAsync(harness.Function("summarize"), new KernelArguments { ["thread"] = "long thread", ["language"] = "de" });

        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal("TriageAgent.SummarizeThread", seen.CurrentStepId);
        Assert.Equal("de", seen.ScopeValues!["language"]);
        Assert.Equal(1, harness.Cheap.Calls);
    }

    [Fact]
    public async Task StreamingInvocationOfAgentStep_StillRunsInsideStep()
    {
        // Semantic Kernel runs the method while the caller enumerates, after the filters have returned.
        using var harness = new KernelHarness();
        var chunks = new List<string>();

        await foreach (var chunk in harness.Kernel.InvokeStreamingAsync<string>(harness.Function("DecideRefund"), new KernelArguments { ["ticket"] = "Refund after 40 days?" }))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("[claude-opus-4-1] Refund after 40 days?", string.Concat(chunks));
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal("Triage.Decide", seen.CurrentStepId);
        Assert.Equal(1, harness.Strong.Calls);
        Assert.Equal(0, harness.Cheap.Calls);
    }

    [Fact]
    public async Task FunctionThatIsNotStep_RunsWithoutStepContext()
    {
        using var harness = new KernelHarness();
        var probe = KernelFunctionFactory.CreateFromMethod(() => StepContext.Current?.StepId ?? "(none)", "Probe");

        var result = await harness.Kernel.InvokeAsync(probe);

        Assert.Equal("(none)", result.GetValue<string>());
    }

    [Fact]
    public async Task StepContext_IsRestoredAfterFunctionReturns()
    {
        using var harness = new KernelHarness();
        var outer = new StepContext(PromptStep.Create("Outer.Step"), tenantScope: "t-outer");

        using (StepContext.Enter(outer))
        {
            await harness.Kernel.InvokeAsync(harness.Function("DecideRefund"), new KernelArguments { ["ticket"] = "x" });
            Assert.Same(outer, StepContext.Current);
        }

        // A tool step inherits the tenant of the step that called it.
        Assert.Equal("t-outer", Assert.Single(harness.Recorder.Calls).TenantScope);
    }

    [Fact]
    public async Task PromptFunction_DeclaresItsStepAndTenantThroughKernelArguments()
    {
        using var harness = new KernelHarness();
        var step = PromptStep.Create("Faq.Answer", (Capability.Reasoning, CapabilityLevel.Advanced));

        var result = await harness.Kernel.InvokePromptAsync("Answer: {{$question}}", new KernelArguments { ["question"] = "Can I return opened items?" }.WithStep(step).WithTenant("globex"));

        Assert.Equal("[claude-opus-4-1] Answer: Can I return opened items?", result.GetValue<string>());
        var seen = Assert.Single(harness.Recorder.Calls);
        Assert.Equal("Faq.Answer", seen.PipelineStepId);
        Assert.Equal("Faq.Answer", seen.CurrentStepId);
        Assert.Equal("globex", seen.TenantScope);
    }
}
