using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentFramework.Testing.Fakes;

/// <summary>
/// A fake for a paid chat endpoint — a boundary no test can reach: these machines and CI have no paid model endpoint
/// (and no key for one). Every test project that needs an "upstream" model uses this one class, so they all see the
/// same endpoint behaviour: it answers from a script, reports usage and its model id the way a provider does, counts
/// calls and keeps every request so a test can assert what reached the model, and can be held open or made to fail.
/// </summary>
/// <remarks>
/// Unless a script says otherwise an answer is <c>[model-id] text of the last message</c>, finished with
/// <see cref="ChatFinishReason.Stop"/>, carrying <see cref="ModelId"/> and <see cref="Usage"/>. A stream is the same
/// answer cut into updates (<see cref="ChatResponse.ToChatResponseUpdates"/>), so streamed and non-streamed calls agree.
/// </remarks>
public sealed class FakeChatClient : IChatClient
{
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a fake endpoint serving <paramref name="modelId"/>.</summary>
    /// <param name="modelId">The model this endpoint serves: named in its metadata and on every response.</param>
    /// <param name="respond">The script: the answer to a request; <see langword="null"/> for the default answer.</param>
    public FakeChatClient(string modelId, Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>? respond = null)
    {
        ModelId = modelId;
        Respond = respond ?? DefaultAnswer;
    }

    /// <summary>The model this endpoint serves.</summary>
    public string ModelId { get; }

    /// <summary>The script that answers each request (settable, so a test can change the answer between calls).</summary>
    /// <value>By default <c>[model-id] text of the last message</c>, finish reason Stop.</value>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Respond { get; set; }

    /// <summary>
    /// The usage reported with every response whose script set none; <see langword="null"/> for an endpoint that
    /// reports no usage (so a test can exercise token counting). Its counts are copied into each response.
    /// </summary>
    /// <value>1,000 input and 500 output tokens.</value>
    public UsageDetails? Usage { get; set; } = new() { InputTokenCount = 1000, OutputTokenCount = 500 };

    /// <summary>Awaited before answering, to hold a call open (e.g. while other callers pile up behind a miss).</summary>
    /// <value>A completed task: calls are answered at once.</value>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>
    /// When set, calls fail with it after <see cref="Gate"/>: a non-streaming call throws instead of answering, a stream
    /// throws after <see cref="UpdatesBeforeFailure"/> updates. The call is still counted and its request kept.
    /// </summary>
    public Exception? Failure { get; set; }

    /// <summary>How many updates a failing stream yields before it throws <see cref="Failure"/>.</summary>
    /// <value>0: the stream fails before its first update, as a refused connection does; more is a connection lost
    /// mid-answer (a stream shorter than this fails after its last update).</value>
    public int UpdatesBeforeFailure { get; set; }

    /// <summary>How many calls reached this endpoint, streaming or not, answered or failed.</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Every request that reached this endpoint, in order: its messages and options.</summary>
    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A fake endpoint that answers <paramref name="text"/> to every request.</summary>
    /// <param name="modelId">The model the endpoint serves.</param>
    /// <param name="text">The answer.</param>
    /// <returns>The fake endpoint.</returns>
    public static FakeChatClient Answering(string modelId, string text) =>
        new(modelId, (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    /// <summary>
    /// A script for an orchestrating model: while the request offers tools, it calls each of <paramref name="tools"/> in
    /// turn (one per round trip, passing the last user message as the <c>ticket</c> argument), then answers
    /// <c>done: </c> followed by the tools' results joined by <c> | </c>.
    /// </summary>
    /// <param name="tools">The names of the tools to call, in order.</param>
    /// <returns>The script, for the constructor or <see cref="Respond"/>.</returns>
    public static Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Orchestrating(params string[] tools) => (messages, options) =>
    {
        var ticket = messages.Last(m => m.Role == ChatRole.User).Text;
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        if (options?.Tools is { Count: > 0 } && results.Count < tools.Length)
        {
            var call = new FunctionCallContent($"call-{results.Count}", tools[results.Count], new Dictionary<string, object?> { ["ticket"] = ticket });
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])) { FinishReason = ChatFinishReason.ToolCalls };
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done: " + string.Join(" | ", results.Select(r => r.Result?.ToString()))))
        {
            FinishReason = ChatFinishReason.Stop,
        };
    };

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = Record(messages, options);
        await Gate.WaitAsync(cancellationToken);
        if (Failure is { } failure)
        {
            throw failure;
        }

        return Answer(list, options);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = Record(messages, options);
        await Gate.WaitAsync(cancellationToken);
        var failure = Failure;
        var updates = failure is null || UpdatesBeforeFailure > 0 ? Answer(list, options).ToChatResponseUpdates() : [];
        var count = failure is null ? updates.Length : Math.Min(UpdatesBeforeFailure, updates.Length);
        for (var i = 0; i < count; i++)
        {
            // A real stream arrives piecewise: let the consumer run between updates.
            await Task.Yield();
            yield return updates[i];
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        // Semantic Kernel's bridge (AsChatCompletionService) asks for the metadata to learn the model id.
        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("fake", new Uri("http://fake.invalid/"), ModelId);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages.ToList();
        lock (_gate)
        {
            _requests.Add((list, options));
        }

        return list;
    }

    private ChatResponse Answer(List<ChatMessage> messages, ChatOptions? options)
    {
        var response = Respond(messages, options);

        // A provider names the model that produced each response (OpenAI's "model" field, which Microsoft.Extensions.AI
        // maps to ChatResponse.ModelId), and the cache prices a stored answer by that id. So the fake names its model
        // too, unless the script chose one; middleware that fills the id itself (the router) must not depend on it.
        response.ModelId ??= ModelId;
        if (response.Usage is null && Usage is { } usage)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = usage.InputTokenCount,
                OutputTokenCount = usage.OutputTokenCount,
                TotalTokenCount = usage.TotalTokenCount,
            };
        }

        return response;
    }

    private ChatResponse DefaultAnswer(IReadOnlyList<ChatMessage> messages, ChatOptions? options) =>
        new(new ChatMessage(ChatRole.Assistant, $"[{ModelId}] {messages.LastOrDefault()?.Text}")) { FinishReason = ChatFinishReason.Stop };
}
