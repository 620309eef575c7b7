using AgentFramework.Catalog;
using AgentFramework.SemanticKernel.Plugins;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Plugins;

public sealed class AgentPluginTests
{
    [Fact]
    public void Import_CreatesOneFunctionPerStepAndKernelFunctionWithAttributeDescriptions()
    {
        using var harness = new KernelHarness();
        var plugin = harness.Kernel.Plugins["TriageAgent"];

        Assert.Equal(["Classify", "DecideRefund", "summarize", "OrderStatus"], plugin.Select(f => f.Name).ToArray());
        Assert.Equal("Label a ticket as billing, shipping, technical or legal", plugin["Classify"].Description);
        Assert.Equal("Decide whether a refund is owed under the policy", plugin["DecideRefund"].Description);
        Assert.Equal("Summarize a support thread", plugin["summarize"].Description);
        Assert.Equal("Look up the status of an order", plugin["OrderStatus"].Description);
        Assert.Equal(["ticket", "tenantId"], plugin["Classify"].Metadata.Parameters.Select(p => p.Name).ToArray());
    }

    [Fact]
    public void FunctionMetadata_CarriesStepIdNeedsAndBoundModel()
    {
        using var harness = new KernelHarness();
        var classify = harness.Function("Classify").Metadata.AdditionalProperties;
        var decide = harness.Function("DecideRefund").Metadata.AdditionalProperties;
        var summarize = harness.Function("summarize").Metadata.AdditionalProperties;

        Assert.Equal("TriageAgent.Classify", classify[AgentFunctionMetadata.StepIdKey]);
        var classifyNeeds = Assert.IsType<ModelNeeds>(classify[AgentFunctionMetadata.NeedsKey]);
        Assert.Equal(CapabilityLevel.Basic, classifyNeeds.Levels[Capability.Classification]);
        Assert.Null(classify[AgentFunctionMetadata.BoundModelKey]);
        Assert.Same(StepRequirements.For(typeof(TriageAgent).GetMethod(nameof(TriageAgent.ClassifyAsync))!), classify[AgentFunctionMetadata.StepRequirementsKey]);

        Assert.Equal("Triage.Decide", decide[AgentFunctionMetadata.StepIdKey]);
        Assert.Equal(CapabilityLevel.Advanced, Assert.IsType<ModelNeeds>(decide[AgentFunctionMetadata.NeedsKey]).Levels[Capability.Reasoning]);

        Assert.Equal("TriageAgent.SummarizeThread", summarize[AgentFunctionMetadata.StepIdKey]);
        Assert.Equal("gpt-4.1-nano", summarize[AgentFunctionMetadata.BoundModelKey]);

        Assert.False(harness.Function("OrderStatus").Metadata.AdditionalProperties.ContainsKey(AgentFunctionMetadata.StepIdKey));
        Assert.Null(harness.Function("OrderStatus").GetStepRequirements());
    }

    [Fact]
    public void KernelFunctionWithAgentFrameworkAttributes_IsStepEvenWhenImportedBySemanticKernelItself()
    {
        // Plain SK import: only [KernelFunction] methods, no AgentFramework metadata.
        var plugin = KernelPluginFactory.CreateFromObject(new TriageAgent(null!), "Plain");

        Assert.Equal(["summarize", "OrderStatus"], plugin.Select(f => f.Name).OrderByDescending(n => n).ToArray());
        Assert.Equal("TriageAgent.SummarizeThread", plugin["summarize"].GetStepRequirements()?.StepId);
        Assert.Null(plugin["OrderStatus"].GetStepRequirements());
        Assert.True(AgentPlugin.IsStep(typeof(TriageAgent).GetMethod(nameof(TriageAgent.SummarizeThreadAsync))!));
        Assert.False(AgentPlugin.IsStep(typeof(TriageAgent).GetMethod(nameof(TriageAgent.OrderStatus))!));
    }

    [Fact]
    public void KernelFunctionInClassWithAgentFrameworkAttributes_IsStep()
    {
        var plugin = AgentPlugin.Create(new TranslatorPlugin());

        var step = plugin["ToEnglish"].GetStepRequirements();
        Assert.Equal("TranslatorPlugin.ToEnglish", step?.StepId);
        Assert.Equal(CapabilityLevel.Basic, step!.Needs.Levels[Capability.Translation]);
    }

    [Fact]
    public void AgentWithoutStepsOrFunctions_IsRejectedWithClearMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => AgentPlugin.Create(new EmptyAgent()));
        Assert.Contains("[AgentStep]", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EmptyAgent), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterfaceType_IsRejectedBecauseAttributesLiveOnClass()
    {
        using var harness = new KernelHarness();
        var ex = Assert.Throws<ArgumentException>(() => AgentPlugin.Create<IDisposable>(harness.Services));
        Assert.Contains("interface", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportAgentPlugin_AddsPluginToExistingKernelUnderGivenName()
    {
        using var harness = new KernelHarness();
        var kernel = harness.Kernel.Clone();
        var plugin = kernel.ImportAgentPlugin<TriageAgent>("Desk");

        Assert.Same(plugin, kernel.Plugins["Desk"]);
        Assert.Equal("TriageAgent.Classify", kernel.Plugins["Desk"]["Classify"].GetStepRequirements()?.StepId);
    }
}
