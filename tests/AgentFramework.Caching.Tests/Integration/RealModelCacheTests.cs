using AgentFramework.Ledger;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching.Tests.Integration;

/// <summary>The cache with the real ONNX embedder and the real embedded index.</summary>
[Collection(OnnxCollection.Name)]
public sealed class RealModelCacheTests(OnnxFixture onnx)
{
    [Theory]
    [InlineData("How do I enable two-factor authentication on my account?", "How do I disable two-factor authentication on my account?")]
    [InlineData("What is the status of order 48213?", "What is the status of order 48231?")]
    [InlineData("How much does shipping to Canada cost?", "How much does shipping to Mexico cost?")]
    [InlineData("How do I convert a list to a dict in Python?", "How do I convert a dict to a list in Python?")]
    public async Task SlotChangingNearDuplicates_AreNotServed(string stored, string asked)
    {
        using var host = new CacheTestHost(embedder: onnx.Model);
        await host.Client.GetResponseAsync(CacheTestHost.Ask(stored));
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask(asked));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal("answer to: " + asked, response.Text);
    }

    [Theory]
    [InlineData("How do I reset my password?", "I forgot my password. How can I reset it?")]
    [InlineData("Who wrote Pride and Prejudice?", "Who is the author of Pride and Prejudice?")]
    [InlineData("What does HTTP status code 404 mean?", "What is the meaning of a 404 HTTP status code?")]
    public async Task Paraphrases_AreServed(string stored, string asked)
    {
        using var host = new CacheTestHost(embedder: onnx.Model);
        await host.Client.GetResponseAsync(CacheTestHost.Ask(stored));
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask(asked));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("semantic", CacheTestHost.Outcome(response));
        Assert.Equal("answer to: " + stored, response.Text);
    }

    [Fact]
    public async Task FollowUp_DoesNotHitAcrossConversations()
    {
        using var host = new CacheTestHost(embedder: onnx.Model);
        List<ChatMessage> inflation = [new(ChatRole.User, "Can you explain the concept of inflation?"), new(ChatRole.Assistant, "Inflation is the rate at which prices rise."), new(ChatRole.User, "What are its types?")];
        List<ChatMessage> clouds = [new(ChatRole.User, "What are clouds made of?"), new(ChatRole.Assistant, "Clouds are made of water droplets."), new(ChatRole.User, "What are its types?")];
        await host.Client.GetResponseAsync(inflation);
        var other = await host.Client.GetResponseAsync(clouds);
        var same = await host.Client.GetResponseAsync(inflation);

        Assert.Equal("miss", CacheTestHost.Outcome(other));
        Assert.Equal("exact", CacheTestHost.Outcome(same));
        Assert.Equal(2, host.Model.Calls);
    }

    [Fact]
    public async Task SemanticHit_RecordsSavedTokensAndDollars()
    {
        using var host = new CacheTestHost(embedder: onnx.Model);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("Who wrote Pride and Prejudice?"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("Who is the author of Pride and Prejudice?"));

        var hit = Assert.Single(host.LedgerRecords, r => r.Outcome == CacheOutcome.SemanticHit);
        Assert.Equal(1500, hit.InputTokens + hit.OutputTokens);
        Assert.Equal("gpt-4.1-mini", hit.ModelId);
        var card = AgentFramework.Catalog.ModelCatalog.LoadEmbedded().Find("gpt-4.1-mini");
        if (card is not null)
        {
            Assert.Equal(card.CostOf(1000, 500), hit.SavedUsd, 9);
            Assert.True(hit.SavedUsd > 0);
        }
    }
}
