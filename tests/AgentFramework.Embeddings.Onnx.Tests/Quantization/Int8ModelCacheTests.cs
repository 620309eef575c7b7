using System.Numerics.Tensors;

namespace AgentFramework.Embeddings.Onnx.Tests.Quantization;

/// <summary>The int8 option end to end: the quantized copy is made once, cached, and agrees with fp32.</summary>
public sealed class Int8ModelCacheTests(SharedGenerator shared) : IClassFixture<SharedGenerator>
{
    [Fact]
    public void Int8CopyIsMadeOnceSmallerAndAgreesWithFloat32()
    {
        using var folder = new TemporaryFolder();
        var options = new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8, QuantizedModelDirectory = folder.Path };

        string firstPath;
        DateTime firstWrite;
        using (var int8 = new OnnxEmbeddingGenerator(options))
        {
            firstPath = int8.ModelPath;
            firstWrite = File.GetLastWriteTimeUtc(firstPath);
            Assert.StartsWith(folder.Path, firstPath, StringComparison.Ordinal);
            Assert.Equal("all-MiniLM-L6-v2-int8", int8.ModelId);
            Assert.Equal(384, int8.Dimensions);
            Assert.True(new FileInfo(firstPath).Length < new FileInfo(shared.Generator.ModelPath).Length / 3, "the int8 copy should be under a third of the fp32 size");

            // Dynamic int8 is close to, not identical with, fp32: on 600 QQP questions the mean cosine was 0.995 and
            // the worst 0.982 (see the benchmarks README), so the bar is the mean plus a floor for every sentence.
            // ONNX Runtime's int8 kernels differ by CPU: on an AVX2-only machine (no AVX-512, no VNNI) the one-word
            // input "ok" (3 tokens, activations dominated by [CLS]/[SEP]) measured 0.974 where AVX-512 gave ≥ 0.98;
            // 7-bit weights (no int16 saturation) measured 0.971, so it is precision, not saturation. Floor 0.97.
            var cosines = GoldenSet.Sentences.Select(s => TensorPrimitives.CosineSimilarity(shared.Generator.Embed(s.Text), int8.Embed(s.Text))).ToArray();
            Assert.True(cosines.Average() >= 0.99f, $"mean int8 vs fp32 cosine {cosines.Average()}");
            Assert.All(cosines, cosine => Assert.True(cosine >= 0.97f, $"int8 vs fp32 cosine {cosine}"));
        }

        using var second = new OnnxEmbeddingGenerator(options);
        Assert.Equal(firstPath, second.ModelPath);
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(second.ModelPath));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
