using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Testing.Fakes;

/// <summary>
/// A fast deterministic stand-in for the ONNX model in unit tests: hashed bag of lower-cased words, L2-normalized.
/// Texts with the same words in any order embed identically, which makes similarity easy to control.
/// The word hash is XxHash32, fixed across processes: string.GetHashCode is seeded per process, so two words
/// sometimes shared a bucket and "cancel my order" scored above the threshold against "reset my password" (a red
/// CI run).
/// </summary>
public sealed class FakeEmbeddingGenerator(int dimensions = 384) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Exception? Throw { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Throw is not null)
        {
            throw Throw;
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));
    }

    public float[] Embed(string text)
    {
        var v = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '?', '.', ',', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            v[(int)(System.IO.Hashing.XxHash32.HashToUInt32(System.Runtime.InteropServices.MemoryMarshal.AsBytes(word.AsSpan())) % (uint)dimensions)] += 1;
        }

        v[0] += 0.01f;
        var norm = TensorPrimitives.Norm(v);
        TensorPrimitives.Divide(v, norm, v);
        return v;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
