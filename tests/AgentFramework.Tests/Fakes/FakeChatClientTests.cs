using AgentFramework.Testing.Fakes;
using Microsoft.Extensions.AI;

namespace AgentFramework.Tests.Fakes;

/// <summary>
/// The shared fake endpoint (tests/AgentFramework.Testing) behaves as the test projects rely on: what it reports with an
/// answer, how it fails, and the orchestration script.
/// </summary>
public class FakeChatClientTests
{
    [Fact]
    public async Task DefaultAnswer_NamesModelAndReportsUsage_StreamedAndNot()
    {
        using var client = new FakeChatClient("tiny");

        var response = await client.GetResponseAsync("hello");
        var streamed = (await client.GetStreamingResponseAsync("hello").ToListAsync()).ToChatResponse();

        foreach (var answer in new[] { response, streamed })
        {
            Assert.Equal("[tiny] hello", answer.Text);
            Assert.Equal(("tiny", ChatFinishReason.Stop), (answer.ModelId, answer.FinishReason));
            Assert.Equal((1000L, 500L), (answer.Usage!.InputTokenCount, answer.Usage.OutputTokenCount));
        }

        Assert.Equal(2, client.Calls);
    }

    [Fact]
    public async Task ScriptedAnswer_KeepsItsOwnModelAndUsage_AndWithoutUsageReportsNone()
    {
        using var client = new FakeChatClient("tiny", (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "x"))
        {
            ModelId = "tiny-2025",
            Usage = new UsageDetails { InputTokenCount = 7 },
        });
        var own = await client.GetResponseAsync("hello");

        client.Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "y"));
        client.Usage = null;
        var none = await client.GetResponseAsync("hello");

        Assert.Equal(("tiny-2025", 7L), (own.ModelId, own.Usage!.InputTokenCount));
        Assert.Equal("tiny", none.ModelId);
        Assert.Null(none.Usage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task FailingStream_YieldsTheGivenUpdatesThenThrows(int updatesBeforeFailure)
    {
        using var client = new FakeChatClient("tiny", (_, _) => new ChatResponse([new ChatMessage(ChatRole.Assistant, "one"), new ChatMessage(ChatRole.Assistant, "two")]))
        {
            Failure = new HttpRequestException("reset"),
            UpdatesBeforeFailure = updatesBeforeFailure,
        };
        var seen = new List<string>();

        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                seen.Add(update.Text);
            }
        });

        Assert.Equal(new[] { "one" }.Take(updatesBeforeFailure), seen);
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task Orchestrating_CallsEachToolInTurnWithTicket_ThenAnswersWithResults()
    {
        using var client = new FakeChatClient("mini", FakeChatClient.Orchestrating("Classify", "Refund"));
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "unused", "Classify"), AIFunctionFactory.Create(() => "unused", "Refund")] };
        List<ChatMessage> history = [new(ChatRole.User, "charged twice")];
        var calls = new List<FunctionCallContent>();

        for (var turn = 0; turn < 2; turn++)
        {
            var response = await client.GetResponseAsync(history, options);
            var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            calls.Add(call);
            history.AddRange(response.Messages);
            history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, call.Name + "-result")]));
        }

        var final = await client.GetResponseAsync(history, options);
        var withoutTools = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "charged twice")]);

        Assert.Equal(["Classify", "Refund"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Equal("charged twice", c.Arguments!["ticket"]));
        Assert.Equal(("done: Classify-result | Refund-result", ChatFinishReason.Stop), (final.Text, final.FinishReason));
        Assert.Equal("done: ", withoutTools.Text);
    }
}
