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
        Assert.Equal("[gpt-4.1-mini] " + asked, response.Text);
    }

    [Theory]
    [InlineData("How do I reset my password?", "I forgot my password. How can I reset it?")]
    [InlineData("Who wrote Pride and Prejudice?", "Who is the author of Pride and Prejudice?")]
    [InlineData("What does HTTP status code 404 mean?", "What is the meaning of a 404 HTTP status code?")]
    [InlineData("An item arrived broken, how do I get my money back?", "Can I get a refund for a damaged item?")] // cosine 0.735: below the 0.75 gate used until 2026-12-07
    public async Task Paraphrases_AreServed(string stored, string asked)
    {
        using var host = new CacheTestHost(embedder: onnx.Model);
        await host.Client.GetResponseAsync(CacheTestHost.Ask(stored));
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask(asked));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("semantic", CacheTestHost.Outcome(response));
        Assert.Equal("[gpt-4.1-mini] " + stored, response.Text);
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

        var hit = Assert.Single(host.LedgerRecords, r => r.Outcome == CacheLookupResult.SemanticHit);
        Assert.Equal(1500, hit.InputTokens + hit.OutputTokens);
        Assert.Equal("gpt-4.1-mini", hit.ModelId);
        var card = AgentFramework.Catalog.ModelCatalog.LoadEmbedded().Find("gpt-4.1-mini");
        if (card is not null)
        {
            Assert.Equal(card.CostOf(1000, 500), hit.SavedUsd, 9);
            Assert.True(hit.SavedUsd > 0);
        }
    }

    [Theory]
    [InlineData(2_500)]
    [InlineData(10_000)]
    public async Task LongPromptsThatShareAPreamble_AreNeverServedEachOthersAnswer(int preambleLength)
    {
        // The probe's case: past the model's 256-token window only the preamble was embedded, so any two
        // questions after it scored 1.000. Now such prompts use the exact tier only.
        var preamble = Preamble(preambleLength);
        using var host = new CacheTestHost(embedder: onnx.Model);
        await host.Client.GetResponseAsync(CacheTestHost.Ask(preamble + "Question: how do I cancel my subscription?"));
        var other = await host.Client.GetResponseAsync(CacheTestHost.Ask(preamble + "Question: what is the warranty period for the blender I bought?"));
        var repeat = await host.Client.GetResponseAsync(CacheTestHost.Ask(preamble + "Question: how do I cancel my subscription?"));

        Assert.Equal(2, host.Model.Calls);
        Assert.EndsWith("the blender I bought?", other.Text, StringComparison.Ordinal);
        Assert.Equal("prompt-past-embedding-window", other.AdditionalProperties![SemanticCacheProperties.Reason]);
        Assert.Equal("exact", CacheTestHost.Outcome(repeat));
    }

    private static string Preamble(int length)
    {
        string[] sentences =
        [
            "You are the customer support assistant of Kitchenly, an online shop for kitchen appliances.",
            "Answer in a friendly, concise tone and never promise refunds that the policy does not allow.",
            "Orders ship within two business days from our warehouse; tracking numbers arrive by email.",
            "Subscriptions renew monthly and can be managed from the account page under Billing.",
            "Warranty claims need the order number and a photo of the defect.",
        ];
        var sb = new System.Text.StringBuilder();
        for (var i = 0; sb.Length < length; i++)
        {
            sb.Append(sentences[i % sentences.Length]).Append(' ');
        }

        return sb.ToString();
    }
}
