using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;

namespace AgentFramework.CacheQuality;

/// <summary>
/// Real model embeddings memoized on disk (temp dir), so re-running the harness costs seconds, not minutes.
/// Also an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> so the production cache can run over it.
/// </summary>
internal sealed class EmbeddingStore : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _model;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly string _path;

    public EmbeddingStore(IEmbeddingGenerator<string, Embedding<float>> model, string modelId, int dimensions)
    {
        _model = model;
        Dimensions = dimensions;
        var dir = Path.Combine(Path.GetTempPath(), "agentframework-cachequality");
        Directory.CreateDirectory(dir);
        _path = Path.Combine(dir, $"{string.Concat(modelId.Select(c => char.IsLetterOrDigit(c) ? c : '_'))}-{dimensions}.bin");
        Load();
    }

    public int Dimensions { get; }

    public string CachePath => _path;

    public float[] this[string text] => _vectors[text];

    public async Task EnsureAsync(IEnumerable<string> texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        Console.Error.WriteLine($"Embedding {missing.Count} new texts with the ONNX model (cached in {_path}) …");
        var sw = Stopwatch.StartNew();
        using var file = new BinaryWriter(new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8);
        for (var i = 0; i < missing.Count; i += 32)
        {
            var batch = missing.Skip(i).Take(32).ToList();
            var result = await _model.GenerateAsync(batch);
            for (var j = 0; j < batch.Count; j++)
            {
                var v = result[j].Vector.ToArray();
                _vectors[batch[j]] = v;
                file.Write(batch[j]);
                foreach (var f in v)
                {
                    file.Write(f);
                }
            }

            if ((i / 32) % 100 == 0)
            {
                Console.Error.WriteLine($"  {i + batch.Count}/{missing.Count} ({sw.Elapsed.TotalSeconds:0}s)");
            }
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        await EnsureAsync(list);
        return new GeneratedEmbeddings<Embedding<float>>(list.Select(t => new Embedding<float>(_vectors[t])));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _model.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        long good = 0;
        using (var reader = new BinaryReader(new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8))
        {
            try
            {
                while (reader.BaseStream.Position < reader.BaseStream.Length)
                {
                var text = reader.ReadString();
                var v = new float[Dimensions];
                for (var i = 0; i < v.Length; i++)
                {
                    v[i] = reader.ReadSingle();
                }

                _vectors[text] = v;
                good = reader.BaseStream.Position;
                }
            }
            catch (EndOfStreamException)
            {
                // A torn tail from an interrupted run: keep what was complete.
            }
        }

        if (good < new FileInfo(_path).Length)
        {
            using var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            truncate.SetLength(good);
        }
    }
}
