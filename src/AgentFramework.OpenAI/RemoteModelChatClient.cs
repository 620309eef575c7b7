using Microsoft.Extensions.AI;

namespace AgentFramework.OpenAI;

/// <summary>
/// Translates the catalog's model id into the name the server knows (Azure deployment, Ollama tag) when a
/// caller — typically the router — puts the catalog id into <see cref="ChatOptions.ModelId"/>; without it
/// the OpenAI client would send the catalog id over the wire and the server would reject it.
/// </summary>
internal sealed class RemoteModelChatClient(IChatClient inner, string modelId, string remoteModel) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Translate(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Translate(options), cancellationToken);

    private ChatOptions? Translate(ChatOptions? options)
    {
        if (options?.ModelId is not { } requested || string.Equals(requested, remoteModel, StringComparison.Ordinal)
            || !string.Equals(requested, modelId, StringComparison.OrdinalIgnoreCase))
        {
            return options;
        }

        var copy = options.Clone();
        copy.ModelId = remoteModel;
        return copy;
    }
}
