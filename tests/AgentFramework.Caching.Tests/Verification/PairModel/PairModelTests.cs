using System.Buffers.Binary;
using System.Text;
using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Testing;

namespace AgentFramework.Caching.Tests.Verification.PairModel;

public sealed class PairModelTests(PairModelFixture fixture) : IClassFixture<PairModelFixture>
{
    [Fact]
    public void ReferenceFile_IsTheShippedDelta_AndHasEnoughPairs()
    {
        Assert.Equal(PairModelFiles.DeltaSha256, PairModelFixture.Reference.DeltaSha256);
        Assert.Equal(PairModelFiles.BaseModelSha256, PairModelFixture.Reference.BaseModelSha256);
        Assert.True(PairModelFixture.Reference.Pairs.Count >= 20);
    }

    [Fact]
    public void Encoding_EqualsTheTrainingToolsTokenization()
    {
        foreach (var pair in PairModelFixture.Reference.Pairs)
        {
            var (ids, types) = fixture.Float32.Encode(pair.Asked, pair.Stored);
            Assert.Equal(pair.InputIds, ids);
            Assert.Equal(pair.TokenTypeIds, types);
        }
    }

    [Fact]
    public void Float32Logits_EqualTheTrainingTools()
    {
        var worst = 0.0;
        foreach (var pair in PairModelFixture.Reference.Pairs)
        {
            var logit = fixture.Float32.Score(pair.Asked, pair.Stored);
            worst = Math.Max(worst, Math.Abs(logit - pair.Logit));
            Assert.True(Math.Abs(logit - pair.Logit) <= 1e-4, $"{pair.Asked} || {pair.Stored}: C# {logit}, tool {pair.Logit}");
        }

        Assert.True(worst <= 1e-4);
    }

    [Theory]
    [InlineData(false, "float MatMuls")]
    [InlineData(true, "per-token")]
    public void ShippedModelDecisions_AgreeWithFloat32_OnTheAgentPairs(bool int8MatMuls, string kind)
    {
        var pairs = PairModelFixture.AgentPairs.Select(p => (p.Asked, p.Stored))
            .Concat(PairModelFixture.Reference.Pairs.Select(p => (p.Asked, p.Stored))).ToList();
        Assert.True(pairs.Count >= 200);
        var model = int8MatMuls ? fixture.Int8MatMuls : fixture.Int8;
        Assert.Contains(kind, model.Description, StringComparison.Ordinal);
        var logits = pairs.Select(p => (Fp32: fixture.Float32.Score(p.Asked, p.Stored), Int8: model.Score(p.Asked, p.Stored))).ToList();
        var worst = logits.Max(l => Math.Abs(l.Fp32 - l.Int8));
        var mean = logits.Average(l => Math.Abs(l.Fp32 - l.Int8));
        foreach (var bar in new[] { DefaultVerifierSet.OverruleMinScore, DefaultVerifierSet.LexicalAcceptedMinScore })
        {
            var agree = logits.Count(l => Decision(l.Fp32, bar) == Decision(l.Int8, bar));
            Assert.True(agree >= 0.99 * pairs.Count, $"the shipped ({kind}) model agrees with fp32 on {agree}/{pairs.Count} decisions at {bar} (mean |Δlogit| {mean:0.000}, max {worst:0.000})");
        }

        // int8 moves logits a little, never wildly: a broken graph (a wrong scale, a lost smoothing Mul) moves them by whole units.
        Assert.True(mean < 0.25, $"mean |Δlogit| {mean:0.000}");
    }

