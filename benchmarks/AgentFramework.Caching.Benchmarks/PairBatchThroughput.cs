using System.Diagnostics;
using AgentFramework.Caching.Verification.PairModel;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// The pair model's batch path against one pass per pair: the same pairs scored one at a time on one thread, in padded
/// batches on one thread, and in padded batches on every core (the embedding generator's split), rounds alternating so
/// all three see the same load. Prints pairs per second, the ratios, and the load average.
/// </summary>
internal static class PairBatchThroughput
{
    public static void Run(int pairCount, int rounds)
    {
        using var model = PairModel.LoadDefault();
        var prompts = SupportPrompts.Sample(2 * pairCount, seed: 7);
        var pairs = Enumerable.Range(0, pairCount).Select(i => (prompts[2 * i], prompts[(2 * i) + 1])).ToList();
        model.Score(pairs); // warm-up: session, arenas, thread pool

        var single = new List<double>();
        var batchOne = new List<double>();
        var batchAll = new List<double>();
        var worst = 0.0;
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.GetTimestamp();
            var one = pairs.Select(p => model.Score(p.Item1, p.Item2)).ToArray();
            single.Add(pairCount / Stopwatch.GetElapsedTime(start).TotalSeconds);

            start = Stopwatch.GetTimestamp();
            model.Score(pairs, parallelism: 1);
            batchOne.Add(pairCount / Stopwatch.GetElapsedTime(start).TotalSeconds);

            start = Stopwatch.GetTimestamp();
            var all = model.Score(pairs);
            batchAll.Add(pairCount / Stopwatch.GetElapsedTime(start).TotalSeconds);
            worst = Math.Max(worst, one.Zip(all).Max(x => Math.Abs(x.First - x.Second)));
        }

        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"// RESULT pair batch ({model.Description}; {pairCount} support-prompt pairs, {rounds} alternating rounds, {Environment.ProcessorCount} cores): " +
            $"one at a time {Median(single):0} pairs/s; batched on one thread {Median(batchOne):0} pairs/s ({Median(batchOne) / Median(single):0.00}x); " +
            $"batched on every core {Median(batchAll):0} pairs/s ({Median(batchAll) / Median(single):0.00}x); max |Δlogit| batch vs single {worst:0.00000}; " +
            $"load average {MachineLoad.Averages()}");
    }
}
