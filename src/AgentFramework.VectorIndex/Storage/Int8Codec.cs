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

    /// <summary>Whether <see cref="Dot(ReadOnlySpan{byte}, ReadOnlySpan{sbyte}, ReadOnlySpan{sbyte})"/> has its 512-bit path here.</summary>
    public static bool SplitDotAccelerated => Avx512BW.IsSupported;

    /// <summary>
    /// Splits query codes into magnitudes and a sign mask (-1 where negative, else 0) for the 512-bit dot:
    /// AVX-512 has no byte sign instruction, so the query's signs are applied to each row with an xor and a
    /// subtract instead. Done once per query, not once per row.
    /// </summary>
    public static void SplitSigns(ReadOnlySpan<sbyte> codes, Span<byte> magnitudes, Span<sbyte> negative)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            magnitudes[i] = (byte)Math.Abs(codes[i]);
            negative[i] = codes[i] < 0 ? (sbyte)-1 : (sbyte)0;
        }
    }

    /// <summary>
    /// The same integer dot product as <see cref="Dot(ReadOnlySpan{sbyte}, ReadOnlySpan{sbyte})"/>, from a query
    /// split by <see cref="SplitSigns"/>; 64 bytes per step when <see cref="SplitDotAccelerated"/> and the length
    /// is a multiple of 64.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<byte> magnitudes, ReadOnlySpan<sbyte> negative, ReadOnlySpan<sbyte> row)
    {
        if (!Avx512BW.IsSupported || row.Length % 64 != 0)
        {
            var sum = 0;
            for (var i = 0; i < row.Length; i++)
            {
                sum += magnitudes[i] * (negative[i] == 0 ? row[i] : -row[i]);
            }

            return sum;
        }

        // Row codes stay within ±127, so a conditional negate cannot overflow and the pairwise 16-bit sums
        // of vpmaddubsw (≤ 2·127·127) cannot saturate.
        ref var pm = ref MemoryMarshal.GetReference(magnitudes);
        ref var pn = ref MemoryMarshal.GetReference(negative);
        ref var pr = ref MemoryMarshal.GetReference(row);
        var ones = Vector512.Create((short)1);
        var acc = Vector512<int>.Zero;
        for (var i = 0; i < row.Length; i += 64)
        {
            var sign = Vector512.LoadUnsafe(ref pn, (nuint)i);
            var signed = (Vector512.LoadUnsafe(ref pr, (nuint)i) ^ sign) - sign;
            var products = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref pm, (nuint)i), signed);
            acc += Avx512BW.MultiplyAddAdjacent(products, ones);
        }

        return Vector512.Sum(acc);
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
