using AgentFramework.Caching.DependencyInjection;
using AgentFramework.Catalog;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;

namespace AgentFramework.Caching.Tests.DependencyInjection;

public sealed class SemanticCacheStepMiddlewareTests
{
    [Fact]
    public void DisabledAndSideEffectSteps_AreNotWrapped_OthersGetTheirPolicy()
    {
        using var host = new CacheTestHost();
        var middleware = new SemanticCacheStepMiddleware(host.Cache);
        var inner = new FakeChatClient("gpt-4.1-mini");

        Assert.Same(inner, middleware.Wrap(inner, new StepRequirements("a", ModelNeeds.None, cache: StepCachePolicy.Disabled)));
        Assert.Same(inner, middleware.Wrap(inner, new StepRequirements("b", ModelNeeds.None, hasSideEffects: true)));
        var exactOnly = new StepCachePolicy(true, false, null, TimeSpan.FromMinutes(1), true);
        var wrapped = Assert.IsType<SemanticCachingChatClient>(middleware.Wrap(inner, new StepRequirements("c", ModelNeeds.None, cache: exactOnly)));
        Assert.Same(exactOnly, wrapped.Policy);
    }
}
