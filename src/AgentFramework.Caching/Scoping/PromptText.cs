using System.Text;

namespace AgentFramework.Caching.Scoping;

/// <summary>Validation and normalization of prompt text.</summary>
internal static class PromptText
{
    /// <summary>True when <paramref name="text"/> has an unpaired surrogate (invalid UTF-16).</summary>
    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The exact tier's view of a prompt: Unicode NFKC, whitespace runs collapsed to one space, trimmed.
    /// Case and punctuation are kept because they can change meaning ("US" vs "us", "C#" vs "C").
    /// </summary>
    public static string Normalize(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
