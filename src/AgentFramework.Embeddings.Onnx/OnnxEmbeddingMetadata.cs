namespace AgentFramework.Embeddings.Onnx;

/// <summary>Keys of the entries <see cref="OnnxEmbeddingGenerator"/> adds to
/// <see cref="Microsoft.Extensions.AI.Embedding.AdditionalProperties"/>, so callers (e.g. a cache deciding whether an
/// embedding is trustworthy for a long prompt) can tell what the vector actually covers.</summary>
public static class OnnxEmbeddingMetadata
{
    /// <summary><see cref="bool"/>: <see langword="true"/> when part of the input was not embedded because it was
    /// longer than the model window (or than <see cref="OnnxEmbeddingOptions.MaxChunks"/> windows).</summary>
    public const string Truncated = "Truncated";

    /// <summary><see cref="int"/>: number of tokens (including the [CLS]/[SEP] markers of every window) that were
    /// fed to the model for this input.</summary>
    public const string TokenCount = "TokenCount";

    /// <summary><see cref="int"/>: number of model windows averaged into this vector (1 unless
    /// <see cref="LongInputHandling.ChunkAndAverage"/> split the input).</summary>
    public const string ChunkCount = "ChunkCount";
}
