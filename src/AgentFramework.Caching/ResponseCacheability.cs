using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>The default rule for which upstream answers may be stored.</summary>
public static partial class ResponseCacheability
{
    /// <summary>
    /// True when <paramref name="response"/> is a complete, successful, non-refusing text answer:
    /// finish reason stop (or unreported), no error or tool-call content, non-empty text, and no
    /// refusal phrasing at its start.
    /// </summary>
    /// <remarks>Serving a stored refusal or a truncated answer to later users would repeat one bad moment forever.</remarks>
    public static bool IsCacheable(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.FinishReason is { } reason && reason != ChatFinishReason.Stop)
        {
            return false;
        }

        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is ErrorContent or FunctionCallContent or FunctionResultContent)
                {
                    return false;
                }
            }
        }

        var text = response.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return !RefusalPattern().IsMatch(text.AsSpan(0, Math.Min(text.Length, 200)));
    }

    [GeneratedRegex(@"^\s*(I['’]m sorry,? (but )?I (can['’]?t|cannot|won['’]t|am unable)|I (can['’]?t|cannot|won['’]t) (help|assist|comply|provide)|I am (not able|unable) to (help|assist|comply)|As an AI( language model)?,? I (can['’]?t|cannot))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefusalPattern();
}
