using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace AgentFramework.Embeddings.Onnx.Tests;

public sealed class OnnxEmbeddingGeneratorTests(SharedGenerator shared) : IClassFixture<SharedGenerator>
{
    private readonly OnnxEmbeddingGenerator _generator = shared.Generator;

    private static string LongText(int words, string lead = "Refund request for order 1234.") =>
        lead + " " + string.Join(' ', Enumerable.Range(0, words).Select(i => $"word{i % 50}"));

    [Fact]
    public void DefaultModelGives384UnitLengthDimensions()
    {
        var vector = _generator.Embed("The quick brown fox jumps over the lazy dog.");

        Assert.Equal(384, _generator.Dimensions);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);
        Assert.Equal("all-MiniLM-L6-v2", _generator.ModelId);
        Assert.Equal(EmbeddingPrecision.Float32, _generator.Precision);
    }

    [Fact]
    public void GoldenSetHasAtLeastTwentySentences() => Assert.True(GoldenSet.Sentences.Count >= 20, $"only {GoldenSet.Sentences.Count} golden sentences");

    [Theory]
    [MemberData(nameof(GoldenSet.Indices), MemberType = typeof(GoldenSet))]
    public void MatchesReferenceVectorsFromAnIndependentImplementation(int index)
    {
        var (text, expected) = GoldenSet.Sentences[index];

        var actual = _generator.Embed(text);

        var cosine = TensorPrimitives.CosineSimilarity(expected, actual);
        Assert.True(cosine >= 0.9999f, $"cosine {cosine} for \"{text}\"");
    }

    [Fact]
    public async Task BatchedAndSingleEmbeddingsAgree()
    {
        var texts = GoldenSet.Sentences.Select(s => s.Text).ToArray();

        var batched = await _generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, batched.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = _generator.Embed(texts[i]);
            var cosine = TensorPrimitives.CosineSimilarity(single, batched[i].Vector.Span);
            Assert.True(cosine >= 0.99999f, $"cosine {cosine} for \"{texts[i]}\"");
        }
    }

    [Fact]
    public async Task BatchesLargerThanMaxBatchSizeKeepInputOrder()
    {
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxBatchSize = 4 });
        var texts = GoldenSet.Sentences.Select(s => s.Text).Reverse().ToArray();

        var batched = await generator.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var expected = GoldenSet.Sentences.Single(s => s.Text == texts[i]).Vector;
            Assert.True(TensorPrimitives.CosineSimilarity(expected, batched[i].Vector.Span) >= 0.9999f, texts[i]);
        }
    }

    [Fact]
    public async Task BatchesSplitAcrossThreadsGiveTheSequentialVectorsInInputOrder()
    {
        // Golden sentences plus long inputs that are chunked into several windows: rows from different batches,
        // pooled on different threads, must land in their own input's slot.
        var texts = GoldenSet.Sentences.Select(s => s.Text)
            .Concat([LongText(400), LongText(30, "Shipping question."), LongText(700, "Invoice dispute.")])
            .Reverse()
            .ToArray();
        var options = new OnnxEmbeddingOptions { LongInput = LongInputHandling.ChunkAndAverage, MaxChunks = 4, BatchParallelism = 1 };
        using var sequential = new OnnxEmbeddingGenerator(options);
        using var parallel = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { LongInput = LongInputHandling.ChunkAndAverage, MaxChunks = 4, BatchParallelism = 4 });

        var expected = await sequential.GenerateAsync(texts);
        for (var round = 0; round < 3; round++)
        {
            var actual = await parallel.GenerateAsync(texts);
            Assert.Equal(texts.Length, actual.Count);
            for (var i = 0; i < texts.Length; i++)
            {
                var cosine = TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, actual[i].Vector.Span);
                Assert.True(cosine >= 0.99999f, $"round {round}, input {i}: cosine {cosine}");
            }
        }
    }

    [Fact]
    public async Task ParallelBatchesStopWhenCancelled()
    {
        using var parallel = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { BatchParallelism = 2, MaxBatchSize = 2 });
        using var cancellation = new CancellationTokenSource();

        // The token is live when the call starts and cancelled while the inputs are read (validation and
        // tokenization), so only the batch runs that follow can observe it.
        var inputs = new CancellingList(GoldenSet.Sentences.Select(s => s.Text).ToArray(), cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parallel.GenerateAsync(inputs, cancellationToken: cancellation.Token));
        Assert.True(cancellation.IsCancellationRequested);
    }

    /// <summary>A list that cancels <paramref name="cancellation"/> the first time an element is read.</summary>
    private sealed class CancellingList(string[] items, CancellationTokenSource cancellation) : IReadOnlyList<string>
    {
        public string this[int index]
        {
            get
            {
                cancellation.Cancel();
                return items[index];
            }
        }

        public int Count => items.Length;

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void SpanOverloadWritesTheSameVectorIntoTheDestination()
    {
        const string text = "How do I reset my password?";
        var destination = new float[400];
        destination.AsSpan().Fill(float.NaN);

        _generator.Embed(text.AsSpan(), destination);

        Assert.Equal(_generator.Embed(text), destination[..384]);
        Assert.All(destination[384..], value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void SpanOverloadRejectsAShortDestination()
    {
        var error = Assert.Throws<ArgumentException>(() => _generator.Embed("hello".AsSpan(), new float[383]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void ParaphrasesAreCloserThanUnrelatedSentences()
    {
        var a = _generator.Embed("How do I reset my password?");
        var b = _generator.Embed("I forgot my password, how can I change it?");
        var c = _generator.Embed("The recipe needs two cups of flour.");

        Assert.True(TensorPrimitives.CosineSimilarity(a, b) > TensorPrimitives.CosineSimilarity(a, c) + 0.3f);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("\u0000\u0001\u0002")]
    public async Task RejectsTextThatCannotGiveAMeaningfulVector(string text)
    {
        Assert.Throws<ArgumentException>(() => _generator.Embed(text));
        Assert.Throws<ArgumentException>(() => _generator.Embed(text.AsSpan(), new float[384]));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(["fine", text]));
        Assert.Contains("Input 1", error.Message, StringComparison.Ordinal);
    }

    // Built in code: xunit would replace lone surrogates in serialized theory data with U+FFFD.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RejectsUnpairedSurrogates(int variant)
    {
        var text = variant switch
        {
            0 => "abc" + '\uD800',
            1 => '\uDC00' + "abc",
            2 => "a" + '\uDBFF' + '\uDBFF' + "b",
            _ => "ok 😀 then " + '\uDE00',
        };

        Assert.Throws<ArgumentException>(() => _generator.Embed(text));
        Assert.Throws<ArgumentException>(() => _generator.Embed(text.AsSpan(), new float[384]));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(["fine", text]));
        Assert.Contains("unpaired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => _generator.Embed((string)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _generator.GenerateAsync(["fine", null!]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _generator.GenerateAsync(null!));
    }

    [Fact]
    public void AcceptsValidSurrogatePairs()
    {
        var vector = _generator.Embed("I love this product 😀👍");
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);
    }

    [Fact]
    public async Task EmptyInputListGivesNoEmbeddings()
    {
        var result = await _generator.GenerateAsync([]);
        Assert.Empty(result);
    }

    [Fact]
    public async Task ReportsTruncationAndTokenCountInMetadata()
    {
        var result = await _generator.GenerateAsync(["How do I reset my password?", LongText(400)]);

        var shortOne = result[0].AdditionalProperties!;
        Assert.False((bool)shortOne[OnnxEmbeddingMetadata.Truncated]!);
        Assert.Equal(9, (int)shortOne[OnnxEmbeddingMetadata.TokenCount]!); // [CLS] how do i reset my password ? [SEP]
        Assert.Equal(1, (int)shortOne[OnnxEmbeddingMetadata.ChunkCount]!);

        var longOne = result[1].AdditionalProperties!;
        Assert.True((bool)longOne[OnnxEmbeddingMetadata.Truncated]!);
        Assert.Equal(256, (int)longOne[OnnxEmbeddingMetadata.TokenCount]!);
        Assert.Equal(1, (int)longOne[OnnxEmbeddingMetadata.ChunkCount]!);
        Assert.Equal("all-MiniLM-L6-v2", result[1].ModelId);
        Assert.Equal(9 + 256, result.Usage!.InputTokenCount);
    }

    [Fact]
    public void TruncationKeepsOnlyTheWindow()
    {
        // Everything past the 256-token window is ignored, so two texts that differ only there embed identically.
        var a = _generator.Embed(LongText(400));
        var b = _generator.Embed(LongText(400) + " completely different ending about astronomy and telescopes");
        var c = _generator.Embed(LongText(400, "Completely different opening about astronomy."));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task ChunkAndAverageCoversTheWholeInput()
    {
        using var chunking = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { LongInput = LongInputHandling.ChunkAndAverage, MaxChunks = 3 });
        var tail = " completely different ending about astronomy and telescopes";

        var result = await chunking.GenerateAsync(["How do I reset my password?", LongText(200), LongText(200) + tail, LongText(2000)]);

        Assert.Equal(1, (int)result[0].AdditionalProperties![OnnxEmbeddingMetadata.ChunkCount]!);
        Assert.True(TensorPrimitives.CosineSimilarity(result[0].Vector.Span, _generator.Embed("How do I reset my password?")) >= 0.99999f);
        var chunked = result[1].AdditionalProperties!;
        Assert.False((bool)chunked[OnnxEmbeddingMetadata.Truncated]!);
        Assert.Equal(2, (int)chunked[OnnxEmbeddingMetadata.ChunkCount]!);
        Assert.True((int)chunked[OnnxEmbeddingMetadata.TokenCount]! > 256);
        Assert.Equal(1f, TensorPrimitives.Norm(result[1].Vector.Span), 1e-4f);
        Assert.NotEqual(result[1].Vector.ToArray(), result[2].Vector.ToArray()); // the tail past the first window counts
        var capped = result[3].AdditionalProperties!;
        Assert.True((bool)capped[OnnxEmbeddingMetadata.Truncated]!);
        Assert.Equal(3, (int)capped[OnnxEmbeddingMetadata.ChunkCount]!);
        Assert.Equal(3 * 256, (int)capped[OnnxEmbeddingMetadata.TokenCount]!);
    }

    [Fact]
    public async Task ParallelCallsGiveTheSameVectorsAsSequentialOnes()
    {
        var texts = GoldenSet.Sentences.Select(s => s.Text).ToArray();
        var sequential = texts.Select(_generator.Embed).ToArray();

        var parallel = new float[texts.Length * 3][];
        await Parallel.ForAsync(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            if (i % 3 == 0)
            {
                var batch = await _generator.GenerateAsync([texts[i / 3], texts[(i / 3 + 1) % texts.Length]], cancellationToken: ct);
                parallel[i] = batch[0].Vector.ToArray();
            }
            else
            {
                parallel[i] = _generator.Embed(texts[i / 3]);
            }
        });

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(sequential[i / 3], parallel[i]) >= 0.99999f, texts[i / 3]);
        }
    }

    [Fact]
    public async Task RejectsADifferentRequestedDimensionCount()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _generator.GenerateAsync(["hello"], new EmbeddingGenerationOptions { Dimensions = 768 }));
        var ok = await _generator.GenerateAsync(["hello"], new EmbeddingGenerationOptions { Dimensions = 384 });
        Assert.Single(ok);
    }

    [Fact]
    public async Task ObservesCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _generator.GenerateAsync(["hello"], cancellationToken: cancelled.Token));
    }

    [Fact]
    public void DescribesItselfThroughGetService()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("onnxruntime", metadata.ProviderName);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<OnnxEmbeddingGenerator>());
        Assert.Null(_generator.GetService<OnnxEmbeddingGenerator>("some key"));
        Assert.Null(_generator.GetService(typeof(string)));
    }

    [Fact]
    public void ThrowsAfterDispose()
    {
        var generator = new OnnxEmbeddingGenerator();
        generator.Dispose();
        generator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => generator.Embed("hello"));
    }

    [Fact]
    public void MissingModelFailsAtStartupSayingWhatToDo()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = path }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingVocabularyFailsAtStartup()
    {
        using var folder = new TemporaryFolder();
        File.Copy(_generator.ModelPath, Path.Combine(folder.Path, "model.onnx"));

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = Path.Combine(folder.Path, "model.onnx") }));

        Assert.Contains("VocabPath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(5_000_000)]
    public void CorruptModelFailsAtStartupSayingWhatToDo(int length)
    {
        using var folder = new TemporaryFolder();
        var modelPath = Path.Combine(folder.Path, "model.onnx");
        using (var source = File.OpenRead(_generator.ModelPath))
        using (var target = File.Create(modelPath))
        {
            // A truncated copy of the real model (or an empty file).
            var buffer = new byte[length];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        File.Copy(Path.Combine(Path.GetDirectoryName(_generator.ModelPath)!, "vocab.txt"), Path.Combine(folder.Path, "vocab.txt"));

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { ModelPath = modelPath }));

        Assert.Contains(modelPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsOutOfRangeOptions()
    {
        Assert.ThrowsAny<System.ComponentModel.DataAnnotations.ValidationException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxTokens = 2 }));
        Assert.ThrowsAny<System.ComponentModel.DataAnnotations.ValidationException>(() => new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { IntraOpThreads = 0 }));
    }

    [Fact]
    public void HonoursASmallerWindow()
    {
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxTokens = 16 });
        var embedding = generator.EmbedWithMetadata(LongText(30));

        Assert.Equal(16, generator.MaxTokens);
        Assert.True((bool)embedding.AdditionalProperties![OnnxEmbeddingMetadata.Truncated]!);
        Assert.Equal(16, (int)embedding.AdditionalProperties[OnnxEmbeddingMetadata.TokenCount]!);
    }

    [Theory]
    [InlineData(EmbeddingPooling.Cls)]
    [InlineData(EmbeddingPooling.Max)]
    public void OtherPoolingsGiveDifferentValidVectors(EmbeddingPooling pooling)
    {
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Pooling = pooling, Normalize = false });
        const string text = "How do I reset my password?";

        var vector = generator.Embed(text);

        Assert.Equal(384, vector.Length);
        Assert.True(TensorPrimitives.CosineSimilarity(vector, _generator.Embed(text)) < 0.999f);
        Assert.NotEqual(1f, TensorPrimitives.Norm(vector), 2);
    }
}
