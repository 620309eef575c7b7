using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using AgentFramework.Embeddings.Onnx;

namespace AgentFramework.Embeddings.Benchmarks;

/// <summary>How closely int8 follows fp32: cosine between the two vectors of each question, and the F1 of a plain
/// cosine-threshold duplicate detector on QQP (question pairs labelled duplicate / not duplicate) with each.</summary>
internal static class Agreement
{
    public const float Threshold = 0.90f;

    public sealed record Result(int Pairs, int Sentences, double MeanCosine, double MinCosine, double P01Cosine, double F1Fp32, double F1Int8, TimeSpan Elapsed);

    public static string? FindQqp()
    {
        var root = Environment.GetEnvironmentVariable("AGENTFRAMEWORK_SHARED_DATA");
        if (string.IsNullOrEmpty(root))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
                {
                    root = Path.Combine(dir.FullName, "..", "shared", "data");
                    break;
                }
            }
        }

        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "cache-eval", "qqp-dev.csv"));
        return path is not null && File.Exists(path) ? path : null;
    }

    public static Result Measure(string qqpPath, int maxPairs, OnnxEmbeddingGenerator fp32, OnnxEmbeddingGenerator int8)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pairs = ReadPairs(qqpPath).Take(maxPairs).ToList();
        var sentences = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct(StringComparer.Ordinal).ToArray();
        var a = EmbedAll(fp32, sentences);
        var b = EmbedAll(int8, sentences);

        var cosines = new double[sentences.Length];
        for (var i = 0; i < sentences.Length; i++)
        {
            cosines[i] = TensorPrimitives.CosineSimilarity(a[sentences[i]], b[sentences[i]]);
        }

        Array.Sort(cosines);
        return new Result(
            pairs.Count,
            sentences.Length,
            cosines.Average(),
            cosines[0],
            cosines[cosines.Length / 100],
            F1(pairs, a),
            F1(pairs, b),
            started.Elapsed);
    }

    private static double F1(List<(string A, string B, bool Duplicate)> pairs, Dictionary<string, float[]> vectors)
    {
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        foreach (var (a, b, duplicate) in pairs)
        {
            var predicted = TensorPrimitives.Dot(vectors[a], vectors[b]) >= Threshold;
            if (predicted && duplicate)
            {
                truePositive++;
            }
            else if (predicted)
            {
                falsePositive++;
            }
            else if (duplicate)
            {
                falseNegative++;
            }
        }

        return truePositive == 0 ? 0 : 2.0 * truePositive / ((2.0 * truePositive) + falsePositive + falseNegative);
    }

    private static Dictionary<string, float[]> EmbedAll(OnnxEmbeddingGenerator generator, string[] sentences)
    {
        var result = new Dictionary<string, float[]>(sentences.Length, StringComparer.Ordinal);
        foreach (var chunk in sentences.Chunk(256))
        {
            var embeddings = generator.GenerateAsync(chunk).GetAwaiter().GetResult();
            for (var i = 0; i < chunk.Length; i++)
            {
                result[chunk[i]] = embeddings[i].Vector.ToArray();
            }
        }

        return result;
    }

    /// <summary>question1,question2,is_duplicate with RFC 4180 quoting; pairs with an empty question are skipped
    /// (the generator rejects empty text by design).</summary>
    private static IEnumerable<(string A, string B, bool Duplicate)> ReadPairs(string path)
    {
        using var reader = new StreamReader(path);
        var header = ReadRecord(reader);
        if (header is null || header.Count < 3)
        {
            yield break;
        }

        while (ReadRecord(reader) is { } record)
        {
            if (record.Count >= 3 && !string.IsNullOrWhiteSpace(record[0]) && !string.IsNullOrWhiteSpace(record[1]))
            {
                yield return (record[0], record[1], record[2].Trim() == "1");
            }
        }
    }

    private static List<string>? ReadRecord(StreamReader reader)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                return fields;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                return fields;
            }
            else
            {
                field.Append((char)c);
            }
        }
    }

    public static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
