using AgentFramework.Catalog;
using AgentFramework.Ledger;
using Microsoft.Extensions.AI;
using SupportDesk.Agent;
using SupportDesk.Offline;

namespace AgentFramework.Examples.Tests.SupportDesk.Offline;

public sealed class OfflineStandInChatClientTests
{
    private static readonly ModelCard Nano = ModelCatalog.LoadEmbedded().Get("gpt-4.1-nano");

    private static List<ChatMessage> Extract(string ticket) =>
        [new(ChatRole.System, SupportPrompts.Extract), new(ChatRole.User, ticket)];

    [Fact]
    public async Task ReportsUsageCountedWithRealTokenizer()
    {
        var tokens = new TiktokenTokenCounter();
        using var client = new OfflineStandInChatClient(Nano, tokens, new StandInLatency(0));
        var messages = Extract("My card shows two payments of $19.99 for order SO-12345. Please fix this.");
        var response = await client.GetResponseAsync(messages);
        Assert.Equal(tokens.CountTokens(messages), response.Usage!.InputTokenCount);
        Assert.Equal(tokens.CountTokens(response.Text), response.Usage.OutputTokenCount);
        Assert.Equal("gpt-4.1-nano", response.ModelId);
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task Answers_AreDerivedFromPromptAndDeterministic()
    {
        using var client = new OfflineStandInChatClient(Nano, new TiktokenTokenCounter(), new StandInLatency(0));
        var a = await client.GetResponseAsync(Extract("Please start a return for order SO-11111; the Pulse smartwatch isn't right for me."));
        var b = await client.GetResponseAsync(Extract("Please start a return for order SO-22222; the Pulse smartwatch isn't right for me."));
        var again = await client.GetResponseAsync(Extract("Please start a return for order SO-11111; the Pulse smartwatch isn't right for me."));
        Assert.Equal(new OrderDetails("SO-11111", "Pulse smartwatch", null, null), SupportAgent.ParseDetails(a.Text));
        Assert.Equal("SO-22222", SupportAgent.ParseDetails(b.Text).OrderId);
        Assert.Equal(a.Text, again.Text);
    }

    [Fact]
    public async Task SimulatedLatency_GrowsWithOutputAndIsScaled()
    {
        var opus = ModelCatalog.LoadEmbedded().Get("claude-opus-4-1");
        Assert.True(StandInLatency.Simulated(opus, 300) > StandInLatency.Simulated(opus, 10));
        Assert.True(StandInLatency.Simulated(opus, 300) > StandInLatency.Simulated(Nano, 300), "frontier models stream slower");
        Assert.Equal(TimeSpan.Zero, new StandInLatency(0).Delay(opus, 300));
        Assert.Equal(StandInLatency.Simulated(opus, 300) * 0.01, new StandInLatency(0.01).Delay(opus, 300));

        using var client = new OfflineStandInChatClient(Nano, new TiktokenTokenCounter(), new StandInLatency(0));
        await client.GetResponseAsync(Extract("Where is my package? Order SO-12345 was supposed to be delivered to Spain last week."));
        Assert.True(client.SimulatedTime >= StandInLatency.TimeToFirstToken);
    }

    [Fact]
    public void DescribesItselfAsOfflineStandIn()
    {
        using var client = new OfflineStandInChatClient(Nano, new TiktokenTokenCounter(), new StandInLatency(0));
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("offline-stand-in", metadata!.ProviderName);
        Assert.Equal("gpt-4.1-nano", metadata.DefaultModelId);
    }

    [Fact]
    public async Task UnknownPrompts_GetLabelledGenericAnswer()
    {
        using var client = new OfflineStandInChatClient(Nano, new TiktokenTokenCounter(), new StandInLatency(0));
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What is the capital of France?")]);
        Assert.StartsWith("[offline stand-in]", response.Text, StringComparison.Ordinal);
    }
}
