using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using FastBertTokenizer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AgentFramework.Embeddings.Onnx.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Embeddings.Onnx;

/// <summary>Sentence embeddings computed locally with ONNX Runtime — all-MiniLM-L6-v2 (384 dimensions) by default,
/// or any BERT-style sentence-transformers ONNX model — behind Microsoft.Extensions.AI's
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
/// <remarks>
/// <para>Create one instance and share it: the model session is loaded once (the constructor fails fast, with a
/// message saying what to do, when the model or vocabulary is missing or corrupt) and every member is safe to call
/// from many threads at once.</para>
/// <para><see cref="GenerateAsync"/> batches its inputs, grouping them by token length so that little padding is
/// computed. <see cref="Embed(string)"/> and <see cref="Embed(ReadOnlySpan{char}, Span{float})"/> are the
/// synchronous single-text paths for latency-sensitive callers such as a semantic cache lookup; buffers come from
/// pools, so a call makes no large allocations.</para>
/// <para>Inputs must contain text: <see langword="null"/>, empty or whitespace-only strings, text that yields no
/// tokens and strings with unpaired UTF-16 surrogates are rejected with <see cref="ArgumentException"/> rather
/// than turned into a meaningless vector.</para>
/// </remarks>
public sealed partial class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IDisposable
{
    private const string DefaultModelName = "all-MiniLM-L6-v2";

    private readonly ILogger _logger;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly Lock _tokenizerLock = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _hasTokenTypeIds;
    private readonly long _clsId;
    private readonly long _sepId;
    private readonly int _maxTokens;
    private readonly int _maxChunks;
    private readonly int _maxBatchSize;
    private readonly int _batchParallelism;
    private readonly LongInputHandling _longInput;
    private readonly EmbeddingPooling _pooling;
    private readonly bool _normalize;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private volatile bool _disposed;

