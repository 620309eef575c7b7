using System.Diagnostics;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// The lookup-versus-embedding ratio measured call by call: BenchmarkDotNet runs one method after the other, so on a
/// shared machine load that changes over minutes lands on one side of the ratio. Here the two alternate, on the same
/// setup as <see cref="LookupBenchmarks"/>, and the medians (and the median of the per-pair ratios) are printed —
/// beside the BenchmarkDotNet figures, not instead of them.
/// </summary>
internal static class InterleavedLookup
{
    public static async Task RunAsync(int entries, int calls, bool floatPairModelOnly = false)
    {
        var bench = new LookupBenchmarks { Entries = entries, FloatPairModelOnly = floatPairModelOnly };
        await bench.SetupAsync();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                await bench.EmbedOnly();
                await bench.FullLookup();
            }

            var embed = new double[calls];
            var lookup = new double[calls];
            var ratio = new double[calls];
            for (var i = 0; i < calls; i++)
            {
                // Alternate which goes first, so neither always runs right after the other's cache warm-up.
                var start = Stopwatch.GetTimestamp();
                if (i % 2 == 0)
                {
                    await bench.EmbedOnly();
                    var middle = Stopwatch.GetTimestamp();
                    await bench.FullLookup();
                    embed[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
                    lookup[i] = Stopwatch.GetElapsedTime(middle).TotalMilliseconds;
                }
                else
                {
                    await bench.FullLookup();
                    var middle = Stopwatch.GetTimestamp();
                    await bench.EmbedOnly();
                    lookup[i] = Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
                    embed[i] = Stopwatch.GetElapsedTime(middle).TotalMilliseconds;
                }

                ratio[i] = lookup[i] / embed[i];
            }

            var last = await bench.FullLookup();
            Console.WriteLine($"// RESULT interleaved ({(floatPairModelOnly ? "float pair model alone" : "default pair model")}), {entries:N0} entries, {calls} pairs: embed only median {Percentile(embed, 0.5):0.000} ms (p90 {Percentile(embed, 0.9):0.000}, p95 {Percentile(embed, 0.95):0.000}); " +
                $"full lookup median {Percentile(lookup, 0.5):0.000} ms (p90 {Percentile(lookup, 0.9):0.000}, p95 {Percentile(lookup, 0.95):0.000}); ratio of medians {Percentile(lookup, 0.5) / Percentile(embed, 0.5):0.000}; " +
                $"ratio of p95s {Percentile(lookup, 0.95) / Percentile(embed, 0.95):0.000}; median per-pair ratio {Percentile(ratio, 0.5):0.000}; the query's outcome {last.Outcome} ({last.Reason ?? "-"}, score {last.Score:0.000}); load average {MachineLoad.Averages()}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
