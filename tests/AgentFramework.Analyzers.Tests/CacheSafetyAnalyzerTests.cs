using AgentFramework.Analyzers.Rules;
using AgentFramework.Analyzers.Tests.Infrastructure;

namespace AgentFramework.Analyzers.Tests;

/// <summary>AGF0006: caches that would skip side effects or serve one user's answer to another.</summary>
public sealed class CacheSafetyAnalyzerTests
{
    [Fact]
    public async Task UnsafeCache_SemanticCacheOnStepWithSideEffects_WarnsAtTheCacheAttribute()
    {
        const string code = """
            public class Refunds
            {
                [AgentStep, Requires(Capability.ToolUse), HasSideEffects]
                [{|#0:SemanticCache(Threshold = 0.9)|}]
                public Task IssueRefundAsync(string orderId) => Task.CompletedTask;
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0006").WithLocation(0).WithArguments(
            "Refunds.IssueRefund",
            "it is marked [HasSideEffects] and [SemanticCache]; a cached answer would skip the side effect, so remove [SemanticCache] (or use [NoCache])")).RunAsync();
    }

    [Fact]
    public async Task UnsafeCache_IdentityParameterOutsideTheScope_WarnsAtTheParameter()
    {
        const string code = """
            public class Faq
            {
                [AgentStep, Requires(Capability.Writing), SemanticCache]
                public Task<string> AnswerAsync(string question, string {|#0:userId|}, [CacheScope] string tenantId, [CacheKey] string customer_id)
                    => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0006").WithLocation(0).WithArguments(
            "Faq.Answer",
            "parameter 'userId' looks like a user or tenant identifier but is not part of the cache scope; mark it [CacheScope] (or [CacheKey]) so one user's cached answer is never served to another")).RunAsync();
    }

    [Fact]
    public async Task UnsafeCache_ClassLevelCache_AppliesToStepsUnlessNoCache()
    {
        const string code = """
            [SemanticCache]
            public class Faq
            {
                [AgentStep, Requires(Capability.Writing)]
                public Task<string> AnswerAsync(string question, string {|#0:account_id|}) => Task.FromResult("");

                [AgentStep, Requires(Capability.Writing), NoCache]
                public Task<string> PersonalAsync(string question, string accountId) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0006").WithLocation(0)
            .WithArguments("Faq.Answer", "parameter 'account_id' looks like a user or tenant identifier but is not part of the cache scope; mark it [CacheScope] (or [CacheKey]) so one user's cached answer is never served to another")).RunAsync();
    }

    [Fact]
    public async Task UnsafeCache_StepsCachedByDefault_AreCheckedToo()
    {
        const string code = """
            public class Faq
            {
                // No cache attribute: the runtime still caches the step when a cache is registered.
                [AgentStep, Requires(Capability.Writing)]
                public Task<string> AnswerAsync(string question, string {|#0:userId|}) => Task.FromResult("");
            }
            """;
        await Verify.Analyzer(code, expected: Verify.Diagnostic("AGF0006").WithLocation(0)
            .WithArguments("Faq.Answer", "parameter 'userId' looks like a user or tenant identifier but is not part of the cache scope; mark it [CacheScope] (or [CacheKey]) so one user's cached answer is never served to another")).RunAsync();
    }

    [Fact]
    public async Task UnsafeCache_UncachedStepsAndOrdinaryParameters_NotReported()
    {
        const string code = """
            public class Faq
            {
                // [NoCache]: the runtime never caches this step, so the identity parameter cannot leak.
                [AgentStep, Requires(Capability.Writing), NoCache]
                public Task<string> AnswerAsync(string question, string userId) => Task.FromResult("");

                [AgentStep, Requires(Capability.Writing), SemanticCache]
                public Task<string> FaqAsync(string question, string ticketId, string userPrompt) => Task.FromResult("");

                // Side effects without a cache attribute are fine.
                [AgentStep, Requires(Capability.ToolUse), HasSideEffects]
                public Task SendAsync(string userId) => Task.CompletedTask;
            }
            """;
        await Verify.Analyzer(code).RunAsync();
    }

    [Theory]
    [InlineData("userId", true)]
    [InlineData("UserID", true)]
    [InlineData("tenant_id", true)]
    [InlineData("customerId", true)]
    [InlineData("accountId", true)]
    [InlineData("orgId", true)]
    [InlineData("organizationId", true)]
    [InlineData("email", true)]
    [InlineData("user", true)]
    [InlineData("question", false)]
    [InlineData("userPrompt", false)]
    [InlineData("ticketId", false)]
    [InlineData("id", false)]
    [InlineData("identity", false)]
    public void UnsafeCache_LooksLikeIdentity(string name, bool expected) =>
        Assert.Equal(expected, CacheSafetyAnalyzer.LooksLikeIdentity(name));
}
