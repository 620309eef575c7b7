using Microsoft.Extensions.AI;

namespace AgentFramework.Ledger;

/// <summary>Counts tokens when a provider reports no usage, so the ledger still prices the call.</summary>
public interface ITokenCounter
{
    /// <summary>Tokens in <paramref name="text"/>.</summary>
    int CountTokens(string text);

    /// <summary>Tokens a chat request sends, including per-message framing.</summary>
    int CountTokens(IEnumerable<ChatMessage> messages);
}