    /// <summary>Loads the model and vocabulary and checks them with one warm-up run.</summary>
    /// <param name="options">Model, window, pooling and precision settings; <see langword="null"/> for the defaults
    /// (all-MiniLM-L6-v2, fp32, 256 tokens, mean pooling, normalized).</param>
    /// <param name="logger">Receives load and quantization events.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">The model or vocabulary file does not exist.</exception>
    /// <exception cref="InvalidOperationException">The model or vocabulary could not be loaded or is not a
    /// BERT-style embedding model.</exception>
    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions? options = null, ILogger<OnnxEmbeddingGenerator>? logger = null)
    {
        options ??= new OnnxEmbeddingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();

        var files = ModelFiles.Resolve(options);
        var sourceModelPath = files.ModelPath;
        ModelPath = options.Precision == EmbeddingPrecision.Int8
            ? Int8ModelCache.GetOrCreate(sourceModelPath, options.QuantizedModelDirectory, _logger)
            : sourceModelPath;
        ModelId = options.ModelId
            ?? (files.IsDefaultModel ? DefaultModelName : Path.GetFileNameWithoutExtension(sourceModelPath))
               + (options.Precision == EmbeddingPrecision.Int8 && options.ModelId is null ? "-int8" : string.Empty);

        _maxTokens = options.MaxTokens;
        _maxChunks = options.MaxChunks;
        _maxBatchSize = options.MaxBatchSize;
        _batchParallelism = options.BatchParallelism ?? Environment.ProcessorCount;
        _longInput = options.LongInput;
        _pooling = options.Pooling;
        _normalize = options.Normalize;
        Precision = options.Precision;

        (_tokenizer, _clsId, _sepId) = LoadTokenizer(files.VocabPath, options.LowerCase);
        _session = LoadSession(ModelPath, options.IntraOpThreads);
        try
        {
            (_inputNames, _outputNames, _hasTokenTypeIds, var declaredDimensions) = InspectModel(_session, ModelPath);
            Dimensions = declaredDimensions > 0 ? declaredDimensions : ProbeDimensions();
            // Warm-up and sanity check: a real run must give a finite vector of the declared size.
            _ = Embed("warm up");
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", new Uri(Path.GetFullPath(ModelPath)), ModelId, Dimensions);
        Log.ModelLoaded(_logger, ModelId, ModelPath, Dimensions, _maxTokens, Precision, options.IntraOpThreads, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>Length of every vector this generator produces (384 for all-MiniLM-L6-v2).</summary>
    public int Dimensions { get; }

    /// <summary>The model identifier reported on every <see cref="Embedding"/>; vectors from different identifiers
    /// must not be compared.</summary>
    public string ModelId { get; }

    /// <summary>Full path of the ONNX file actually loaded (the int8 copy at <see cref="EmbeddingPrecision.Int8"/>).</summary>
    public string ModelPath { get; }

    /// <summary>The precision the model runs at.</summary>
    public EmbeddingPrecision Precision { get; }

    /// <summary>Model window in tokens (including [CLS] and [SEP]).</summary>
    public int MaxTokens => _maxTokens;

    /// <summary>Embeds one text synchronously: the lowest-latency path.</summary>
    /// <param name="text">The text; see the class remarks for what is rejected.</param>
    /// <returns>A new vector of <see cref="Dimensions"/> values (unit length unless normalization is off).</returns>
    /// <exception cref="ArgumentException">The text is null, empty, whitespace-only, has no tokens or contains an
    /// unpaired surrogate.</exception>
    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        EmbedOne(text, vector, nameof(text));
        return vector;
    }

    /// <summary>Embeds one text synchronously into a caller-owned buffer (e.g. a slot of an aligned vector
    /// arena), so the hot path allocates nothing but the tokenizer's input string.</summary>
    /// <param name="text">The text; see the class remarks for what is rejected.</param>
    /// <param name="destination">Receives the vector in its first <see cref="Dimensions"/> elements.</param>
    /// <exception cref="ArgumentException">The text is rejected, or <paramref name="destination"/> is shorter
    /// than <see cref="Dimensions"/>.</exception>
    public void Embed(ReadOnlySpan<char> text, Span<float> destination)
    {
        if (destination.Length < Dimensions)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but the model produces {Dimensions}.", nameof(destination));
        }

        // FastBertTokenizer takes a string; validating the span first avoids allocating for rejected input.
        InputValidation.Validate(text, nameof(text));
        EmbedOne(new string(text), destination[..Dimensions], nameof(text));
    }

    /// <summary>Embeds one text and reports what the vector covers (token count, truncation).</summary>
    /// <param name="text">The text; see the class remarks for what is rejected.</param>
    /// <returns>The embedding, with <see cref="OnnxEmbeddingMetadata"/> entries in its additional properties.</returns>
    public Embedding<float> EmbedWithMetadata(string text)
    {
        var vector = new float[Dimensions];
        var info = EmbedOne(text, vector, nameof(text));
        return ToEmbedding(vector, info);
    }

    /// <inheritdoc />
    /// <remarks>Runs synchronously on the calling thread (the work is CPU-bound, and hopping to the thread pool
    /// would only add latency); cancellation is observed between model batches.</remarks>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is int requested && requested != Dimensions)
        {
            throw new ArgumentException($"This model produces {Dimensions}-dimensional vectors; {requested} dimensions were requested.", nameof(options));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var vectors = new float[texts.Count * Dimensions];
        var infos = new InputInfo[texts.Count];
        EmbedMany(texts, vectors, infos, nameof(values), cancellationToken);

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        long tokens = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            result.Add(ToEmbedding(vectors.AsMemory(i * Dimensions, Dimensions), infos[i]));
            tokens += infos[i].TokenCount;
        }

        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the native model session. Calls after disposal throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
    }

    private Embedding<float> ToEmbedding(ReadOnlyMemory<float> vector, InputInfo info) => new(vector)
    {
        ModelId = ModelId,
        CreatedAt = DateTimeOffset.UtcNow,
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            [OnnxEmbeddingMetadata.Truncated] = info.Truncated,
            [OnnxEmbeddingMetadata.TokenCount] = info.TokenCount,
            [OnnxEmbeddingMetadata.ChunkCount] = info.ChunkCount,
        },
    };

    private static (BertTokenizer Tokenizer, long Cls, long Sep) LoadTokenizer(string vocabPath, bool lowerCase)
    {
        try
        {
            var tokenizer = new BertTokenizer();
            using (var reader = new StreamReader(vocabPath))
            {
                tokenizer.LoadVocabulary(reader, lowerCase);
            }

            // The marker ids come from the vocabulary itself (101/102 for BERT uncased), read back from an encoding.
            Span<long> ids = stackalloc long[8];
            Span<long> mask = stackalloc long[8];
            var count = tokenizer.Encode("a", ids, mask);
            if (count < 2)
            {
                throw new InvalidOperationException("the tokenizer produced no [CLS]/[SEP] markers");
            }

            return (tokenizer, ids[0], ids[count - 1]);
        }
        catch (Exception ex) when (ex is not FileNotFoundException)
        {
            throw new InvalidOperationException(
                $"The WordPiece vocabulary '{vocabPath}' could not be loaded ({ex.Message}). It must be a BERT vocab.txt (one token per line, with [CLS], [SEP], [PAD] and [UNK]) matching the model; rebuild to restore the default one, or fix OnnxEmbeddingOptions.VocabPath.",
                ex);
        }
    }

    private static InferenceSession LoadSession(string modelPath, int intraOpThreads)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException(
                $"ONNX Runtime could not load the embedding model '{modelPath}' ({ex.Message}). The file is truncated, corrupt or not an ONNX model: delete it and rebuild (the build extracts the default model again), or point OnnxEmbeddingOptions.ModelPath to a valid BERT-style sentence-transformers ONNX model.",
                ex);
        }
    }

    private static (string[] Inputs, string[] Outputs, bool HasTokenTypeIds, int Dimensions) InspectModel(InferenceSession session, string modelPath)
    {
        var inputs = session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            throw new InvalidOperationException(
                $"The model '{modelPath}' is not a BERT-style encoder: it must take 'input_ids' and 'attention_mask' (it takes {string.Join(", ", inputs.Keys)}).");
        }

        var hasTokenTypeIds = inputs.ContainsKey("token_type_ids");
        var unknown = inputs.Keys.Where(name => name is not ("input_ids" or "attention_mask" or "token_type_ids")).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException($"The model '{modelPath}' needs inputs this generator cannot supply: {string.Join(", ", unknown)}.");
        }

        string[] preferred = ["last_hidden_state", "token_embeddings"];
        var output = preferred.FirstOrDefault(session.OutputMetadata.ContainsKey)
            ?? session.OutputMetadata.FirstOrDefault(pair => pair.Value.Dimensions.Length == 3).Key
            ?? throw new InvalidOperationException(
                $"The model '{modelPath}' has no per-token output of shape [batch, sequence, dimensions] to pool (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");

        var dimensions = session.OutputMetadata[output].Dimensions;
        if (dimensions.Length != 3)
        {
            throw new InvalidOperationException($"The model output '{output}' of '{modelPath}' has rank {dimensions.Length}; a [batch, sequence, dimensions] tensor is required.");
        }

        string[] inputNames = hasTokenTypeIds ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        return (inputNames, [output], hasTokenTypeIds, dimensions[2]);
    }

    private int ProbeDimensions()
    {
        long[] ids = [_clsId, _sepId];
        long[] mask = [1, 1];
        long[] shape = [1, 2];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[2], shape);
        OrtValue[] inputs = _hasTokenTypeIds ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
        using var results = _session.Run(null, _inputNames, inputs, _outputNames);
        var outputShape = results[0].GetTensorTypeAndShape().Shape;
        return checked((int)outputShape[^1]);
    }
}
