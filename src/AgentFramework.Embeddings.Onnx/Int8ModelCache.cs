using Microsoft.Extensions.Logging;

namespace AgentFramework.Embeddings.Onnx;

/// <summary>Finds or makes the int8 copy of a model.</summary>
internal static class Int8ModelCache
{
    public static string GetOrCreate(string sourceModelPath, string? directory, ILogger logger)
        => throw new NotSupportedException("int8 is not available yet.");
}
