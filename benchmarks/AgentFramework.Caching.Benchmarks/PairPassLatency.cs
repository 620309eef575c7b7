using System.Diagnostics;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Embeddings.Onnx;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// What one pair-model pass adds to a lookup: the shipped pair model's pass over one candidate against embedding the
/// query alone, alternating call by call (same run, same load), with p50/p95 and the load average.
/// </summary>
internal static class PairPassLatency
{
    private const string Query = "How can I change the email address on my account?";
    private const string Stored = "How do I update the email on my account?";

    public static void Run(int calls)
    {
        using var embedder = new OnnxEmbeddingGenerator();
        using var model = PairModel.LoadDefault();
        for (var i = 0; i < 50; i++)
        {
            embedder.Embed(Query);
            model.Score(Query, Stored);
        }

        var embed = new double[calls];
        var pass = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            embedder.Embed(Query);
            var middle = Stopwatch.GetTimestamp();
            model.Score(Query, Stored);
            embed[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            pass[i] = Stopwatch.GetElapsedTime(middle).TotalMilliseconds;
        }

        var (ids, _) = model.Encode(Query, Stored);
        Console.WriteLine($"// RESULT pair pass ({model.Description}; {ids.Length} tokens), {calls} alternating calls: embed query only p50 {P(embed, 0.5):0.000} ms / p95 {P(embed, 0.95):0.000} ms (precision {embedder.ModelId}); " +
            $"one pair pass p50 {P(pass, 0.5):0.000} ms / p95 {P(pass, 0.95):0.000} ms; a lookup whose hit needs one pass costs about embed + pass = {(P(embed, 0.5) + P(pass, 0.5)) / P(embed, 0.5):0.00}x embedding alone at p50; " +
            $"load average {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a")}");
    }

    private static double P(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
