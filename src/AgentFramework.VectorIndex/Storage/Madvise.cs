using System.Runtime.InteropServices;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>Linux <c>madvise(2)</c>, for the advice the index gives about its large blocks (callers check the OS).</summary>
internal static partial class Madvise
{
    /// <summary><c>MADV_RANDOM</c>: no read-ahead around faulted pages.</summary>
    public const int Random = 1;

    /// <summary><c>MADV_HUGEPAGE</c>: back the range with transparent huge pages where possible.</summary>
    public const int HugePage = 14;

    [LibraryImport("libc", EntryPoint = "madvise")]
    public static partial int Advise(nint address, nuint length, int advice);
}
