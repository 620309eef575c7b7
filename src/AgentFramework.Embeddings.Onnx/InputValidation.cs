namespace AgentFramework.Embeddings.Onnx;

/// <summary>Rejects inputs that cannot give a meaningful vector, before any model work.</summary>
internal static class InputValidation
{
    public static void Validate(ReadOnlySpan<char> text, string parameterName, int index = -1)
    {
        var subject = index < 0 ? "The text to embed" : $"Input {index}";
        if (text.IsEmpty)
        {
            throw new ArgumentException($"{subject} is empty; there is nothing to embed.", parameterName);
        }

        if (text.IsWhiteSpace())
        {
            throw new ArgumentException($"{subject} contains only whitespace; there is nothing to embed.", parameterName);
        }

        // Unpaired surrogates are not text: they cannot be normalized or tokenized faithfully.
        var position = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (position >= 0)
        {
            if (char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]))
            {
                position += 2;
            }
            else
            {
                throw new ArgumentException($"{subject} contains an unpaired UTF-16 surrogate at position {position}; it is not valid text.", parameterName);
            }

            var next = text[position..].IndexOfAnyInRange('\uD800', '\uDFFF');
            position = next < 0 ? -1 : position + next;
        }
    }
}
