namespace AgentFramework.Embeddings.Onnx;

/// <summary>How the per-token vectors a BERT-style model produces are reduced to one sentence vector.</summary>
/// <remarks>Use the pooling the model was trained with: sentence-transformers models such as all-MiniLM-L6-v2
/// were trained with <see cref="Mean"/>, and other poolings give noticeably worse similarities for them.</remarks>
public enum EmbeddingPooling
{
    /// <summary>Average of the token vectors, counting only real tokens (attention mask = 1), not padding.</summary>
    Mean,

    /// <summary>The vector of the first token ([CLS]); for models trained that way (e.g. some BGE models).</summary>
    Cls,

    /// <summary>Element-wise maximum over the real tokens.</summary>
    Max,
}
