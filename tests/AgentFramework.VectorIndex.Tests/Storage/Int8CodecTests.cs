using AgentFramework.VectorIndex.Storage;

namespace AgentFramework.VectorIndex.Tests.Storage;

/// <summary>The int8 dot products (plain and split-sign, SIMD and scalar) agree with a scalar reference.</summary>
public sealed class Int8CodecTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(384)]
    [InlineData(448)]
    [InlineData(100)] // SIMD split for the first 64, scalar for the rest
    [InlineData(40)] // not a multiple of 64 or 32: the scalar paths
    public void BothDotProducts_EqualTheScalarSum(int length)
    {
        var random = new Random(length);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = new sbyte[length];
            var b = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                // Extremes included: ±127 on both sides is where a 16-bit pair sum would saturate if the sign trick were wrong.
                a[i] = trial == 0 ? (sbyte)(i % 2 == 0 ? 127 : -127) : (sbyte)random.Next(-127, 128);
                b[i] = trial == 0 ? (sbyte)(i % 3 == 0 ? -127 : 127) : (sbyte)random.Next(-127, 128);
            }

            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += a[i] * b[i];
            }

            var magnitudes = new byte[length];
            var negative = new sbyte[length];
            Int8Codec.SplitSigns(a, magnitudes, negative);

            Assert.Equal(expected, Int8Codec.Dot(a, b));
            Assert.Equal(expected, Int8Codec.Dot(magnitudes, negative, b));
        }
    }

    [Fact]
    public void SplitSigns_GivesMagnitudeAndMinusOneForNegatives()
    {
        sbyte[] codes = [-127, -1, 0, 1, 127];
        var magnitudes = new byte[5];
        var negative = new sbyte[5];

        Int8Codec.SplitSigns(codes, magnitudes, negative);

        Assert.Equal([127, 1, 0, 1, 127], magnitudes);
        Assert.Equal([-1, -1, 0, 0, 0], negative);
    }

    [Fact]
    public void Encode_ZeroVector_GivesZeroScaleAndZeroCodes()
    {
        var codes = new sbyte[64];
        codes.AsSpan().Fill(5);

        var scale = Int8Codec.Encode(new float[48], codes);

        Assert.Equal(0, scale);
        Assert.All(codes, c => Assert.Equal(0, c));
    }
}
