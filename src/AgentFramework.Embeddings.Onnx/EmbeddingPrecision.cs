namespace AgentFramework.Embeddings.Onnx;

/// <summary>Numeric precision the model runs at.</summary>
public enum EmbeddingPrecision
{
    /// <summary>The model as shipped (32-bit floats): the reference vectors, bit for bit what the model computes.</summary>
    Float32,

    /// <summary>A dynamically quantized copy (matrix multiplications with 8-bit integer weights, 8-bit embedding
    /// table) made from the float model on first use and cached on disk: much faster and smaller, with vectors
    /// very close to (not identical with) the float ones. See the benchmarks README for measured figures.</summary>
    Int8,
}
