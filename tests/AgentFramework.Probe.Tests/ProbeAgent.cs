using AgentFramework.Runtime;
using Microsoft.Extensions.AI;

namespace AgentFramework.Probe.Tests;

/// <summary>The consumer's agent: one cached step scoped by tenant, written as the README shows.</summary>
public interface IProbeAgent
{
    /// <summary>Answers <paramref name="question"/> for <paramref name="tenant"/>.</summary>
    Task<string> AnswerAsync(string tenant, string question, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class ProbeAgent(IStepChatClient chat) : IProbeAgent
{
    /// <inheritdoc />
    [AgentStep(Name = "answer")]
    [Requires(Capability.Conversation, CapabilityLevel.Basic)]
    public async Task<string> AnswerAsync([CacheScope] string tenant, string question, CancellationToken cancellationToken = default)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, question)], new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }
}

/// <summary>
/// A stand-in for a paid model (the one boundary that cannot be reached here): it answers with the tenant the
/// step runs for and the exact question it received, so a test can tell whose answer it was served.
/// </summary>
public sealed class EchoModel : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public static string AnswerFor(string tenant, string question) => tenant + "\u241E" + question;

    public static (string Tenant, string Question) Parse(string answer)
    {
        var i = answer.IndexOf('\u241E', StringComparison.Ordinal);
        return i < 0 ? ("?", answer) : (answer[..i], answer[(i + 1)..]);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var tenant = AgentFramework.Steps.StepContext.Current?.TenantScope ?? "-";
        var question = messages.Last().Text ?? string.Empty;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, AnswerFor(tenant, question)))
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = "gpt-4.1-mini",
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The probe's agent does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("echo", null, "gpt-4.1-mini") : null;

    public void Dispose()
    {
    }
}
