using System.Runtime.InteropServices;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Asks Linux to back large, randomly accessed blocks (int8 codes, float rows, the graph's bottom layer,
/// visited stamps) with 2 MiB pages. A graph walk touches a few thousand scattered rows of a block of
/// hundreds of megabytes; with 4 KiB pages nearly every touch also misses the TLB. Advisory only: without
/// transparent huge pages (or on other systems) nothing changes.
/// </summary>
internal static unsafe partial class HugePages
{
    private const int MadviseHugePage = 14;
    private const long HugePageBytes = 2L << 20;

    /// <summary>
    /// Below this a block is left to normal pages: measured at 100k entries, advising the (30–40 MB) blocks of a
    /// growing scope raised its anonymous RSS from ~890 to ~1,470 B per vector, while at 1M (blocks of hundreds
    /// of MB) RSS was unchanged and walks got faster.
    /// </summary>
    private const long MinimumBytes = 64L << 20;

    /// <summary>Advises the 2 MiB-aligned part of <c>[start, start + bytes)</c>; blocks under 64 MiB are left alone.</summary>
    public static void Advise(void* start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes)
        {
            return;
        }

        var begin = ((long)start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        var end = ((long)start + bytes) & ~(HugePageBytes - 1);
        if (end > begin)
        {
            _ = NativeMethods.madvise((nint)begin, (nuint)(end - begin), MadviseHugePage);
        }
    }

    /// <summary>A pinned array whose pages are advised as huge (its contents are uninitialized: callers write before reading).</summary>
    public static T[] AllocatePinned<T>(int length, bool zeroed)
        where T : unmanaged
    {
        var array = zeroed ? GC.AllocateArray<T>(length, pinned: true) : GC.AllocateUninitializedArray<T>(length, pinned: true);
        fixed (T* start = array)
        {
            Advise(start, (long)length * sizeof(T));
        }

        return array;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "madvise")]
        public static partial int madvise(nint address, nuint length, int advice);
    }
}
