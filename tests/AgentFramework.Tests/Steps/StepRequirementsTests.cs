using System.Reflection;
using AgentFramework.Catalog;
using AgentFramework.Steps;

// An assembly default: every step in this test assembly needs at least Basic classification.
[assembly: AgentFramework.Requires(AgentFramework.Capability.Classification, AgentFramework.CapabilityLevel.Basic)]

namespace AgentFramework.Tests.Steps;

public class StepRequirementsTests
{
    [Fact]
    public void Method_OverridesClassWhichOverridesAssembly()
    {
        var r = StepRequirements.For(Method<AnnotatedAgent>(nameof(AnnotatedAgent.DecideAsync)));

        // Classification: assembly says Basic, class says Advanced, method says Standard → the method wins.
        Assert.Equal(CapabilityLevel.Standard, r.Needs.Levels[Capability.Classification]);

        // Writing from the class only; reasoning from the method only.
        Assert.Equal(CapabilityLevel.Standard, r.Needs.Levels[Capability.Writing]);
        Assert.Equal(CapabilityLevel.Frontier, r.Needs.Levels[Capability.Reasoning]);
        Assert.Equal(CapabilityLevel.Frontier, r.Needs.Floor);
    }

    [Fact]
    public void AssemblyDefaults_ApplyWhenNothingElseIsDeclared()
    {
        var r = StepRequirements.For(Method<PlainAgent>(nameof(PlainAgent.EchoAsync)));
        Assert.Equal(CapabilityLevel.Basic, r.Needs.Levels[Capability.Classification]);
        Assert.Equal("PlainAgent.Echo", r.StepId);
        Assert.Null(r.BoundModelId);
        Assert.Equal(StepCachePolicy.Default, r.Cache);
    }

    [Fact]
    public void Features_CombineAndLargestContextWins()
    {
        var r = StepRequirements.For(Method<AnnotatedAgent>(nameof(AnnotatedAgent.DecideAsync)));
        Assert.Equal(ModelFeatures.ToolCalling | ModelFeatures.StructuredOutput, r.Needs.Features);
        Assert.Equal(100_000, r.Needs.MinContextTokens);
    }

    [Fact]
    public void BindingVolumeBudgetAndName_AreRead()
    {
        var r = StepRequirements.For(Method<AnnotatedAgent>(nameof(AnnotatedAgent.DecideAsync)));
        Assert.Equal("decide", r.StepId);
        Assert.Equal("Decides things", r.Description);
        Assert.Equal("class-model", r.BoundModelId);
        Assert.Equal(1000, r.Volume!.CallsPerDay);
        Assert.Equal(800, r.Needs.TypicalInputTokens);
        Assert.Equal(60, r.Needs.TypicalOutputTokens);
        Assert.Equal(25, r.Budget!.UsdPerMonth);
        Assert.Equal(BudgetPolicy.Downgrade, r.Budget.Policy);
    }

    [Fact]
    public void MethodBinding_OverridesClassBinding()
    {
        var r = StepRequirements.For(Method<AnnotatedAgent>(nameof(AnnotatedAgent.BoundAsync)));
        Assert.Equal("method-model", r.BoundModelId);
    }

    public static TheoryData<string, bool, bool, double?, int?> CachePolicies => new()
    {
        { nameof(CacheAgent.DefaultAsync), true, true, null, null },
        { nameof(CacheAgent.TunedAsync), true, true, 0.93, 60 },
        { nameof(CacheAgent.ExactAsync), true, false, null, null },
        { nameof(CacheAgent.NoCacheAsync), false, false, null, null },
        { nameof(CacheAgent.SideEffectAsync), false, false, null, null },
    };

    [Theory]
    [MemberData(nameof(CachePolicies))]
    public void CachePolicy_IsResolved(string method, bool enabled, bool semantic, double? threshold, int? ttlSeconds)
    {
        var policy = StepRequirements.For(Method<CacheAgent>(method)).Cache;
        Assert.Equal(enabled, policy.Enabled);
        Assert.Equal(semantic, policy.Semantic);
        Assert.Equal(threshold, policy.Threshold);
        Assert.Equal(ttlSeconds, policy.Ttl is { } t ? (int)t.TotalSeconds : null);
    }

    [Theory]
    [MemberData(nameof(CachePolicies))]
    public void Step_IsCacheableExactlyWhenItsResolvedPolicyIsEnabled(string method, bool enabled, bool semantic, double? threshold, int? ttlSeconds)
    {
        _ = (semantic, threshold, ttlSeconds);
        Assert.Equal(enabled, StepRequirements.For(Method<CacheAgent>(method)).IsCacheable());
    }

