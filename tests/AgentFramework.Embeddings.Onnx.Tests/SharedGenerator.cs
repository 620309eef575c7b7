
namespace AgentFramework.Embeddings.Onnx.Tests;

/// <summary>One default (fp32) generator shared by the tests of a class: loading the model takes ~0.3 s.</summary>
public sealed class SharedGenerator : IDisposable
{
    public OnnxEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
