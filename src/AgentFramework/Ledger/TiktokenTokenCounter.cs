using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace AgentFramework.Ledger;

/// <summary>
/// Counts with OpenAI's <c>o200k_base</c> byte-pair encoding (Microsoft.ML.Tokenizers). For other
/// providers' models it is an estimate, which is why records counted this way are flagged.
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    // Chat formats spend a few tokens per message on role markers and separators.
    private const int TokensPerMessage = 3;
    private static readonly Lazy<Tokenizer> SharedTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <inheritdoc />
    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : SharedTokenizer.Value.CountTokens(text);

    /// <inheritdoc />
    public int CountTokens(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 0;
        foreach (var message in messages)
        {
            total += TokensPerMessage + CountTokens(message.Text);
        }

        return total;
    }
}
