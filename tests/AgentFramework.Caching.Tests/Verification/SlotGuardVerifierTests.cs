namespace AgentFramework.Caching.Tests.Verification;

public sealed class SlotGuardVerifierTests
{
    [Theory]
    [InlineData("What is the status of order 48213?", "What is the status of order 48231?", "slot-mismatch")]
    [InlineData("Reset the password of userId jsmith_01", "Reset the password of userId jdoe_02", "slot-mismatch")]
    [InlineData("Why is my payment going through?", "Why isn't my payment going through?", "negation")]
    [InlineData("Can I use this on the free tier?", "Can I not use this on the free tier?", "negation")]
    [InlineData("How do I enable 2FA?", "How do I disable 2FA?", "antonym")]
    [InlineData("How do I turn off two-factor authentication on my account?", "How do I turn on two-factor authentication on my account?", "antonym")]
    [InlineData("I'd like to enable auto-renewal for my membership, please.", "I'd like to turn off auto-renewal for my membership, please.", "antonym")]
    [InlineData("Please pause my subscription.", "Please resume my subscription.", "antonym")]
    [InlineData("How do I increase the memory limit?", "How do I decrease the memory limit?", "antonym")]
    [InlineData("How do I install the driver?", "How do I uninstall the driver?", "antonym")]
    [InlineData("Sort results in ascending order", "Sort results in descending order", "antonym")]
    [InlineData("How much is shipping to Canada?", "How much is shipping to Mexico?", "name-mismatch")]
    [InlineData("how much is shipping to canada?", "how much is shipping to mexico?", "substitution")]
    [InlineData("Translate this into French.", "Translate this into German.", "name-mismatch")]
    [InlineData("Summarize the ticket in one paragraph.", "Summarize the ticket in one sentence.", "substitution")]
    [InlineData("How do I convert a list to a dict?", "How do I convert a dict to a list?", "word-order")]
    [InlineData("Which flights leave Boston for Chicago?", "Which flights leave Chicago for Boston?", "word-order")]
    public void SlotChanges_AreVetoed(string a, string b, string reason)
    {
        var verdict = SlotGuardVerifier.Instance.Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.False(verdict.Accepted);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("How do I reset my password?", "How can I reset my password?")]
    [InlineData("What is the difference between TCP and UDP?", "What is the difference between UDP and TCP?")]
    [InlineData("How do I buy a car?", "How do I purchase a car?")]
    [InlineData("What's the best way to learn Python?", "What is the best way to learn Python?")]
    [InlineData("Where is order 48213?", "What is the status of order 48213?")]
    [InlineData("Which color should I choose?", "Which colour should I choose?")]
    [InlineData("Who wrote Pride and Prejudice?", "Who is the author of Pride and Prejudice?")]
    [InlineData("How do I learn Python quickly?", "How do I learn Python fast?")]
    public void Paraphrases_AreAccepted(string a, string b)
    {
        var verdict = SlotGuardVerifier.Instance.Verify(new CacheHitCandidate(a, b, 0.95, 0.8));
        Assert.True(verdict.Accepted, verdict.Reason);
    }
}
