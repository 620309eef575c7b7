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
    public void Agent_step_gets_its_requirements_and_tenant_from_its_cache_scope_parameter()
    {
        var context = KernelStepResolver.Resolve(Agent["Classify"], new KernelArguments { ["ticket"] = "t", ["tenantId"] = "acme" }.WithTenant("ignored"), outer: null)!;

        Assert.Equal("TriageAgent.Classify", context.StepId);
        Assert.Equal("acme", context.TenantScope);
    }

    [Fact]
    public void Tenant_falls_back_to_the_arguments_then_to_the_enclosing_step()
    {
        var outer = new StepContext(PromptStep.Create("Outer"), tenantScope: "outer-tenant");

        Assert.Equal("arg-tenant", KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments().WithTenant("arg-tenant"), outer)!.TenantScope);
        Assert.Equal("outer-tenant", KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments(), outer)!.TenantScope);
        Assert.Null(KernelStepResolver.Resolve(Agent["DecideRefund"], new KernelArguments(), outer: null)!.TenantScope);
    }

    [Fact]
    public void Explicit_step_in_the_arguments_overrides_the_function_step()
    {
        var step = PromptStep.Create("Override");

        var context = KernelStepResolver.Resolve(Agent["Classify"], new KernelArguments().WithStep(step).WithConversation("c-9"), outer: null)!;

        Assert.Same(step, context.Requirements);
        Assert.Equal("c-9", context.ConversationId);
    }

    [Fact]
    public void Missing_cache_key_argument_is_a_distinct_scope_value_not_an_error()
    {
        var with = KernelStepResolver.Resolve(Agent["summarize"], new KernelArguments { ["thread"] = "x", ["language"] = "" }, outer: null)!;
        var without = KernelStepResolver.Resolve(Agent["summarize"], new KernelArguments { ["thread"] = "x" }, outer: null)!;

        // A missing value is absent from the scope: distinct from "" and from every other string.
        Assert.Equal(string.Empty, with.ScopeValues["language"]);
        Assert.False(without.ScopeValues.ContainsKey("language"));
    }

    [Fact]
    public void Plain_function_is_not_a_step()
    {
        Assert.Null(KernelStepResolver.Resolve(Agent["OrderStatus"], new KernelArguments(), outer: null));
        Assert.Null(KernelStepResolver.Resolve(KernelFunctionFactory.CreateFromPrompt("Hi"), null, outer: null));
    }
}