    [Fact]
    public void SideEffectStep_IsNeverCacheableWhateverPolicyItIsGiven()
    {
        // Built by hand (as hosts do for prompt templates), the policy and the side-effect flag arrive separately.
        var sideEffects = new StepRequirements("send-mail", ModelNeeds.None, cache: StepCachePolicy.Default, hasSideEffects: true);
        Assert.False(sideEffects.IsCacheable());
        Assert.False(sideEffects.IsCacheable(StepCachePolicy.Default));

        var plain = new StepRequirements("answer", ModelNeeds.None, cache: StepCachePolicy.Default);
        Assert.True(plain.IsCacheable());
        Assert.False(plain.IsCacheable(StepCachePolicy.Disabled));
        Assert.False(new StepRequirements("no-cache", ModelNeeds.None, cache: StepCachePolicy.Disabled).IsCacheable());
    }

    [Fact]
    public void ScopeParameters_AreFound()
    {
        var r = StepRequirements.For(Method<CacheAgent>(nameof(CacheAgent.TunedAsync)));
        Assert.Collection(
            r.ScopeParameters,
            p => Assert.Equal(("tenant", "tenant", 1, true), (p.ParameterName, p.ScopeField, p.Position, p.IsTenantScope)),
            p => Assert.Equal(("country", "destination", 2, false), (p.ParameterName, p.ScopeField, p.Position, p.IsTenantScope)));
    }

    [Theory]
    [InlineData(nameof(BrokenAgent.ZeroBudgetAsync), "Budget(0)")]
    [InlineData(nameof(BrokenAgent.BadThresholdAsync), "Threshold = 1.5")]
    [InlineData(nameof(BrokenAgent.NegativeContextAsync), "MinContextWindow(-5)")]
    [InlineData(nameof(BrokenAgent.UndefinedCapabilityAsync), "undefined capability")]
    public void InvalidDeclarations_FailWithStepNamed(string method, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => StepRequirements.For(Method<BrokenAgent>(method)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("BrokenAgent.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_AreCachedPerMethod()
    {
        var m = Method<PlainAgent>(nameof(PlainAgent.EchoAsync));
        Assert.Same(StepRequirements.For(m), StepRequirements.For(m));
    }

    private static MethodInfo Method<T>(string name) => typeof(T).GetMethod(name)!;

    [Requires(Capability.Classification, CapabilityLevel.Advanced)]
    [Requires(Capability.Writing)]
    [RequiresFeatures(ModelFeatures.ToolCalling)]
    [MinContextWindow(8_000)]
    [UseModel("class-model")]
    public sealed class AnnotatedAgent
    {
        [AgentStep("decide", Description = "Decides things")]
        [Requires(Capability.Classification)]
        [Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
        [RequiresFeatures(ModelFeatures.StructuredOutput)]
        [MinContextWindow(100_000)]
        [ExpectedVolume(CallsPerDay = 1000, InputTokens = 800, OutputTokens = 60)]
        [Budget(25, Policy = BudgetPolicy.Downgrade)]
        public Task<string> DecideAsync(string input) => Task.FromResult(input);

        [AgentStep]
        [UseModel("method-model")]
        public Task<string> BoundAsync(string input) => Task.FromResult(input);
    }

    public sealed class PlainAgent
    {
        [AgentStep]
        public Task<string> EchoAsync(string input) => Task.FromResult(input);
    }

    public sealed class CacheAgent
    {
        [AgentStep]
        public Task<string> DefaultAsync(string q) => Task.FromResult(q);

        [AgentStep, SemanticCache(Threshold = 0.93, TtlSeconds = 60)]
        public Task<string> TunedAsync(string q, [CacheScope] string tenant, [CacheKey(Name = "destination")] string country) => Task.FromResult(q + tenant + country);

        [AgentStep, SemanticCache(ExactOnly = true)]
        public Task<string> ExactAsync(string q) => Task.FromResult(q);

        [AgentStep, NoCache]
        public Task<string> NoCacheAsync(string q) => Task.FromResult(q);

        [AgentStep, HasSideEffects, SemanticCache]
        public Task<string> SideEffectAsync(string q) => Task.FromResult(q);
    }

    public sealed class BrokenAgent
    {
        [AgentStep, Budget(0)]
        public Task ZeroBudgetAsync() => Task.CompletedTask;

        [AgentStep, SemanticCache(Threshold = 1.5)]
        public Task BadThresholdAsync() => Task.CompletedTask;

        [AgentStep, MinContextWindow(-5)]
        public Task NegativeContextAsync() => Task.CompletedTask;

        [AgentStep, Requires((Capability)99)]
        public Task UndefinedCapabilityAsync() => Task.CompletedTask;
    }
}