    [Fact]
    public void EmbeddedCalibration_IsTheShippedModelsMaxima_OnTheFilesItNames()
    {
        // The serving model's smoothing depends on these maxima: recompute them from the pairs the file says it used.
        var calibration = PairModelCalibration.ReadEmbedded();
        Assert.Equal(PairModelFiles.DeltaSha256, calibration.DeltaSha256);
        var pairs = calibration.Files.SelectMany(f => PairModelFixture.Csv(Path.Combine(TestPaths.RepoRoot, f), calibration.RowsPerFile)).ToList();
        Assert.Equal(calibration.Files.Count * calibration.RowsPerFile, pairs.Count);
        var delta = PairModelDelta.Parse(PairModelFiles.ReadEmbeddedDelta()!, PairModelFiles.DeltaSha256);
        var fp32Bytes = PairModelFiles.BuildFloat32(PairModelFiles.DefaultBaseModelPath, delta);
        var maxima = PairModelSmoothing.Calibrate(fp32Bytes, pairs.Select(p => fixture.Float32.Encode(p.Asked, p.Stored)));

        Assert.Equal(calibration.Maxima.Keys.Order(StringComparer.Ordinal), maxima.Keys.Order(StringComparer.Ordinal));
        foreach (var (input, expected) in calibration.Maxima)
        {
            var actual = maxima[input];
            Assert.Equal(expected.Length, actual.Length);
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.True(Math.Abs(expected[c] - actual[c]) <= 1e-3 * Math.Max(1f, expected[c]), $"{input}[{c}]: embedded {expected[c]}, recomputed {actual[c]}");
            }
        }
    }

    [Fact]
    public void Calibration_ForAnotherDelta_IsRefused()
    {
        var embedded = PairModelCalibration.ReadEmbedded();
        var other = PairModelCalibration.Parse(new PairModelCalibration { DeltaSha256 = new string('0', 64), Files = embedded.Files, RowsPerFile = embedded.RowsPerFile, Maxima = embedded.Maxima }.ToUtf8());
        var delta = PairModelDelta.Parse(PairModelFiles.ReadEmbeddedDelta()!, PairModelFiles.DeltaSha256);

        var error = Assert.Throws<InvalidDataException>(() => PairModelFiles.GetOrCreateInt8(PairModelFiles.DefaultBaseModelPath, delta, int8MatMuls: true, other));
        Assert.Contains("--pair-calibrate", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PairModelCalibration.Parse("{\"deltaSha256\":\"x\",\"files\":[],\"rowsPerFile\":0,\"maxima\":{\"a\":[-1]}}"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => PairModelCalibration.Parse("not json"u8.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void BatchLogits_EqualOnePairAtATime_InInputOrder(int parallelism)
    {
        // Pairs of many lengths, so batches pad (short rows beside long ones) and, with four workers, run side by side.
        var pairs = PairModelFixture.AgentPairs.Select(p => (p.Asked, p.Stored))
            .Concat(PairModelFixture.Reference.Pairs.Select(p => (p.Asked, p.Stored))).Take(120).ToList();
        var batch = fixture.Int8.Score(pairs, maxBatchSize: 16, parallelism: parallelism);

        Assert.Equal(pairs.Count, batch.Length);
        for (var i = 0; i < pairs.Count; i++)
        {
            var single = fixture.Int8.Score(pairs[i].Asked, pairs[i].Stored);
            Assert.True(Math.Abs(single - batch[i]) <= 1e-3, $"pair {i} ({pairs[i].Asked} || {pairs[i].Stored}): one at a time {single}, in a batch {batch[i]}");
        }
    }

    [Fact]
    public void BatchOfNoPairs_IsEmpty_AndAMissingTextIsNamed()
    {
        Assert.Empty(fixture.Int8.Score([], parallelism: 2));
        var error = Assert.Throws<ArgumentException>(() => fixture.Int8.Score([("a question", "another"), ("asked", null!)]));
        Assert.Contains("Pair 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmoothedFloat32Graph_GivesTheSameLogits()
    {
        // Smoothing (the serving model's, and the benchmark's variants) must move the quantization error, never the fp32 function: Y = (X / s)(diag(s) W).
        var delta = PairModelDelta.Parse(PairModelFiles.ReadEmbeddedDelta()!, PairModelFiles.DeltaSha256);
        var fp32Bytes = PairModelFiles.BuildFloat32(PairModelFiles.DefaultBaseModelPath, delta);
        var calibration = PairModelFixture.AgentPairs.Take(20).Select(p => fixture.Float32.Encode(p.Asked, p.Stored)).ToList();
        var maxima = PairModelSmoothing.Calibrate(fp32Bytes, calibration);
        Assert.Equal(24, maxima.Count); // per layer: the shared query/key/value input, attention output, intermediate, output
        var smoothedBytes = PairModelSmoothing.Smooth(fp32Bytes, maxima, 0.8, (_, _) => true);
        Assert.Equal(24, Onnx.ModelProto.Parser.ParseFrom(smoothedBytes).Graph.Node.Count(n => n.Name.EndsWith("_smoothed_Mul", StringComparison.Ordinal)));
        using var smoothed = Caching.Verification.PairModel.PairModel.LoadVariant(smoothedBytes, PairModelFiles.DefaultBaseModelPath, delta);
        foreach (var pair in PairModelFixture.Reference.Pairs)
        {
            var expected = fixture.Float32.Score(pair.Asked, pair.Stored);
            var actual = smoothed.Score(pair.Asked, pair.Stored);
            Assert.True(Math.Abs(expected - actual) <= 1e-4, $"{pair.Asked} || {pair.Stored}: fp32 {expected}, smoothed {actual}");
        }
    }

    // The fixed set carries no cosine: judge the logit at the score's centre (cosine 0.85) against the shipped bar.
    private static bool Decision(float logit, double bar) => PairModelVerifier.Combine(logit, PairModelVerifier.CosineCentre, PairModelVerifier.DefaultCosineWeight) >= bar;

    [Fact]
    public void Delta_WithOneByteChanged_IsRefused()
    {
        var bytes = PairModelFiles.ReadEmbeddedDelta()!;
        bytes[bytes.Length / 2] ^= 0x40;
        var error = Assert.Throws<InvalidDataException>(() => PairModelDelta.Parse(bytes, PairModelFiles.DeltaSha256));
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delta_Truncated_IsRefusedEvenWithoutAChecksum()
    {
        var bytes = PairModelFiles.ReadEmbeddedDelta()!;
        Assert.Throws<InvalidDataException>(() => PairModelDelta.Parse(bytes[..(bytes.Length - 100)], expectedSha256: null));
    }

    [Fact]
    public void VersionTwoDelta_WidensFloat16Tensors_AndKeepsFloat32Ones()
    {
        float[] halfValues = [0.5f, -1.25f, 3.140625f, 65504f, 0.000061035156f, -0.0f];
        var bytes = DeltaBytes("AFPAIR02", ("layer.w", [2, 3], 10, halfValues), ("head.weight", [2], 1, [0.1f, 0.2f]), ("head.bias", [1], 1, [-0.3f]));

        var delta = PairModelDelta.Parse(bytes, expectedSha256: null);

        Assert.Equal(halfValues, delta.Tensors["layer.w"].Values);
        Assert.Equal([2, 3], delta.Tensors["layer.w"].Shape);
        Assert.Equal([0.1f, 0.2f], delta.HeadWeights);
        Assert.Equal(-0.3f, delta.HeadBias);
    }

    [Fact]
    public void VersionTwoDelta_WithAnUnknownElementType_IsRefused()
    {
        var bytes = DeltaBytes("AFPAIR02", ("layer.w", [2], 7, [1f, 2f]), ("head.weight", [1], 1, [0.1f]), ("head.bias", [1], 1, [0f]));

        var error = Assert.Throws<InvalidDataException>(() => PairModelDelta.Parse(bytes, expectedSha256: null));
        Assert.Contains("element type 7", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes a delta file in the training tool's layout (element type 10 = float16, 1 = float32).</summary>
    private static byte[] DeltaBytes(string magic, params (string Name, int[] Shape, int ElementType, float[] Values)[] tensors)
    {
        using var stream = new MemoryStream();
        void Int(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
            stream.Write(b);
        }

        stream.Write(Encoding.ASCII.GetBytes(magic));
        Int(6);
        Int(48);
        Int(tensors.Length);
        foreach (var (name, shape, type, values) in tensors)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            Int(nameBytes.Length);
            stream.Write(nameBytes);
            Int(shape.Length);
            foreach (var d in shape)
            {
                Int(d);
            }

            Int(type);
            var b = new byte[4];
            foreach (var v in values)
            {
                if (type == 10)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v);
                    stream.Write(b, 0, 2);
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(b, v);
                    stream.Write(b);
                }
            }
        }

        return stream.ToArray();
    }
}
