using System.Collections.Frozen;
using System.Text;

namespace AgentFramework.Caching.Verification;

/// <summary>
/// A prompt broken into lower-cased word tokens, light stems and the slots (numbers, identifiers,
/// capitalized names) the verifiers compare.
/// </summary>
internal sealed class TextFeatures
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
        "have", "has", "had", "i", "me", "my", "we", "our", "us", "you", "your", "he", "him", "his", "she", "her",
        "it", "its", "they", "them", "their", "this", "that", "these", "those", "what", "which", "who", "whom",
        "whose", "when", "where", "why", "how", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
        "as", "into", "than", "then", "and", "or", "but", "if", "so", "can", "could", "should", "would", "will",
        "shall", "may", "might", "must", "there", "here", "some", "any", "all", "most", "more", "very", "just",
        "also", "too", "please", "tell", "explain", "give", "get", "know", "way", "ways", "best", "good", "really",
        "one", "ones", "thing", "things", "s", "t", "d", "ll", "re", "ve", "m", "like", "much", "many", "out", "up",
        "anyone", "someone", "people", "person", "possible", "does", "whats", "hows", "kind", "type", "types", "use",
        "used", "using", "make", "mean", "means", "difference", "between", "vs", "versus", "via", "per", "each",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "without", "unable", "nowhere",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont", "wouldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "mustnt", "neednt", "aint",
    ], StringComparer.Ordinal);

    private TextFeatures(string text)
    {
        Text = text;
        var tokens = new List<string>();
        var original = new List<string>();
        Tokenize(text, tokens, original);
        Tokens = tokens;
        OriginalTokens = original;
        var stems = new List<string>(tokens.Count);
        var content = new List<string>();
        var slots = new List<string>();
        var names = new List<string>();
        var negation = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var stem = Stem(token);
            stems.Add(stem);
            if (Negations.Contains(token))
            {
                negation++;
                continue;
            }

            if (IsSlot(original[i]))
            {
                slots.Add(token);
            }
            else if (i > 0 && original[i].Length > 1 && char.IsUpper(original[i][0]) && !StopWords.Contains(token))
            {
                names.Add(stem);
            }

            if (!StopWords.Contains(token))
            {
                content.Add(stem);
            }
        }

        Stems = stems;
        ContentStems = content;
        Slots = slots;
        Names = names;
        NegationCount = negation;
    }

    public string Text { get; }

    /// <summary>Lower-cased tokens; apostrophes removed ("don't" → "dont").</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Tokens with their original case.</summary>
    public IReadOnlyList<string> OriginalTokens { get; }

    public IReadOnlyList<string> Stems { get; }

    /// <summary>Stems of the tokens that are neither stop words nor negations, in order.</summary>
    public IReadOnlyList<string> ContentStems { get; }

    /// <summary>Tokens carrying a digit or shaped like an identifier (camelCase, snake_case, dotted, #-prefixed).</summary>
    public IReadOnlyList<string> Slots { get; }

    /// <summary>Stems of capitalized words not at the start of the prompt (likely names).</summary>
    public IReadOnlyList<string> Names { get; }

    public int NegationCount { get; }

    public static TextFeatures Of(string text) => new(text);

    /// <summary>True for function words that carry no slot ("the", "how", "to", …).</summary>
    public static bool IsStopWord(string token) => StopWords.Contains(token);

    /// <summary>A light suffix-stripping stem, so "enabled"/"enables"/"enable" compare equal.</summary>
    public static string Stem(string token)
    {
        if (token.Length <= 3 || !char.IsLetter(token[^1]))
        {
            return token;
        }

        ReadOnlySpan<string> suffixes = ["ing", "ies", "ied", "ed", "es", "ly", "s", "e"];
        foreach (var suffix in suffixes)
        {
            if (token.EndsWith(suffix, StringComparison.Ordinal) && token.Length - suffix.Length >= 3)
            {
                var stem = token[..^suffix.Length];
                return suffix is "ies" or "ied" ? stem + "y" : stem;
            }
        }

        return token;
    }

    private static bool IsSlot(string original)
    {
        var hasDigit = false;
        var innerUpper = false;
        var hasMark = false;
        for (var i = 0; i < original.Length; i++)
        {
            var c = original[i];
            hasDigit |= char.IsDigit(c);
            innerUpper |= i > 0 && char.IsUpper(c) && char.IsLower(original[i - 1]);
            hasMark |= c is '_' or '.' or '#' or '/' or '@' or ':' or '+';
        }

        return hasDigit || innerUpper || (hasMark && original.Length > 1);
    }

    private static void Tokenize(string text, List<string> tokens, List<string> original)
    {
        var sb = new StringBuilder();
        void Flush()
        {
            // Trim trailing marks that end a sentence rather than belong to an identifier ("file.txt." → "file.txt").
            while (sb.Length > 0 && sb[^1] is '.' or ':' or '/' or '@' or '#')
            {
                sb.Length--;
            }

            if (sb.Length > 0)
            {
                var word = sb.ToString();
                original.Add(word);
                tokens.Add(word.ToLowerInvariant());
                sb.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                sb.Append(c);
            }
            else if (c is '\'' or '’' && sb.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                // "don't" → "dont", "user's" → "users": keeps negations and possessives one token.
                continue;
            }
            else if (c is '.' or '#' or '+' or '/' or '@' or ':' or '-' && sb.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                sb.Append(c == '-' && !char.IsDigit(text[i + 1]) ? '\0' : c);
                if (sb[^1] == '\0')
                {
                    // Hyphenated words split ("follow-up" → "follow", "up"); hyphenated numbers stay one slot ("A-12").
                    sb.Length--;
                    Flush();
                }
            }
            else if (c is '+' or '#' && sb.Length > 0)
            {
                // "C++", "C#": the mark is part of the name.
                sb.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }
}
