namespace AgentFramework.VectorIndex.Persistence;

/// <summary>The kinds of record in logs and snapshots.</summary>
internal enum RecordKind : byte
{
    Upsert = 1,
    Delete = 2,
    DeleteScope = 3,
    DeleteTag = 4,

    /// <summary>Closes a snapshot; a snapshot without it is incomplete and ignored.</summary>
    SnapshotEnd = 255,
}
