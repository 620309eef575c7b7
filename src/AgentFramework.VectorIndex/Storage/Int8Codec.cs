using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Symmetric per-vector int8 quantization: each component becomes round(x / s) with s = max|x| / 127,
/// so a dot product of codes times both scales approximates the float dot product. Used only to pick
/// candidates; returned scores are always re-computed from the float vectors.
/// </summary>
internal static class Int8Codec
{
    /// <summary>Writes the codes of <paramref name="vector"/> (zero-padded to the destination length) and returns the scale.</summary>
    public static float Encode(ReadOnlySpan<float> vector, Span<sbyte> destination)
    {
        destination.Clear();
        var max = TensorPrimitives.MaxMagnitude(vector);
        var abs = MathF.Abs(max);
        if (abs == 0)
        {
            return 0;
        }

        var inv = 127f / abs;
        for (var i = 0; i < vector.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inv), -127, 127);
        }

        return abs / 127f;
    }

    /// <summary>The integer dot product of two equally long code rows (length a multiple of 32 for the fast path).</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (Avx2.IsSupported && a.Length % 32 == 0)
        {
            return DotAvx2(a, b);
        }

        var sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DotAvx2(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        // vpmaddubsw multiplies unsigned by signed bytes, so move a's sign onto b: |a| * (b * sign(a)).
        // Codes stay within ±127, so the pairwise 16-bit sums (≤ 2·127·127) cannot saturate.
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var ones = Vector256.Create((short)1);
        var acc = Vector256<int>.Zero;
        for (var i = 0; i < a.Length; i += 32)
        {
            var va = Vector256.LoadUnsafe(ref pa, (nuint)i);
            var vb = Vector256.LoadUnsafe(ref pb, (nuint)i);
            var products = Avx2.MultiplyAddAdjacent(Avx2.Abs(va), Avx2.Sign(vb, va));
            acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(products, ones));
        }

        return Vector256.Sum(acc);
    }
}
