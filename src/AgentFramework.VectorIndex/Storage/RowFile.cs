using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Full-precision rows of one partition in a memory-mapped scratch file instead of on the managed heap
/// (<see cref="EmbeddedVectorIndexOptions.MemoryMappedVectors"/>). Rows are written with positional
/// writes (so writing does not fault pages into this process) and read through a read-only mapping,
/// which only the few rows a search re-scores ever touch.
/// </summary>
/// <remarks>
/// <para>The file is scratch, not a persistence format: the log and snapshots stay the source of truth
/// and the rows are re-written on open. On Unix the file is unlinked as soon as it is open, so a crash
/// leaves nothing behind; the open handle and the mappings keep the data.</para>
/// <para>Growing maps a larger view of the same file; earlier views stay mapped (address space only,
/// the pages are shared) until the whole file is unreachable, so a reader still holding an older
/// segment never reads unmapped memory.</para>
/// </remarks>
internal sealed unsafe class RowFile
{
    private readonly FileStream _file;
    private readonly List<(MemoryMappedFile File, MemoryMappedViewAccessor View)> _views = [];

    public RowFile(string? directory, int rowBytes)
    {
        RowBytes = rowBytes;
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.tmp");
        var windows = OperatingSystem.IsWindows();
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, windows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!windows)
        {
            File.Delete(path);
        }
    }

    ~RowFile()
    {
        foreach (var (file, view) in _views)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }

        _file.Dispose();
    }

    /// <summary>Bytes between row starts (a multiple of 64, so rows stay aligned: views start on a page).</summary>
    public int RowBytes { get; }

    /// <summary>Maps room for <paramref name="rows"/> rows (writer only) and returns the view's base address.</summary>
    public float* Map(int rows)
    {
        var bytes = Math.Max((long)rows * RowBytes, 4096);
        if (_file.Length < bytes)
        {
            _file.SetLength(bytes); // sparse: no disk is used until rows are written
        }

        var file = MemoryMappedFile.CreateFromFile(_file, null, bytes, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = file.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        pointer += view.PointerOffset;
        if (OperatingSystem.IsLinux())
        {
            // Searches touch scattered rows: no read-ahead or fault-around of neighbouring pages into this process.
            _ = Madvise.Advise((nint)pointer, (nuint)bytes, Madvise.Random);
        }

        _views.Add((file, view));
        return (float*)pointer;
    }

    /// <summary>Writes row <paramref name="row"/> (writer only); visible through every view at once (one page cache).</summary>
    public void Write(int row, ReadOnlySpan<float> vector) =>
        RandomAccess.Write(_file.SafeFileHandle, MemoryMarshal.AsBytes(vector), (long)row * RowBytes);

    /// <summary>Reads row <paramref name="row"/> without mapping its pages into this process (bulk copies, snapshots).</summary>
    public void Read(int row, Span<float> destination) =>
        RandomAccess.Read(_file.SafeFileHandle, MemoryMarshal.AsBytes(destination), (long)row * RowBytes);
}
