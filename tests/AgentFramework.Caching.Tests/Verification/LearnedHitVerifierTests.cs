using AgentFramework.Caching.Verification;

namespace AgentFramework.Caching.Tests.Verification;

public sealed class LearnedHitVerifierTests
{
    [Fact]
    public void HighSimilarityWithSameWords_IsAccepted_LowSimilarityIsVetoed()
    {
        var verifier = new LearnedHitVerifier();
        Assert.True(verifier.Verify(new CacheHitCandidate("How do I reset my password?", "How can I reset my password?", 0.97, 0.8)).Accepted);
        var veto = verifier.Verify(new CacheHitCandidate("How do I reset my password?", "What is the weather like in spring near the coast?", 0.81, 0.8));
        Assert.False(veto.Accepted);
        Assert.StartsWith("low-probability", veto.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MinProbability_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearnedHitVerifier(1.5));
}
