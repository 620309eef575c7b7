using System.ComponentModel.DataAnnotations;

namespace AgentFramework.Embeddings.Onnx;

/// <summary>Configures <see cref="OnnxEmbeddingGenerator"/>. The defaults run all-MiniLM-L6-v2 exactly as
/// sentence-transformers does (256-token window, mean pooling, unit-length vectors, 384 dimensions).</summary>
/// <remarks>Any BERT-style sentence-transformers model exported to ONNX (inputs <c>input_ids</c>,
/// <c>attention_mask</c> and optionally <c>token_type_ids</c>; a <c>[batch, sequence, dimensions]</c> output) can be
/// used instead by setting <see cref="ModelPath"/>, <see cref="VocabPath"/> and the pooling the model was trained
/// with.</remarks>
public sealed class OnnxEmbeddingOptions
{
    /// <summary>Folder, relative to the application's base directory, where the build puts the default model.</summary>
    public const string DefaultModelFolder = "models/all-MiniLM-L6-v2";

    /// <summary>Path of the ONNX model file.</summary>
    /// <value>Default <see langword="null"/>: <c>models/all-MiniLM-L6-v2/model.onnx</c> under
    /// <see cref="AppContext.BaseDirectory"/>, which the build of every project referencing this library (or its
    /// NuGet package) copies there.</value>
    public string? ModelPath { get; set; }

    /// <summary>Path of the WordPiece vocabulary (<c>vocab.txt</c>, one token per line) matching the model.</summary>
    /// <value>Default <see langword="null"/>: <c>vocab.txt</c> beside <see cref="ModelPath"/> when that is set,
    /// else the default model's vocabulary.</value>
    public string? VocabPath { get; set; }

    /// <summary>Identifier reported as <see cref="Microsoft.Extensions.AI.Embedding.ModelId"/> and in the generator
    /// metadata; part of what a cache should key on, because vectors of different models are not comparable.</summary>
    /// <value>Default <see langword="null"/>: <c>all-MiniLM-L6-v2</c> for the default model (with an <c>-int8</c>
    /// suffix at <see cref="EmbeddingPrecision.Int8"/>), else the model file name.</value>
    public string? ModelId { get; set; }

    /// <summary>Model window in tokens, including the [CLS] and [SEP] markers.</summary>
    /// <value>Default 256, the window all-MiniLM-L6-v2 was trained with (its position table allows 512, but
    /// quality past 256 is not what sentence-transformers reports).</value>
    [Range(3, 8192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>What to do with inputs longer than <see cref="MaxTokens"/>.</summary>
    /// <value>Default <see cref="LongInputHandling.Truncate"/>, reported in the metadata.</value>
    public LongInputHandling LongInput { get; set; } = LongInputHandling.Truncate;

    /// <summary>Upper bound on the windows one input is split into with
    /// <see cref="LongInputHandling.ChunkAndAverage"/>; bounds the cost of a huge input. The rest is truncated.</summary>
    /// <value>Default 16 (about 4,000 tokens with the default window).</value>
    [Range(1, 4096)]
    public int MaxChunks { get; set; } = 16;

    /// <summary>How token vectors are reduced to one sentence vector.</summary>
    /// <value>Default <see cref="EmbeddingPooling.Mean"/> (what all-MiniLM-L6-v2 was trained with).</value>
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Mean;

    /// <summary>Scale every vector to unit length, so a dot product is the cosine similarity.</summary>
    /// <value>Default <see langword="true"/> (sentence-transformers' <c>normalize_embeddings=True</c>).</value>
    public bool Normalize { get; set; } = true;

    /// <summary>Lower-case (and strip accents from) the input before WordPiece, as uncased BERT vocabularies
    /// require.</summary>
    /// <value>Default <see langword="true"/> (all-MiniLM-L6-v2 is uncased).</value>
    public bool LowerCase { get; set; } = true;

    /// <summary>Numeric precision to run the model at.</summary>
    /// <value>Default <see cref="EmbeddingPrecision.Float32"/>: exact sentence-transformers vectors. See the
    /// benchmarks README for the measured speed and agreement of <see cref="EmbeddingPrecision.Int8"/>.</value>
    public EmbeddingPrecision Precision { get; set; } = EmbeddingPrecision.Float32;

    /// <summary>Folder where the int8 copy of the model is written on first use and found afterwards.</summary>
    /// <value>Default <see langword="null"/>: the model's own folder when writable, else
    /// <c>AgentFramework/models</c> under the user's local application data folder.</value>
    public string? QuantizedModelDirectory { get; set; }

    /// <summary>Threads ONNX Runtime may use inside one model run.</summary>
    /// <value>Default 1. Measured on a 2-vCPU machine, two threads were slower than one; concurrent requests
    /// already use the other cores, because one session serves all threads.</value>
    [Range(1, 256)]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Largest number of inputs run through the model in one pass by
    /// <see cref="OnnxEmbeddingGenerator.GenerateAsync"/>. Inputs are grouped by token length first so that
    /// padding stays small.</summary>
    /// <value>Default 32.</value>
    [Range(1, 4096)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How many model runs one <see cref="OnnxEmbeddingGenerator.GenerateAsync"/> call may run side by side: a
    /// call with many inputs is cut into that many length-sorted batches, one per core. A single input always runs on
    /// the caller's thread.</summary>
    /// <value>Default <see langword="null"/>: <see cref="Environment.ProcessorCount"/>. Set 1 to run every batch on the
    /// calling thread (e.g. when the host already keeps every core busy with concurrent requests).</value>
    [Range(1, 256)]
    public int? BatchParallelism { get; set; }
}
