using System.Numerics.Tensors;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>Validation and normalization shared by writes and queries.</summary>
internal static class VectorMath
{
    /// <summary>Checks <paramref name="vector"/> and writes its unit-length copy to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Wrong dimension, a NaN or infinite component, or a zero vector.</exception>
    public static void NormalizeInto(ReadOnlySpan<float> vector, Span<float> destination, int dimensions, string paramName)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} components, but this index holds {dimensions}-dimensional vectors.", paramName);
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException($"The vector's component {i} is {vector[i]}; every component must be a finite number.", paramName);
            }
        }

        // Sum of squares in double: float overflows for components above ~1e19 and underflows for tiny ones.
        double sum = 0;
        foreach (var x in vector)
        {
            sum += x * (double)x;
        }

        if (!(sum > 0) || double.IsInfinity(sum))
        {
            throw new ArgumentException("The vector has zero length (or its length is not representable); a direction is needed to compare by cosine.", paramName);
        }

        TensorPrimitives.Multiply(vector, (float)(1 / Math.Sqrt(sum)), destination[..dimensions]);
    }
}
