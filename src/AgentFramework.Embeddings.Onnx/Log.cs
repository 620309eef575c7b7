using Microsoft.Extensions.Logging;

namespace AgentFramework.Embeddings.Onnx;

internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "Loaded embedding model {ModelId} from {ModelPath}: {Dimensions} dimensions, window {MaxTokens} tokens, precision {Precision}, {IntraOpThreads} intra-op thread(s), in {ElapsedMs} ms.", EventName = "ModelLoaded")]
    public static partial void ModelLoaded(ILogger logger, string modelId, string modelPath, int dimensions, int maxTokens, EmbeddingPrecision precision, int intraOpThreads, long elapsedMs);

    [LoggerMessage(9002, LogLevel.Debug, "Input of {TokenCount}+ tokens exceeds the {MaxTokens}-token window; {Handling}.", EventName = "LongInput")]
    public static partial void LongInput(ILogger logger, int tokenCount, int maxTokens, string handling);

    [LoggerMessage(9003, LogLevel.Information, "Quantizing {SourcePath} to int8 (first use); writing {TargetPath}.", EventName = "Quantizing")]
    public static partial void Quantizing(ILogger logger, string sourcePath, string targetPath);

    [LoggerMessage(9004, LogLevel.Information, "Quantized model written: {TargetPath} ({Bytes} bytes, {MatMuls} MatMul nodes quantized, embedding table quantized: {EmbeddingQuantized}) in {ElapsedMs} ms.", EventName = "Quantized")]
    public static partial void Quantized(ILogger logger, string targetPath, long bytes, int matMuls, bool embeddingQuantized, long elapsedMs);

    [LoggerMessage(9005, LogLevel.Warning, "Could not write the quantized model to {Directory}; using {Fallback} instead.", EventName = "QuantizedDirectoryNotWritable")]
    public static partial void QuantizedDirectoryNotWritable(ILogger logger, Exception exception, string directory, string fallback);
}
