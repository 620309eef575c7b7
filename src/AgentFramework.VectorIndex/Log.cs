using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex;

/// <summary>The index's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Evicted vector entry '{Id}' to stay within capacity ({Policy}).")]
    public static partial void Evicted(ILogger logger, string id, VectorEvictionPolicy policy);
}
