using System.Diagnostics;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Embeddings.Onnx;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// What one pair-model pass adds to a lookup: the shipped pair model's pass over one candidate (float MatMuls, the
/// default, and int8 MatMuls, the option) against embedding the query alone, alternating call by call (same run, same
/// load), with p50/p95 and the load average.
/// </summary>
internal static class PairPassLatency
{
    private const string Query = "How can I change the email address on my account?";
    private const string Stored = "How do I update the email on my account?";

    public static void Run(int calls)
    {
        using var embedder = new OnnxEmbeddingGenerator();
        using var model = PairModel.LoadDefault();
        using var int8 = PairModel.LoadDefault(int8MatMuls: true);
        for (var i = 0; i < 50; i++)
        {
            embedder.Embed(Query);
            model.Score(Query, Stored);
            int8.Score(Query, Stored);
        }

        // Embed, the default pass and the int8-MatMul pass, call by call: all three share the load of the moment.
        var embed = new double[calls];
        var pass = new double[calls];
        var int8Pass = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            embedder.Embed(Query);
            var middle = Stopwatch.GetTimestamp();
            model.Score(Query, Stored);
            var end = Stopwatch.GetTimestamp();
            int8.Score(Query, Stored);
            embed[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            pass[i] = Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds;
            int8Pass[i] = Stopwatch.GetElapsedTime(end).TotalMilliseconds;
        }

        var (ids, _) = model.Encode(Query, Stored);
        var load = MachineLoad.Averages();
        Console.WriteLine($"// RESULT {calls} alternating calls ({ids.Length} tokens for the pair): embed query only p50 {P(embed, 0.5):0.000} ms / p95 {P(embed, 0.95):0.000} ms (precision {embedder.ModelId}); load average {load}");
        foreach (var (name, times) in new[] { (model.Description, pass), (int8.Description, int8Pass) })
        {
            Console.WriteLine($"// RESULT pair pass ({name}): p50 {P(times, 0.5):0.000} ms / p95 {P(times, 0.95):0.000} ms; " +
                $"a lookup whose hit needs one pass costs about embed + pass = {(P(embed, 0.5) + P(times, 0.5)) / P(embed, 0.5):0.00}x embedding alone at p50, " +
                $"{(P(embed, 0.95) + P(times, 0.95)) / P(embed, 0.95):0.00}x at p95");
        }

        Console.WriteLine($"// RESULT int8 / float pass: {P(int8Pass, 0.5) / P(pass, 0.5):0.00}x at p50, {P(int8Pass, 0.95) / P(pass, 0.95):0.00}x at p95");
    }

    /// <summary>
    /// The resident memory each pair model adds (<c>-- --pair-memory</c>): the process's working set after the embedder,
    /// then after loading and running the float model, then the int8 one (50 passes each, so ONNX Runtime's arenas hold
    /// what a pass needs).
    /// </summary>
    public static void Memory()
    {
        static long Rss()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Environment.WorkingSet / (1024 * 1024);
        }

        using var embedder = new OnnxEmbeddingGenerator();
        embedder.Embed(Query);
        var start = Rss();
        using var model = PairModel.LoadDefault();
        for (var i = 0; i < 50; i++)
        {
            model.Score(Query, Stored);
        }

        var withFloat = Rss();
        using var int8 = PairModel.LoadDefault(int8MatMuls: true);
        for (var i = 0; i < 50; i++)
        {
            int8.Score(Query, Stored);
        }

        var withBoth = Rss();
        Console.WriteLine($"// RESULT working set: embedder {start} MiB; + float pair model {withFloat} MiB (+{withFloat - start}); + int8 pair model {withBoth} MiB (+{withBoth - withFloat})");
    }

    private static double P(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
