using AgentFramework.Embeddings.Onnx.Batching;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// The trained cross-encoder: reads <c>[CLS] asked [SEP] stored [SEP]</c> (token types 0 / 1) through the MiniLM graph
/// with the trained top layers and returns a logit from <c>w · [h_CLS ; mean(h)] + b</c>. Positive means "the stored
/// answer serves the asked request".
/// </summary>
/// <remarks>One instance is safe to share: ONNX Runtime sessions run concurrently, and the tokenizer is used under a lock
/// (it keeps per-call buffers).</remarks>
internal sealed class PairModel : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];
    private const int Hidden = 384;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly Lock _tokenizerLock = new();
    private readonly float[] _head;
    private readonly float _bias;
    private readonly int _maxSide;
    private readonly long _cls;
    private readonly long _sep;

    private PairModel(InferenceSession session, BertTokenizer tokenizer, PairModelDelta delta, long cls, long sep)
    {
        _session = session;
        _tokenizer = tokenizer;
        _head = delta.HeadWeights;
        _bias = delta.HeadBias;
        _maxSide = delta.MaxSideTokens;
        _cls = cls;
        _sep = sep;
        if (_head.Length != 2 * Hidden)
        {
            throw new InvalidDataException($"The pair-model head has {_head.Length} weights, expected {2 * Hidden}.");
        }
    }

    /// <summary>Where the int8 model came from ("int8 …path…" / "fp32 in memory"), for logs.</summary>
    public string Description { get; private init; } = "";

    /// <summary>Loads a serving model (int8 embedding table, float or int8 MatMuls): the embedded delta over the base model, checksums verified.</summary>
    /// <param name="baseModelPath">The embedding model the pair model is rebuilt from; default beside the app.</param>
    /// <param name="deltaBytes">The trained delta; default the embedded one.</param>
    /// <param name="expectedDeltaSha256">The delta's SHA-256, checked unless <c>null</c>.</param>
    /// <param name="int8MatMuls">Int8 MatMuls with per-token activation scales (smoothed with the embedded calibration)
    /// instead of float ones.</param>
    public static PairModel LoadDefault(string? baseModelPath = null, byte[]? deltaBytes = null, string? expectedDeltaSha256 = PairModelFiles.DeltaSha256, bool int8MatMuls = false)
    {
        baseModelPath ??= PairModelFiles.DefaultBaseModelPath;
        if (!File.Exists(baseModelPath))
        {
            throw new FileNotFoundException($"The pair model is rebuilt from the embedding model at '{baseModelPath}', which does not exist (reference AgentFramework.Embeddings.Onnx and rebuild, so models/all-MiniLM-L6-v2 is copied beside the app).", baseModelPath);
        }

        deltaBytes ??= PairModelFiles.ReadEmbeddedDelta()
            ?? throw new FileNotFoundException($"The pair-model resource '{PairModelFiles.DeltaResource}' is missing from {typeof(PairModel).Assembly.GetName().Name}.");
        var delta = PairModelDelta.Parse(deltaBytes, expectedDeltaSha256);
        var int8Path = PairModelFiles.GetOrCreateInt8(baseModelPath, delta, int8MatMuls);
        var kind = int8MatMuls ? "int8 MatMuls (per-token activations, smoothed) and embedding table: " : "int8 embedding table, float MatMuls: ";
        return Create(new InferenceSession(int8Path, SessionOptions()), VocabPathFor(baseModelPath), delta, kind + int8Path);
    }

    /// <summary>Loads a pair model file written by <c>PairModelFiles.WriteInt8Variant</c> (measurement only).</summary>
    internal static PairModel LoadVariant(string path, string baseModelPath, PairModelDelta delta) =>
        Create(new InferenceSession(path, SessionOptions()), VocabPathFor(baseModelPath), delta, "variant " + path);

    /// <summary>Loads a pair model graph held in memory (measurement only).</summary>
    internal static PairModel LoadVariant(byte[] model, string baseModelPath, PairModelDelta delta) =>
        Create(new InferenceSession(model, SessionOptions()), VocabPathFor(baseModelPath), delta, "variant in memory");

    /// <summary>Loads the fp32 model in memory (tests compare it with the training tool's logits).</summary>
    public static PairModel LoadFloat32(string baseModelPath, byte[] deltaBytes, string? expectedDeltaSha256 = PairModelFiles.DeltaSha256)
    {
        var delta = PairModelDelta.Parse(deltaBytes, expectedDeltaSha256);
        var bytes = PairModelFiles.BuildFloat32(baseModelPath, delta);
        return Create(new InferenceSession(bytes, SessionOptions()), VocabPathFor(baseModelPath), delta, "fp32 in memory");
    }

    private static string VocabPathFor(string baseModelPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(baseModelPath))!, "vocab.txt");

    private static SessionOptions SessionOptions() => new()
    {
        // One thread per pass: a server's concurrency is across requests (the embedder makes the same choice).
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    private static PairModel Create(InferenceSession session, string vocabPath, PairModelDelta delta, string description)
    {
        try
        {
            var tokenizer = new BertTokenizer();
            using (var reader = new StreamReader(vocabPath))
            {
                tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
            }

            Span<long> ids = stackalloc long[8];
            Span<long> mask = stackalloc long[8];
            var count = tokenizer.Encode("a", ids, mask);
            return new PairModel(session, tokenizer, delta, ids[0], ids[count - 1]) { Description = description };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The model input for a pair: ids and token types of <c>[CLS] asked [SEP] stored [SEP]</c>.</summary>
    public (long[] Ids, long[] Types) Encode(string asked, string stored)
    {
        var a = Pieces(asked);
        var b = Pieces(stored);
        var ids = new long[a.Length + b.Length + 3];
        var types = new long[ids.Length];
        ids[0] = _cls;
        a.CopyTo(ids, 1);
        ids[a.Length + 1] = _sep;
        b.CopyTo(ids, a.Length + 2);
        ids[^1] = _sep;
        types.AsSpan(a.Length + 2).Fill(1);
        return (ids, types);
    }

    /// <summary>The logit for serving <paramref name="stored"/>'s answer to <paramref name="asked"/>.</summary>
    public float Score(string asked, string stored)
    {
        var (ids, types) = Encode(asked, stored);
        var mask = new long[ids.Length];
        Array.Fill(mask, 1L);
        var hidden = new float[ids.Length * Hidden];
        Run(ids, mask, types, hidden, 1, ids.Length);
        return Head(hidden, ids.Length);
    }

    /// <summary>
    /// The logits of many pairs at once, in input order: length-sorted padded batches spread over the cores the way the
    /// embedding generator spreads a batch of texts (a call of a few pairs stays on the caller's thread). Each logit equals
    /// <see cref="Score(string, string)"/>'s for the same pair up to float rounding (padding changes the matrix shapes).
    /// </summary>
    /// <param name="pairs">The (asked, stored) pairs.</param>
    /// <param name="maxBatchSize">Most pairs per model run.</param>
    /// <param name="parallelism">Most threads; default the processor count.</param>
    /// <param name="cancellationToken">Checked between runs.</param>
    public float[] Score(IReadOnlyList<(string Asked, string Stored)> pairs, int maxBatchSize = 32, int? parallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var encoded = new (long[] Ids, long[] Types)[pairs.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Encode(pairs[i].Asked ?? throw new ArgumentException($"Pair {i} has no asked text.", nameof(pairs)),
                pairs[i].Stored ?? throw new ArgumentException($"Pair {i} has no stored text.", nameof(pairs)));
        }

        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Ids.Length).ThenBy(i => i).ToArray();
        var lengths = order.Select(i => encoded[i].Ids.Length).ToArray();
        var workers = LengthSortedBatches.Workers(order.Length, parallelism ?? Environment.ProcessorCount);
        var batches = LengthSortedBatches.Cut(lengths, maxBatchSize, workers);
        var logits = new float[encoded.Length];
        LengthSortedBatches.Run(batches.Count, workers, b => ScoreBatch(encoded, order.AsSpan(batches[b].First, batches[b].Count), logits), cancellationToken);
        return logits;
    }

    /// <summary>One padded run over rows sorted by length (the last is the longest); padding is masked out.</summary>
    private void ScoreBatch((long[] Ids, long[] Types)[] encoded, ReadOnlySpan<int> rows, float[] logits)
    {
        var sequence = encoded[rows[^1]].Ids.Length;
        var ids = new long[rows.Length * sequence];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var (rowIds, rowTypes) = encoded[rows[r]];
            rowIds.CopyTo(ids, r * sequence);
            rowTypes.CopyTo(types, r * sequence);
            mask.AsSpan(r * sequence, rowIds.Length).Fill(1);
        }

        var hidden = new float[ids.Length * Hidden];
        Run(ids, mask, types, hidden, rows.Length, sequence);
        for (var r = 0; r < rows.Length; r++)
        {
            logits[rows[r]] = Head(hidden.AsSpan(r * sequence * Hidden, sequence * Hidden), encoded[rows[r]].Ids.Length);
        }
    }

    private void Run(long[] ids, long[] mask, long[] types, float[] hidden, int batch, int sequence)
    {
        long[] shape = [batch, sequence];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var hiddenValue = OrtValue.CreateTensorValueFromMemory(hidden, [batch, sequence, Hidden]);
        _session.Run(null, InputNames, [idsValue, maskValue, typesValue], OutputNames, [hiddenValue]);
    }

    /// <summary>The head, in double over the fp32 activations of one row's first <paramref name="tokens"/> tokens:
    /// <c>w · [h_CLS ; mean over the pair's tokens] + b</c>.</summary>
    private float Head(ReadOnlySpan<float> hidden, int tokens)
    {
        double z = _bias;
        for (var d = 0; d < Hidden; d++)
        {
            double sum = 0;
            for (var t = 0; t < tokens; t++)
            {
                sum += hidden[(t * Hidden) + d];
            }

            z += (_head[d] * (double)hidden[d]) + (_head[Hidden + d] * (sum / tokens));
        }

        return (float)z;
    }

    private long[] Pieces(string text)
    {
        // The first _maxSide word pieces, as the training tool cuts them. The buffer holds the whole encoding of a
        // prompt up to its length in characters (a piece covers at least one character), capped for long prompts.
        var capacity = Math.Min(text.Length, 4 * _maxSide) + 2;
        var ids = new long[capacity];
        var mask = new long[capacity];
        int count;
        lock (_tokenizerLock)
        {
            count = _tokenizer.Encode(text, ids, mask);
        }

        var content = Math.Max(0, count - 2);
        return ids.AsSpan(1, Math.Min(content, _maxSide)).ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
