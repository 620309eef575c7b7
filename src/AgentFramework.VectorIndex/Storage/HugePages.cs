namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Asks Linux to back large, randomly accessed blocks (int8 codes, heap float rows, visited stamps) with
/// 2 MiB pages. A graph walk touches a few thousand scattered rows of a block of hundreds of megabytes; with
/// 4 KiB pages nearly every touch also misses the TLB (at 1M entries this cut the walk's p50 by roughly a
/// tenth, benchmark README). Advisory only: without transparent huge pages, or elsewhere, nothing changes.
/// </summary>
internal static unsafe class HugePages
{
    private const long HugePageBytes = 2L << 20;

    /// <summary>
    /// Smaller blocks are left to normal pages: they are within easy reach of the TLB, and a scope's growth
    /// leaves freed copies behind whose 2 MiB pages would be committed whole.
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
            _ = Madvise.Advise((nint)begin, (nuint)(end - begin), Madvise.HugePage);
        }
    }

    /// <summary>A pinned array whose pages are advised as huge; unless <paramref name="zeroed"/>, its contents are uninitialized and callers write before reading.</summary>
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
}
