using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Persistence;

/// <summary>One decoded record.</summary>
internal sealed class LogRecord
{
    public RecordKind Kind { get; init; }

    /// <summary>Entry id (upsert, delete), scope key (delete-scope) or tag (delete-tag).</summary>
    public string Key { get; init; } = "";

    public VectorScope? Scope { get; init; }

    public string? Payload { get; init; }

    public string[] Tags { get; init; } = [];

    public long ExpiresTicks { get; init; }

    public long Count { get; init; }

    public float[]? Vector { get; init; }
}
