using AgentFramework.Caching.Scoping;
using AgentFramework.Catalog;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching.Tests.Scoping;

public sealed class CacheRequestPlannerTests
{
    private static readonly SemanticCacheOptions Defaults = new();

    private static CacheRequestPlan Plan(IEnumerable<ChatMessage> messages, ChatOptions? options = null, StepContext? step = null, SemanticCacheOptions? settings = null) =>
        CacheRequestPlanner.Plan(messages, options, null, step, settings ?? Defaults);

    private static List<ChatMessage> Ask(string text) => [new(ChatRole.User, text)];

    [Fact]
    public void WhitespaceVariants_ShareTheExactKey_CaseDoesNot()
    {
        Assert.Equal(Plan(Ask("What is  2FA?\n")).ExactKey, Plan(Ask(" What is 2FA?")).ExactKey);
        Assert.NotEqual(Plan(Ask("What is 2FA?")).ExactKey, Plan(Ask("what is 2fa?")).ExactKey);
    }

    [Fact]
    public void CapabilityFloor_PartitionsTheScope()
    {
        var basic = new StepRequirements("s", new ModelNeeds(new Dictionary<Capability, CapabilityLevel> { [Capability.Reasoning] = CapabilityLevel.Basic }));
        var advanced = new StepRequirements("s", new ModelNeeds(new Dictionary<Capability, CapabilityLevel> { [Capability.Reasoning] = CapabilityLevel.Advanced }));
        var a = Plan(Ask("Prove it."), step: new StepContext(basic));
        var b = Plan(Ask("Prove it."), step: new StepContext(advanced));

        Assert.NotEqual(a.Scope, b.Scope);
        Assert.NotEqual(a.ExactKey, b.ExactKey);
        Assert.Equal("Advanced", b.Scope.Fields["floor"]);
    }

    [Fact]
    public void CacheKeyValues_StepAndResponseFormat_PartitionTheScope()
    {
        var step = StepRequirements.Unannotated("Support.Answer");
        var en = Plan(Ask("Hi"), step: new StepContext(step, new Dictionary<string, string> { ["locale"] = "en" }));
        var de = Plan(Ask("Hi"), step: new StepContext(step, new Dictionary<string, string> { ["locale"] = "de" }));
        var other = Plan(Ask("Hi"), step: new StepContext(StepRequirements.Unannotated("Support.Other")));
        var json = Plan(Ask("Hi"), new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal(4, new[] { en.Scope, de.Scope, other.Scope, json.Scope }.Distinct().Count());
        Assert.Equal("Support.Answer", en.Scope.Fields["step"]);
    }

    [Fact]
    public void PromptTemplateId_IsTheStepOutsideSteps()
    {
        var plan = Plan(Ask("Hi"), settings: new SemanticCacheOptions { PromptTemplateId = "faq-v2" });
        Assert.Equal("faq-v2", plan.Scope.Fields["step"]);
    }

    [Fact]
    public void StepConversationId_AndSideEffects_Bypass()
    {
        var step = StepRequirements.Unannotated("Chat");
        Assert.Equal("conversation-id", Plan(Ask("More?"), step: new StepContext(step, conversationId: "c1")).BypassReason);
        var sideEffects = new StepRequirements("Send", ModelNeeds.None, hasSideEffects: true);
        Assert.Equal("step-disabled", Plan(Ask("Send it"), step: new StepContext(sideEffects)).BypassReason);
    }

    [Fact]
    public void NonUserLastMessage_AndNonTextContent_Bypass()
    {
        Assert.Equal("no-user-message", Plan([new(ChatRole.System, "x")]).BypassReason);
        Assert.Equal("last-message-not-user", Plan([new(ChatRole.User, "x"), new(ChatRole.Assistant, "y")]).BypassReason);
        Assert.Equal("non-text-content", Plan([new(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2 }, "image/png")])]).BypassReason);
        Assert.Equal("skip-requested", Plan(Ask("x"), new ChatOptions { AdditionalProperties = new() { [SemanticCacheProperties.Skip] = true } }).BypassReason);
    }

    [Fact]
    public void TenantScope_TakesTheStepContextFirst_AndTagsTheEntry()
    {
        var plan = Plan(Ask("Balance?"), step: new StepContext(StepRequirements.Unannotated("Bank"), tenantScope: "user-42"));
        Assert.Equal("user-42", plan.TenantScope);
        Assert.Contains(CacheRequestPlanner.ScopeTag("user-42"), plan.Tags);
        Assert.Contains(CacheRequestPlanner.StepTag("Bank"), plan.Tags);
    }

    [Fact]
    public void MaxPromptLength_IsConfigurable()
    {
        var settings = new SemanticCacheOptions { MaxPromptLength = 10 };
        Assert.Equal("too-long", Plan(Ask("this is longer than ten"), settings: settings).BypassReason);
        Assert.Null(Plan(Ask("short"), settings: settings).BypassReason);
    }
}
