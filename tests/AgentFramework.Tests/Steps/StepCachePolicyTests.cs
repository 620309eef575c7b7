using AgentFramework.Steps;

namespace AgentFramework.Tests.Steps;

public sealed class StepCachePolicyTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AThresholdOutsideZeroToOne_IsRejectedWhereThePolicyIsBuilt(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepCachePolicy(true, true, threshold, null, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => StepCachePolicy.Default with { Threshold = threshold });
    }

    [Fact]
    public void ATtlThatIsNotPositiveOrTooLong_IsRejectedWhereThePolicyIsBuilt()
    {
        foreach (var ttl in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.MaxValue, StepCachePolicy.MaxTtl + TimeSpan.FromSeconds(1) })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new StepCachePolicy(true, true, null, ttl, false));
            Assert.Throws<ArgumentOutOfRangeException>(() => StepCachePolicy.Default with { Ttl = ttl });
        }
    }

    [Fact]
    public void ValidValues_AndNullDefaults_AreKept()
    {
        var policy = new StepCachePolicy(true, true, 0.9, StepCachePolicy.MaxTtl, true);
        Assert.Equal(0.9, policy.Threshold);
        Assert.Equal(StepCachePolicy.MaxTtl, policy.Ttl);
        Assert.Null(StepCachePolicy.Default.Threshold);
        Assert.Equal(1.0, (policy with { Threshold = 1.0 }).Threshold);
    }

    [Fact]
    public void TheAttributeAndThePolicyAgree_OnTheLongestTtl()
    {
        // [SemanticCache(TtlSeconds = int.MaxValue)] must build a valid policy: one rule for both.
        var requirements = StepRequirements.For(typeof(LongLived).GetMethod(nameof(LongLived.Keep))!);
        Assert.Equal(StepCachePolicy.MaxTtl, requirements.Cache.Ttl);
    }

    private sealed class LongLived
    {
        [AgentStep, SemanticCache(TtlSeconds = int.MaxValue)]
        public Task<string> Keep(string text) => Task.FromResult(text);
    }
}
