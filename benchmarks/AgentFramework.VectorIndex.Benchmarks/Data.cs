namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>Synthetic clustered unit vectors (HNSW recall on uniform random data says nothing about text embeddings).</summary>
internal static class Data
{
    public const int Dimensions = 384;

    /// <summary>
    /// <paramref name="count"/> unit vectors around count/1000 (at least 10) random centres, noise σ = 0.5/√d per
    /// component — neighbours within a cluster are close but distinct, as with sentence embeddings.
    /// Deterministic for a seed; queries come from the same distribution with another seed.
    /// </summary>
    public static float[] Clustered(int count, int seed, int? clusters = null)
    {
        var centreRandom = new Random(1234); // same centres for data and queries
        var k = clusters ?? Math.Max(10, count / 1000);
        var centres = new float[k][];
        for (var c = 0; c < k; c++)
        {
            centres[c] = Normalize([.. Enumerable.Range(0, Dimensions).Select(_ => Gaussian(centreRandom))]);
        }

        var random = new Random(seed);
        var noise = 0.5f / MathF.Sqrt(Dimensions);
        var result = new float[(long)count * Dimensions];
        var v = new float[Dimensions];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(k)];
            for (var d = 0; d < Dimensions; d++)
            {
                v[d] = centre[d] + (noise * Gaussian(random));
            }

            Normalize(v).CopyTo(result.AsSpan(i * Dimensions, Dimensions));
        }

        return result;
    }

    /// <summary>
    /// Warm-up queries before timed ones (<c>VECTOR_BENCH_WARMUP</c>, default 20,000: tiered JIT compilation
    /// had not settled after 5,000 at 50k entries); the probe runs them and the export writes them for the peer.
    /// </summary>
    public static int WarmupQueries => int.Parse(Environment.GetEnvironmentVariable("VECTOR_BENCH_WARMUP") ?? "20000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> queries for a data set of <paramref name="dataCount"/> vectors: the same centres as
    /// the data (all of them — sized by the data, not by the query count), another seed.
    /// </summary>
    public static float[] Queries(int count, int dataCount, int seed = 2) => Clustered(count, seed, Math.Max(10, dataCount / 1000));

    private static float[] Normalize(float[] v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * (double)x;
        }

        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= inv;
        }

        return v;
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
