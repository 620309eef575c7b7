using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Routing;
using AgentFramework.SemanticKernel.ChatCompletion;
using AgentFramework.SemanticKernel.Plugins;
using AgentFramework.SemanticKernel.Selection;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace AgentFramework.SemanticKernel.Tests.Selection;

public sealed class CapabilityServiceSelectorTests
{
    [Fact]
    public void CheapModel_ServesBasicClassificationStepAndStrongOneAdvancedReasoningStep()
    {
        using var harness = new KernelHarness();
        var selector = harness.Services.GetRequiredService<CapabilityServiceSelector>();

        var classify = selector.Explain(harness.Kernel, harness.Function("Classify"))!;
        var decide = selector.Explain(harness.Kernel, harness.Function("DecideRefund"))!;

        Assert.Equal(KernelHarness.CheapModel, classify.Selected.Id);
        Assert.Equal(RoutingReason.CheapestSufficient, classify.Reason);
        Assert.Equal(KernelHarness.StrongModel, decide.Selected.Id);
        Assert.Contains(decide.Candidates, c => c.Model.Id == KernelHarness.CheapModel && !c.IsSufficient);
        Assert.Null(selector.Explain(harness.Kernel, harness.Function("OrderStatus")));
    }

    [Fact]
    public void SelectedService_IsAgentFrameworkPipelineBoundToFunctionStep()
    {
        using var harness = new KernelHarness();
        Assert.IsType<CapabilityServiceSelector>(harness.Kernel.ServiceSelector);

        Assert.True(harness.Kernel.ServiceSelector.TrySelectAIService<IChatCompletionService>(harness.Kernel, harness.Function("DecideRefund"), new KernelArguments(), out var service, out _));

        var bound = Assert.IsType<AgentFrameworkChatCompletionService>(service);
        Assert.Equal("Triage.Decide", bound.BoundStep?.StepId);
    }

    [Fact]
    public async Task PlainKernelServices_AreRoutedBySameRules()
    {
        // No AgentFramework pipeline: one Semantic Kernel chat service per model, keyed by model id.
        var cheap = new FakeChatClient(KernelHarness.CheapModel);
        var strong = new FakeChatClient(KernelHarness.StrongModel);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddKeyedSingleton<IChatCompletionService>("cheap", cheap.AsChatCompletionService());
        builder.Services.AddKeyedSingleton<IChatCompletionService>("strong", strong.AsChatCompletionService());
        var selector = NewSelector();
        builder.Services.AddSingleton<IAIServiceSelector>(selector);
        var kernel = builder.Build();
        var agent = AgentPlugin.Create(new TriageAgent(null!));

        Assert.True(selector.TrySelectAIService<IChatCompletionService>(kernel, agent["Classify"], new KernelArguments(), out var forClassify, out _));
        Assert.True(selector.TrySelectAIService<IChatCompletionService>(kernel, agent["DecideRefund"], new KernelArguments(), out var forDecide, out _));
        Assert.Equal(KernelHarness.CheapModel, forClassify.GetModelId());
        Assert.Equal(KernelHarness.StrongModel, forDecide.GetModelId());

        // A prompt function declaring an advanced reasoning step is served by the strong model end to end.
        await kernel.InvokePromptAsync("Decide: {{$q}}", new KernelArguments { ["q"] = "refund?" }.WithStep(PromptStep.Create("P.Decide", (Capability.Reasoning, CapabilityLevel.Advanced))));
        await kernel.InvokePromptAsync("Label: {{$q}}", new KernelArguments { ["q"] = "late parcel" }.WithStep(PromptStep.Create("P.Label", (Capability.Classification, CapabilityLevel.Basic))));
        Assert.Equal(1, strong.Calls);
        Assert.Equal(1, cheap.Calls);
    }

    [Fact]
    public void ExplicitServiceIdInExecutionSettings_WinsOverRouting()
    {
        var cheap = new FakeChatClient(KernelHarness.CheapModel);
        var strong = new FakeChatClient(KernelHarness.StrongModel);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddKeyedSingleton<IChatCompletionService>("cheap", cheap.AsChatCompletionService());
        builder.Services.AddKeyedSingleton<IChatCompletionService>("strong", strong.AsChatCompletionService());
        var kernel = builder.Build();
        var selector = NewSelector();
        var agent = AgentPlugin.Create(new TriageAgent(null!));
        var arguments = new KernelArguments(new PromptExecutionSettings { ServiceId = "strong" });

        Assert.True(selector.TrySelectAIService<IChatCompletionService>(kernel, agent["Classify"], arguments, out var service, out var settings));

        Assert.Equal(KernelHarness.StrongModel, service.GetModelId());
        Assert.Equal("strong", settings?.ServiceId);
    }

    [Fact]
    public void FunctionThatIsNotStep_GetsDefaultService()
    {
        var cheap = new FakeChatClient(KernelHarness.CheapModel);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(cheap.AsChatCompletionService());
        var kernel = builder.Build();
        var plain = KernelFunctionFactory.CreateFromPrompt("Hello {{$name}}");

        Assert.True(NewSelector().TrySelectAIService<IChatCompletionService>(kernel, plain, new KernelArguments(), out var service, out _));
        Assert.Equal(KernelHarness.CheapModel, service.GetModelId());
    }

    [Fact]
    public async Task StepNoRegisteredModelCanServe_FailsWithRouterExplanation()
    {
        using var harness = new KernelHarness(withStrong: false);

        var ex = await Assert.ThrowsAsync<NoSufficientModelException>(() => harness.Kernel.InvokeAsync(harness.Function("DecideRefund"), new KernelArguments { ["ticket"] = "x" }));

        Assert.Contains("Triage.Decide", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Cheap.Calls);
    }

    private static CapabilityServiceSelector NewSelector() =>
        new(ModelCatalog.LoadEmbedded(), new CostLedger(), Options.Create(new AgentFrameworkOptions()));
}
