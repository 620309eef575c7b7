using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace AgentFramework.CacheQuality;

/// <summary>
/// Real model embeddings memoized on disk (temp dir), so re-running the harness costs seconds, not minutes. Safe when
/// several harness runs share the machine: one appends at a time, and every record is checksummed.
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
        // v2: records carry a CRC-32 (files of the unchecked first format are left alone and no longer read).
        _path = Path.Combine(dir, $"{string.Concat(modelId.Select(c => char.IsLetterOrDigit(c) ? c : '_'))}-{dimensions}.v2.bin");
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
        using var file = OpenForAppend();
        for (var i = 0; i < missing.Count; i += 32)
        {
            var batch = missing.Skip(i).Take(32).ToList();
            var result = await _model.GenerateAsync(batch);
            for (var j = 0; j < batch.Count; j++)
            {
                var v = result[j].Vector.ToArray();
                _vectors[batch[j]] = v;
                if (file is not null)
                {
                    WriteRecord(file, batch[j], v);
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

    /// <summary>
    /// The cache file opened for appending with no one else allowed in, or <c>null</c> when another harness process holds
    /// it: two processes appending at once would interleave records, so the second keeps its vectors in memory only.
    /// </summary>
    private FileStream? OpenForAppend()
    {
        try
        {
            return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.None);
        }
        catch (IOException)
        {
            Console.Error.WriteLine($"  (the cache file is in use by another run: these embeddings are kept in memory only)");
            return null;
        }
    }

    /// <summary>One record: the text (length-prefixed UTF-8), the vector, and a CRC-32 of both, so a torn or mixed record is never read.</summary>
    private static void WriteRecord(FileStream file, string text, float[] vector)
    {
        var textBytes = Encoding.UTF8.GetBytes(text);
        var record = new byte[4 + textBytes.Length + (vector.Length * 4) + 4];
        BinaryPrimitives.WriteInt32LittleEndian(record, textBytes.Length);
        textBytes.CopyTo(record, 4);
        MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(record.AsSpan(4 + textBytes.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(record.Length - 4), Crc32.HashToUInt32(record.AsSpan(0, record.Length - 4)));
        file.Write(record);
        file.Flush();
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (IOException)
        {
            return; // another run is writing it: start empty, embed what is needed
        }

        var good = 0;
        var vectorBytes = Dimensions * 4;
        while (bytes.Length - good >= 4)
        {
            var textLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(good));
            var length = 4L + textLength + vectorBytes + 4;
            if (textLength < 0 || good + length > bytes.Length)
            {
                break;
            }

            var record = bytes.AsSpan(good, (int)length);
            if (Crc32.HashToUInt32(record[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(record[^4..]))
            {
                break;
            }

            _vectors[Encoding.UTF8.GetString(record.Slice(4, textLength))] = MemoryMarshal.Cast<byte, float>(record.Slice(4 + textLength, vectorBytes)).ToArray();
            good += (int)length;
        }

        if (good < bytes.Length)
        {
            // A torn or damaged tail (an interrupted run): keep what checks out, drop the rest, if no other run has the file.
            try
            {
                using var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.None);
                truncate.SetLength(good);
            }
            catch (IOException)
            {
            }
        }
    }
}
