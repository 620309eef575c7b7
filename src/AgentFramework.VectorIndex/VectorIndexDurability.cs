namespace AgentFramework.VectorIndex;

/// <summary>When a write to a persistent <see cref="EmbeddedVectorIndex"/> is acknowledged.</summary>
public enum VectorIndexDurability
{
    /// <summary>After the record is on stable storage (fsync): survives power loss.</summary>
    Durable,

    /// <summary>After the record is handed to the operating system: survives a killed process, not a power cut.</summary>
    Fast,
}
