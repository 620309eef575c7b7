using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Embeddings.Onnx.Tests;

public sealed class OnnxEmbeddingGeneratorTests(SharedGenerator shared) : IClassFixture<SharedGenerator>
{
    private readonly OnnxEmbeddingGenerator _generator = shared.Generator;

    [Fact]
    public void DefaultModelHas384UnitLengthDimensions()
    {
        var vector = _generator.Embed("The quick brown fox jumps over the lazy dog.");

        Assert.Equal(384, _generator.Dimensions);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);
        Assert.Equal("all-MiniLM-L6-v2", _generator.ModelId);
    }

    [Fact]
    public void ParaphrasesAreCloserThanUnrelatedSentences()
    {
        var a = _generator.Embed("How do I reset my password?");
        var b = _generator.Embed("I forgot my password, how can I change it?");
        var c = _generator.Embed("The recipe needs two cups of flour.");

        Assert.True(TensorPrimitives.CosineSimilarity(a, b) > TensorPrimitives.CosineSimilarity(a, c) + 0.3f);
    }
}
