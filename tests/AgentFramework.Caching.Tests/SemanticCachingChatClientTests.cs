using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching.Tests;

public sealed class SemanticCachingChatClientTests
{
    [Fact]
    public async Task StreamingMiss_IsStoredWhenComplete_AndHitReplaysAsUpdates()
    {
        using var host = new CacheTestHost();
        var first = await host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("Tell me a joke.")).ToChatResponseAsync();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("Tell me a joke.")))
        {
            updates.Add(update);
        }

        Assert.Equal(1, host.Model.Calls);
        Assert.NotEmpty(updates);
        Assert.Equal(first.Text, updates.ToChatResponse().Text);

        // A non-streaming request for the same prompt is served by the same entry.
        var nonStreaming = await host.Client.GetResponseAsync(CacheTestHost.Ask("Tell me a joke."));
        Assert.Equal("exact", CacheTestHost.Outcome(nonStreaming));
        Assert.Equal(1, host.Model.Calls);
    }

    [Fact]
    public async Task AbandonedStream_IsNotStored()
    {
        using var host = new CacheTestHost();
        await foreach (var update in host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("Tell me a joke.")))
        {
            break;
        }

        await host.Client.GetResponseAsync(CacheTestHost.Ask("Tell me a joke."));
        Assert.Equal(2, host.Model.Calls);
        Assert.Equal(1, await host.Index.CountAsync());
    }

    [Fact]
    public async Task FailedStream_IsNotStored_AndTheErrorReachesTheCaller()
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (_, _) =>
        {
            var response = new ChatResponse([new ChatMessage(ChatRole.Assistant, "part one"), new ChatMessage(ChatRole.Assistant, "part two")]) { FinishReason = ChatFinishReason.Stop };
            return response;
        };
        host.Model.Failure = new HttpRequestException("connection reset");
        host.Model.UpdatesBeforeFailure = 1; // the connection drops after the first part has been streamed
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var update in host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("Tell me a story.")))
            {
            }
        });

        Assert.Equal(0, await host.Index.CountAsync());
    }

    [Fact]
    public async Task ExactOnlyPolicy_DoesNotServeParaphrases()
    {
        using var host = new CacheTestHost();
        var client = new SemanticCachingChatClient(host.Model, host.Cache, new StepCachePolicy(true, false, null, null, true));
        await client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        await client.GetResponseAsync(CacheTestHost.Ask("Please, how do I reset my password"));
        await client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal(0, await host.Index.CountAsync());
    }

    [Fact]
    public async Task StepThreshold_Overrides_TheDefault()
    {
        using var host = new CacheTestHost();
        var strict = new SemanticCachingChatClient(host.Model, host.Cache, new StepCachePolicy(true, true, 0.9999, null, true));
        await strict.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        await strict.GetResponseAsync(CacheTestHost.Ask("Please, how do I reset my password"));

        Assert.Equal(2, host.Model.Calls);
    }

    [Fact]
    public async Task UseSemanticCache_FrontsThePipeline()
    {
        using var host = new CacheTestHost();
        var client = new ChatClientBuilder(host.Model).UseSemanticCache(host.Cache).Build();
        await client.GetResponseAsync(CacheTestHost.Ask("Ping"));
        var second = await client.GetResponseAsync(CacheTestHost.Ask("Ping"));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("exact", CacheTestHost.Outcome(second));
        Assert.NotNull(client.GetService<SemanticCachingChatClient>());
    }
}
