using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFramework.Caching.Verification.PairModel;

/// <summary>
/// The per-channel activation maxima the int8-MatMul pair model (<see cref="SemanticCacheOptions.UseInt8PairModel"/>) is
/// smoothed with before its MatMuls go int8 (<see cref="PairModelSmoothing"/>): the largest magnitude each input channel of each weight MatMul reached when the
/// fp32 model scored a fixed set of calibration pairs. Computed offline by the Caching benchmark's
/// <c>--pair-calibrate</c> and embedded beside the delta; a test recomputes it from the files it names.
/// </summary>
internal sealed class PairModelCalibration
{
    /// <summary>The embedded calibration's resource name.</summary>
    public const string Resource = "AgentFramework.Caching.pair-model.calibration.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>SHA-256 of the delta these maxima were measured on: another model needs its own calibration.</summary>
    [JsonPropertyName("deltaSha256")]
    public required string DeltaSha256 { get; init; }

    /// <summary>The calibration pairs' files, relative to the repository root, read in this order.</summary>
    [JsonPropertyName("files")]
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>How many data rows of each file were scored (from the first).</summary>
    [JsonPropertyName("rowsPerFile")]
    public required int RowsPerFile { get; init; }

    /// <summary>Per MatMul input tensor of the fp32 graph, the largest magnitude of each channel.</summary>
    [JsonPropertyName("maxima")]
    public required IReadOnlyDictionary<string, float[]> Maxima { get; init; }

    /// <summary>SHA-256 of the serialized calibration (names the cached int8 file, so a new calibration rebuilds it).</summary>
    [JsonIgnore]
    public string Sha256 { get; private set; } = "";

    /// <summary>Reads the embedded calibration.</summary>
    /// <exception cref="FileNotFoundException">The resource is missing.</exception>
    /// <exception cref="InvalidDataException">The resource is not a calibration.</exception>
    public static PairModelCalibration ReadEmbedded()
    {
        using var stream = typeof(PairModelCalibration).Assembly.GetManifestResourceStream(Resource)
            ?? throw new FileNotFoundException($"The pair-model calibration resource '{Resource}' is missing from {typeof(PairModelCalibration).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray());
    }

    /// <summary>Parses a calibration written by <see cref="ToUtf8"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete calibration.</exception>
    public static PairModelCalibration Parse(byte[] utf8)
    {
        PairModelCalibration? calibration;
        try
        {
            calibration = JsonSerializer.Deserialize<PairModelCalibration>(utf8, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The pair-model calibration is not valid JSON.", ex);
        }

        if (calibration is null || calibration.Maxima.Count == 0 || calibration.Maxima.Values.Any(m => m is null || m.Length == 0 || m.Any(v => !float.IsFinite(v) || v < 0)))
        {
            throw new InvalidDataException("The pair-model calibration holds no maxima, or a negative or non-finite one.");
        }

        calibration.Sha256 = Convert.ToHexStringLower(SHA256.HashData(utf8));
        return calibration;
    }

    /// <summary>The calibration as UTF-8 JSON (what <c>--pair-calibrate</c> writes).</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Throws unless these maxima were measured on <paramref name="delta"/>.</summary>
    /// <exception cref="InvalidDataException">The calibration belongs to another delta.</exception>
    public void EnsureFor(PairModelDelta delta)
    {
        if (!string.Equals(DeltaSha256, delta.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The pair-model calibration was measured on delta {DeltaSha256}, not on {delta.Sha256}: run the Caching benchmark's --pair-calibrate for the new model.");
        }
    }
}
