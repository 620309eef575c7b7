using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Embeddings.Onnx.Quantization;

/// <summary>Finds the int8 copy of a float model, making it on first use.</summary>
/// <remarks>The copy's file name carries the source model's size and timestamp and the quantizer version, so a
/// changed model or quantizer produces a new copy instead of silently reusing a stale one.</remarks>
internal static class Int8ModelCache
{
    public static string GetOrCreate(string sourceModelPath, string? directory, ILogger logger)
    {
        var source = new FileInfo(sourceModelPath);
        var key = string.Create(CultureInfo.InvariantCulture, $"{source.Length:x}-{source.LastWriteTimeUtc.Ticks:x}-q{DynamicInt8Quantizer.Version}");
        var fileName = $"{Path.GetFileNameWithoutExtension(source.Name)}.{key}.int8.onnx";

        var preferred = directory ?? source.DirectoryName!;
        var fallback = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "AgentFramework", "models");
        foreach (var candidate in directory is null ? new[] { preferred, fallback } : [preferred])
        {
            var path = Path.Combine(candidate, fileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        var target = Path.Combine(preferred, fileName);
        try
        {
            return Create(sourceModelPath, target, logger);
        }
        catch (Exception ex) when (directory is null && ex is IOException or UnauthorizedAccessException)
        {
            var fallbackTarget = Path.Combine(fallback, fileName);
            Log.QuantizedDirectoryNotWritable(logger, ex, preferred, fallback);
            return Create(sourceModelPath, fallbackTarget, logger);
        }
    }

    private static string Create(string sourceModelPath, string target, ILogger logger)
    {
        Log.Quantizing(logger, sourceModelPath, target);
        var stopwatch = Stopwatch.StartNew();
        var summary = DynamicInt8Quantizer.Quantize(sourceModelPath, target);
        if (summary.QuantizedMatMuls == 0)
        {
            File.Delete(target);
            throw new InvalidOperationException($"The model '{sourceModelPath}' has no MatMul with constant float weights to quantize; use EmbeddingPrecision.Float32 for it.");
        }

        Log.Quantized(logger, target, new FileInfo(target).Length, summary.QuantizedMatMuls, summary.QuantizedEmbeddingTable, stopwatch.ElapsedMilliseconds);
        return target;
    }
}
