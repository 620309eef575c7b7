namespace AgentFramework.VectorIndex.Conformance;

/// <summary>Deterministic vectors for index tests: basis vectors, random unit vectors and clustered unit vectors.</summary>
/// <remarks>
/// Clustered data matters: graph indexes (HNSW) lose recall on uniform random vectors, which real
/// sentence embeddings are not, so recall and ranking checks use points scattered around a few centres.
/// </remarks>
public static class TestVectors
{
    /// <summary>The unit vector along <paramref name="axis"/>.</summary>
    public static float[] Basis(int dimensions, int axis)
    {
        var v = new float[dimensions];
        v[axis] = 1f;
        return v;
    }

    /// <summary>A vector with the given leading components and zeros after them (not normalized).</summary>
    public static float[] Of(int dimensions, params float[] leading)
    {
        var v = new float[dimensions];
        leading.AsSpan().CopyTo(v);
        return v;
    }

    /// <summary>A random unit vector.</summary>
    public static float[] RandomUnit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = Gaussian(random);
        }

        return Normalize(v);
    }

    /// <summary>
    /// <paramref name="count"/> unit vectors around <paramref name="clusters"/> random centres; <paramref name="spread"/>
    /// is the standard deviation of the per-component noise relative to a unit centre (0.1–0.3 resembles text embeddings).
    /// </summary>
    public static float[][] Clustered(Random random, int count, int dimensions, int clusters, float spread = 0.2f)
    {
        ArgumentNullException.ThrowIfNull(random);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = RandomUnit(random, dimensions);
        }

        var noise = spread / MathF.Sqrt(dimensions);
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(clusters)];
            var v = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                v[d] = centre[d] + (noise * Gaussian(random));
            }

            result[i] = Normalize(v);
        }

        return result;
    }

    /// <summary>Cosine similarity, computed plainly (the reference the index is checked against).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return (float)(dot / Math.Sqrt(na * nb));
    }

    /// <summary>Scales <paramref name="v"/> to unit length in place and returns it.</summary>
    public static float[] Normalize(float[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
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
        // Box–Muller; 1 - NextDouble() avoids log(0).
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
