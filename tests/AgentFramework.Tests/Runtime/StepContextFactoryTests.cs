using AgentFramework.Runtime;
using AgentFramework.Steps;

namespace AgentFramework.Tests.Runtime;

public sealed class StepContextFactoryTests
{
    private static readonly System.Reflection.MethodInfo TwoScopes = typeof(Desk).GetMethod(nameof(Desk.Answer))!;
    private static readonly System.Reflection.MethodInfo OneScope = typeof(Desk).GetMethod(nameof(Desk.Classify))!;

    [Fact]
    public void TwoScopeValues_ThatJoinToTheSameText_StayApart()
    {
        var first = StepContextFactory.Create(TwoScopes, ["acme|eve", "bob", "q"]);
        var second = StepContextFactory.Create(TwoScopes, ["acme", "eve|bob", "q"]);

        Assert.NotNull(first.TenantScope);
        Assert.NotNull(second.TenantScope);
        Assert.NotEqual(first.TenantScope, second.TenantScope);
    }

    [Fact]
    public void RandomScopeTuples_WithSeparatorsInside_NeverShareATenantScope()
    {
        // Property test: any two different usable tuples give different scopes; unusable ones give none.
        char[] alphabet = ['a', 'b', '|', ':', ';', ',', '=', '\u001F', '\0', ' ', '\\', '"', '1', 'é'];
        var rng = new Random(16_2);
        var seen = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        var formed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var a = Value(rng, alphabet);
            var b = Value(rng, alphabet);
            var context = StepContextFactory.Create(TwoScopes, [a, b, "q"]);
            var usable = TenantScopeValue.IsUsable(a) && TenantScopeValue.IsUsable(b);
            Assert.Equal(!usable, context.TenantScopeMissing);
            if (context.TenantScope is not { } scope)
            {
                Assert.False(usable);
                continue;
            }

            formed++;
            if (seen.TryGetValue(scope, out var earlier))
            {
                Assert.Equal(earlier, (a, b));
            }
            else
            {
                seen[scope] = (a, b);
            }

            // A single-valued step can never produce the same scope as a two-valued one.
            var single = StepContextFactory.Create(OneScope, [scope, "q"]);
            Assert.Null(single.TenantScope);
        }

        Assert.True(formed > 5_000, $"only {formed} usable tuples were generated");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0null")]
    [InlineData("acme\u001Fbob")]
    public void AnUnusableScopeValue_FormsNoScope_AndSaysSo(string? tenant)
    {
        var context = StepContextFactory.Create(OneScope, [tenant, "q"]);

        Assert.Null(context.TenantScope);
        Assert.True(context.TenantScopeMissing);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("acme\u001Fbob", true)]
    [InlineData("acme|eve\u001Fbob", true)]
    [InlineData("acme\u001F", false)]
    [InlineData("\u001Fbob", false)]
    [InlineData("acme\u001F  ", false)]
    [InlineData("ac\u0000me", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AScopeIsWellFormed_WhenEveryJoinedPartIsUsable(string? scope, bool expected) =>
        Assert.Equal(expected, TenantScopeValue.IsWellFormed(scope));

    [Fact]
    public void ANullScopeValue_IsNotTheStringThatUsedToStandForIt()
    {
        Assert.Null(StepContextFactory.FormatScopeValue(null));
        Assert.Equal("\0null", StepContextFactory.FormatScopeValue("\0null"));
    }

    [Fact]
    public void ANullCacheKeyValue_IsAbsent_SoNoStringCanMatchIt()
    {
        var withNull = StepContextFactory.Create(OneScope, ["acme", null]);
        var withSentinel = StepContextFactory.Create(OneScope, ["acme", "\0null"]);
        var withEmpty = StepContextFactory.Create(OneScope, ["acme", ""]);

        Assert.False(withNull.ScopeValues.ContainsKey("text"));
        Assert.Equal("\0null", withSentinel.ScopeValues["text"]);
        Assert.Equal("", withEmpty.ScopeValues["text"]);
    }

    [Fact]
    public void WithoutScopeParameters_TheInvocationTenantIsUsed()
    {
        var method = typeof(Desk).GetMethod(nameof(Desk.Plain))!;
        var context = StepContextFactory.Create(method, ["q"], new StepInvocation("globex"));

        Assert.Equal("globex", context.TenantScope);
        Assert.False(context.TenantScopeMissing);
    }

    private static string? Value(Random rng, char[] alphabet)
    {
        if (rng.Next(20) == 0)
        {
            return null;
        }

        var chars = new char[rng.Next(0, 6)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private sealed class Desk
    {
        [AgentStep]
        public Task<string> Answer([CacheScope] string? org, [CacheScope] string? user, string question) => Task.FromResult(question);

        [AgentStep]
        public Task<string> Classify([CacheScope] string? tenant, [CacheKey] string? text) => Task.FromResult(text ?? "");

        [AgentStep]
        public Task<string> Plain(string question) => Task.FromResult(question);
    }
}
