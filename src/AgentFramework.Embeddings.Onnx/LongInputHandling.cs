namespace AgentFramework.Embeddings.Onnx;

/// <summary>What happens to an input that has more tokens than <see cref="OnnxEmbeddingOptions.MaxTokens"/>.</summary>
public enum LongInputHandling
{
    /// <summary>Embed only the first <see cref="OnnxEmbeddingOptions.MaxTokens"/> tokens (the sentence-transformers
    /// behaviour) and report it in the embedding's metadata (<see cref="OnnxEmbeddingMetadata.Truncated"/>).</summary>
    Truncate,

    /// <summary>Split the tokens into windows of <see cref="OnnxEmbeddingOptions.MaxTokens"/>, embed each, and
    /// average the window vectors weighted by their token counts (then normalize, if enabled). Costs one model
    /// pass per window; at most <see cref="OnnxEmbeddingOptions.MaxChunks"/> windows, the rest is truncated.</summary>
    ChunkAndAverage,
}
