using Microsoft.Extensions.Logging;

namespace AgentFramework.Architecture.Tests.Fixtures;

/// <summary>Deliberately wrong logging declarations: the rule must catch every one of them.</summary>
internal static partial class MisnumberedLog
{
    [LoggerMessage(1, LogLevel.Debug, "No name and an id outside every range.")]
    public static partial void Unnamed(ILogger logger);

    [LoggerMessage(1, LogLevel.Debug, "Same id as the one above.", EventName = "SameIdAsUnnamed")]
    public static partial void SameId(ILogger logger);
}
