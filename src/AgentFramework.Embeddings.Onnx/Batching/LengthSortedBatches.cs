namespace AgentFramework.Embeddings.Onnx.Batching;

/// <summary>
/// How a call of many model rows is cut into runs and spread over the cores: rows sorted by length, batches that pad
/// to nearly their own length, and, for calls large enough, one batch per core at a time. The embedding generator and
/// the cache's pair model both use it, so a batch of pairs behaves like a batch of texts.
/// </summary>
internal static class LengthSortedBatches
{
    /// <summary>Below this many rows per worker a call stays on the caller's thread: a single query keeps one thread
    /// (a server's concurrency comes from its requests), and splitting a small call costs more than it saves.</summary>
    public const int MinimumRowsPerWorker = 4;

    /// <summary>How many threads a call of <paramref name="rowCount"/> rows runs on.</summary>
    public static int Workers(int rowCount, int parallelism) =>
        Math.Max(1, Math.Min(parallelism, rowCount / MinimumRowsPerWorker));

    /// <summary>
    /// Cuts rows whose token lengths are <paramref name="sortedRowLengths"/> (ascending) into batches of at most
    /// <paramref name="maxBatchSize"/>; with several workers no batch exceeds the even share, so they finish together.
    /// </summary>
    public static List<(int First, int Count)> Cut(ReadOnlySpan<int> sortedRowLengths, int maxBatchSize, int workers)
    {
        var share = workers <= 1 ? maxBatchSize : Math.Min(maxBatchSize, (sortedRowLengths.Length + workers - 1) / workers);
        var batches = new List<(int First, int Count)>();
        for (var first = 0; first < sortedRowLengths.Length;)
        {
            var count = NextBatchSize(sortedRowLengths, first, share);
            batches.Add((first, count));
            first += count;
        }

        return batches;
    }

    /// <summary>Runs <paramref name="runBatch"/> for every batch index, on up to <paramref name="workers"/> threads;
    /// the first failure is rethrown as itself (not wrapped), as the sequential path would.</summary>
    public static void Run(int batchCount, int workers, Action<int> runBatch, CancellationToken cancellationToken)
    {
        if (workers <= 1)
        {
            for (var b = 0; b < batchCount; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                runBatch(b);
            }

            return;
        }

        try
        {
            Parallel.For(0, batchCount, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, runBatch);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>How many rows from <paramref name="first"/> go into one run: at most <paramref name="maxBatchSize"/>,
    /// cut early where padding everything to the next, longer row would waste more than a quarter of the batch
    /// (padding costs full attention and matrix work, while an extra run costs little once a batch has a few dozen
    /// token rows).</summary>
    private static int NextBatchSize(ReadOnlySpan<int> sortedRowLengths, int first, int maxBatchSize)
    {
        const int minimumTokens = 64;
        var count = 0;
        long realTokens = 0;
        while (first + count < sortedRowLengths.Length && count < maxBatchSize)
        {
            var length = sortedRowLengths[first + count];
            var padded = (long)(count + 1) * length;
            if (count > 0 && realTokens >= minimumTokens && padded * 4 > (realTokens + length) * 5)
            {
                break;
            }

            realTokens += length;
            count++;
        }

        return count;
    }
}
