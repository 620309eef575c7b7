using AgentFramework.SemanticKernel.Plugins;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.SemanticKernel.Tests.Fakes;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Steps;

public sealed class KernelStepResolverTests
{
    private static readonly KernelPlugin Agent = AgentPlugin.Create(new TriageAgent(null!));

    [Fact]
    public void AgentStep_GetsItsRequirementsAndTenantFromItsCacheScopeParameter()
    {
        var context = KernelStepResolver.Resolve(Agent["Classify"], new KernelArguments { ["ticket"] = "t", ["tenantId"] = "acme" }.WithTenant("ignored"), outer: null)!;

        Assert.Equal("TriageAgent.Classify", context.StepId);
        Assert.Equal("acme", context.TenantScope);
    }

    [Fact]
    public void Tenant_FallsBackToArgumentsThenToEnclosingStep()
    {
        var outer = new StepContext(PromptStep.Create("Outer"), tenantScope: "outer-tenant");

        Assert.Equal("arg-tenant", KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments().WithTenant("arg-tenant"), outer)!.TenantScope);
        Assert.Equal("outer-tenant", KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments(), outer)!.TenantScope);
        Assert.Null(KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments(), outer: null)!.TenantScope);
    }

    [Fact]
    public void ExplicitStepInArguments_OverridesFunctionStep()
    {
        var step = PromptStep.Create("Override");

        var context = KernelStepResolver.Resolve(Agent["Classify"], new KernelArguments().WithStep(step).WithConversation("c-9"), outer: null)!;

        Assert.Same(step, context.Requirements);
        Assert.Equal("c-9", context.ConversationId);
    }

    [Fact]
    public void MissingCacheKeyArgument_IsDistinctScopeValueNotError()
    {
        var with = KernelStepResolver.Resolve(Agent["summarize"], new KernelArguments { ["thread"] = "x", ["language"] = "" }, outer: null)!;
        var without = KernelStepResolver.Resolve(Agent["summarize"], new KernelArguments { ["thread"] = "x" }, outer: null)!;

        // A missing value is absent from the scope: distinct from "" and from every other string.
        Assert.Equal(string.Empty, with.ScopeValues["language"]);
        Assert.False(without.ScopeValues.ContainsKey("language"));
    }

    [Fact]
    public void PlainFunction_IsNotStep()
    {
        Assert.Null(KernelStepResolver.Resolve(Agent["OrderStatus"], new KernelArguments(), outer: null));
        Assert.Null(KernelStepResolver.Resolve(KernelFunctionFactory.CreateFromPrompt("Hi"), null, outer: null));
    }
}
