namespace AgentFramework.VectorIndex.Storage;

/// <summary>A vector as the graph scores it: floats for an exact segment, int8 codes and their scale for a quantized one.</summary>
/// <remarks>A search query also carries its codes split for <see cref="Int8Codec.Dot(ReadOnlySpan{byte}, ReadOnlySpan{sbyte}, ReadOnlySpan{sbyte})"/>; a row used as a query during inserts does not.</remarks>
internal readonly ref struct GraphQuery(ReadOnlySpan<float> floats, ReadOnlySpan<sbyte> codes, float scale, ReadOnlySpan<byte> magnitudes = default, ReadOnlySpan<sbyte> negative = default)
{
    public ReadOnlySpan<float> Floats { get; } = floats;

    public ReadOnlySpan<sbyte> Codes { get; } = codes;

    public float Scale { get; } = scale;

    /// <summary>|code| per component, or empty.</summary>
    public ReadOnlySpan<byte> Magnitudes { get; } = magnitudes;

    /// <summary>-1 where the code is negative, else 0; empty when <see cref="Magnitudes"/> is.</summary>
    public ReadOnlySpan<sbyte> Negative { get; } = negative;
}
