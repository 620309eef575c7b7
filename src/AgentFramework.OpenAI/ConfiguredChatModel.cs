using Microsoft.Extensions.AI;

namespace AgentFramework.OpenAI;

/// <summary>A model made ready from configuration: its id, the client that calls it, and where it goes.</summary>
/// <param name="ModelId">The id the router and catalog know the model by.</param>
/// <param name="Client">The chat client (reports token usage on responses and on the last streaming update).</param>
/// <param name="Provider">The protocol flavour.</param>
/// <param name="Endpoint">The base URL requests go to.</param>
/// <param name="RemoteModel">The model name sent on the wire (the Azure deployment, the Ollama tag, …).</param>
public sealed record ConfiguredChatModel(string ModelId, IChatClient Client, OpenAIProviderKind Provider, Uri Endpoint, string RemoteModel);
