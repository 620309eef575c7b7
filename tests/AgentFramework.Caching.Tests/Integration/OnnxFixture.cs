using AgentFramework.Embeddings.Onnx;

namespace AgentFramework.Caching.Tests.Integration;

/// <summary>Loads the real all-MiniLM-L6-v2 model once for the integration tests.</summary>
public sealed class OnnxFixture : IDisposable
{
    public OnnxEmbeddingGenerator Model { get; } = new();

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OnnxCollection : ICollectionFixture<OnnxFixture>
{
    public const string Name = "onnx";
}
