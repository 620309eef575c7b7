using System.Diagnostics;

namespace AgentFramework.Embeddings.Benchmarks;

/// <summary>Cross-check for the single-query overhead ratio on a busy machine: BenchmarkDotNet runs one benchmark
/// after another, so load that changes over minutes lands on one side of a ratio. Here the two operations
/// alternate call by call and the ratio of their medians is reported (labelled as such, beside the
/// BenchmarkDotNet figures, never instead of them).</summary>
internal static class Interleaved
{
    public static (double BaselineMedianMs, double CandidateMedianMs) Medians(Action baseline, Action candidate, int calls)
    {
        for (var i = 0; i < 20; i++)
        {
            baseline();
            candidate();
        }

        var a = new double[calls];
        var b = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            baseline();
            var middle = Stopwatch.GetTimestamp();
            candidate();
            var end = Stopwatch.GetTimestamp();
            a[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
            b[i] = Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds;
        }

        Array.Sort(a);
        Array.Sort(b);
        return (a[calls / 2], b[calls / 2]);
    }
}
