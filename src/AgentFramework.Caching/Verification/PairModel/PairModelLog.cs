using Microsoft.Extensions.Logging;

namespace AgentFramework.Caching.Verification.PairModel;

internal static partial class PairModelLog
{
    [LoggerMessage(2101, LogLevel.Error, "The cache's pair model could not be loaded ({Reason}); hits are decided by the stricter fallback (every slot-guard rule and the lexical verifier at p >= {FallbackProbability}) until the process restarts. Rebuild or reinstall AgentFramework.Caching and AgentFramework.Embeddings.Onnx to restore it", EventName = "LoadFailed")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string reason, double fallbackProbability);

    [LoggerMessage(2103, LogLevel.Warning, "The cache's int8 pair model could not be built or loaded ({Reason}); the float pair model decides every candidate (one float pass each, the same decisions) until the process restarts", EventName = "Int8Unavailable")]
    public static partial void Int8Unavailable(ILogger logger, Exception exception, string reason);

    [LoggerMessage(2104, LogLevel.Warning, "The cache's float pair model could not be built or loaded ({Reason}); candidates whose int8 score lies within {Margin} of the bar are vetoed instead of settled by it, until the process restarts", EventName = "FloatUnavailable")]
    public static partial void FloatUnavailable(ILogger logger, Exception exception, string reason, double margin);

    [LoggerMessage(2102, LogLevel.Debug, "Pair model loaded: {Description}", EventName = "Loaded")]
    public static partial void Loaded(ILogger logger, string description);
}
