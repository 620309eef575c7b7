using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Fixed-capacity, append-only rows of one scope: unit vectors in one contiguous, 64-byte-aligned
/// block (on the heap, or in a memory-mapped <see cref="RowFile"/>), an optional int8 copy, and a
/// parallel expiry array that the scan reads instead of chasing record pointers.
/// </summary>
/// <remarks>
/// <para>Readers never lock. A row is written completely before <see cref="Count"/> is published with
/// a release store, and rows below <see cref="Count"/> never change except that a delete sets their
/// expiry to 0; a reader that raced a delete may return the entry once, as if it searched first.
/// Growing or compacting builds a new segment and swaps the partition's reference, so a reader keeps
/// a consistent view of the segment it started with.</para>
/// <para>The heap block is a pinned array on the pinned object heap, offset to a 64-byte boundary, rather
/// than <c>NativeMemory.AlignedAlloc</c>: alignment is what makes the scan run at memory bandwidth
/// (unaligned <c>float[]</c> data measured 1.4–1.65× slower here), and a GC-owned block cannot be
/// freed under a reader still scanning a replaced segment, which native memory would need epochs
/// or reference counts to prevent. Mapped rows get the same guarantee from <see cref="RowFile"/>,
/// which unmaps only when no segment references it.</para>
/// </remarks>
internal sealed unsafe class Segment
{
    private const int AlignFloats = 16; // 64 bytes

    private readonly float[]? _block;
    private readonly int _blockOffset;
    private readonly RowFile? _rowFile;
    private readonly float* _mapped;
    private readonly sbyte[]? _codes;
    private readonly int _codesOffset;
    private readonly sbyte* _codesBase;
    private readonly float* _blockBase;
    private int _count;

    /// <summary>Rows on the managed heap.</summary>
    public Segment(int dimensions, int capacity, bool quantize)
        : this(dimensions, capacity, quantize, null)
    {
    }

    /// <summary>Rows in <paramref name="rowFile"/> when given (then <paramref name="quantize"/> must be true: graphs and scans run on the codes).</summary>
    public Segment(int dimensions, int capacity, bool quantize, RowFile? rowFile)
    {
        Dimensions = dimensions;
        Capacity = capacity;
        Stride = (dimensions + AlignFloats - 1) / AlignFloats * AlignFloats;
        if (((long)Stride * capacity) + AlignFloats > Array.MaxLength)
        {
            throw new InvalidOperationException($"One scope can hold at most {(Array.MaxLength - AlignFloats) / Stride} vectors of {dimensions} dimensions; spread entries over more scopes.");
        }

        if (rowFile is null)
        {
            _block = HugePages.AllocatePinned<float>((Stride * capacity) + AlignFloats, zeroed: true);
            _blockOffset = AlignmentOffset((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block)), sizeof(float));
            _blockBase = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block)) + _blockOffset;
        }
        else
        {
            _rowFile = rowFile;
            _mapped = rowFile.Map(capacity);
        }

        Records = new EntryRecord[capacity];
        Expiry = new long[capacity];
        if (quantize)
        {
            CodeStride = (dimensions + 63) / 64 * 64;
            _codes = HugePages.AllocatePinned<sbyte>((CodeStride * capacity) + 64, zeroed: false); // every row is written before it is published
            _codesOffset = AlignmentOffset((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_codes)), 1);
            _codesBase = (sbyte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_codes)) + _codesOffset; // pinned: the address is stable
            CodeScales = new float[capacity];
        }
    }

    public int Dimensions { get; }

    public int Capacity { get; }

    /// <summary>Floats between row starts: the dimension rounded up to 64 bytes so every row is aligned.</summary>
    public int Stride { get; }

    /// <summary>Bytes between int8 row starts.</summary>
    public int CodeStride { get; }

    public bool Quantized => _codes is not null;

    /// <summary>The full-precision rows live in a memory-mapped file.</summary>
    public RowFile? RowFile => _rowFile;

    /// <summary>Rows written and visible to readers.</summary>
    public int Count => Volatile.Read(ref _count);

    public EntryRecord[] Records { get; }

    /// <summary>Per row: UTC ticks after which the row is dead; 0 once deleted.</summary>
    public long[] Expiry { get; }

    /// <summary>Per row: the factor turning an int8 dot product back into a cosine.</summary>
    public float[]? CodeScales { get; }

    public bool IsFull => _count == Capacity;

    /// <summary>The graph over these rows when the scope is large enough for one; set by the writer.</summary>
    public HnswGraph? Graph
    {
        get => Volatile.Read(ref _graph);
        set => Volatile.Write(ref _graph, value);
    }

    private HnswGraph? _graph;

    /// <summary>
    /// A larger copy with every row (dead ones too) at the same slot, so a graph over these slots
    /// stays valid; readers of this segment are unaffected. Mapped rows are not copied: the new
    /// segment maps a larger view of the same file.
    /// </summary>
    public Segment GrowTo(int capacity) => GrowTo(capacity, _rowFile);

    /// <summary>As <see cref="GrowTo(int)"/>, moving heap rows into <paramref name="rowFile"/> when this segment has none yet.</summary>
    public Segment GrowTo(int capacity, RowFile? rowFile)
    {
        if (_rowFile is not null && rowFile != _rowFile)
        {
            throw new ArgumentException("A mapped segment grows within its own file.", nameof(rowFile));
        }

        var fresh = new Segment(Dimensions, capacity, Quantized, rowFile);
        var n = _count;
        if (_block is not null && rowFile is null)
        {
            Array.Copy(_block, _blockOffset, fresh._block!, fresh._blockOffset, n * Stride);
        }
        else if (_block is not null)
        {
            for (var slot = 0; slot < n; slot++)
            {
                rowFile!.Write(slot, Row(slot));
            }
        }

        if (_codes is not null)
        {
            Array.Copy(_codes, _codesOffset, fresh._codes!, fresh._codesOffset, n * CodeStride);
            Array.Copy(CodeScales!, fresh.CodeScales!, n);
        }

        Array.Copy(Records, fresh.Records, n);
        Array.Copy(Expiry, fresh.Expiry, n);
        fresh._count = n;
        fresh._graph = _graph?.Grow(capacity);
        return fresh;
    }

    /// <summary>The row of <paramref name="slot"/>; for a mapped segment valid only while this segment is reachable.</summary>
    public ReadOnlySpan<float> Row(int slot) => _block is not null
        ? new(_block, _blockOffset + (slot * Stride), Dimensions)
        : new(_mapped + ((long)slot * Stride), Dimensions);

    /// <summary>Copies row <paramref name="slot"/> out; for mapped rows without faulting the row's pages into this process.</summary>
    public void CopyRow(int slot, Span<float> destination)
    {
        if (_rowFile is not null)
        {
            _rowFile.Read(slot, destination[..Dimensions]);
        }
        else
        {
            Row(slot).CopyTo(destination);
        }
    }

    /// <summary>The whole aligned block of the first <paramref name="rows"/> rows (for bulk scans; heap rows only).</summary>
    public ReadOnlySpan<float> Rows(int rows) => new(_block, _blockOffset, rows * Stride);

    public ReadOnlySpan<sbyte> CodeRow(int slot) => new(_codes, _codesOffset + (slot * CodeStride), CodeStride);

    /// <summary>Appends a row (writer only) and publishes it; returns its slot.</summary>
    public int Append(EntryRecord record, ReadOnlySpan<float> unitVector)
    {
        var slot = _count;
        if (_rowFile is not null)
        {
            _rowFile.Write(slot, unitVector);
        }
        else
        {
            unitVector.CopyTo(new Span<float>(_block, _blockOffset + (slot * Stride), Dimensions));
        }

        if (_codes is not null)
        {
            CodeScales![slot] = Int8Codec.Encode(unitVector, new Span<sbyte>(_codes, _codesOffset + (slot * CodeStride), CodeStride));
        }

        Records[slot] = record;
        Expiry[slot] = record.ExpiresTicks;
        Volatile.Write(ref _count, slot + 1);
        return slot;
    }

    /// <summary>Marks a row dead (writer only).</summary>
    public void Kill(int slot) => Volatile.Write(ref Expiry[slot], 0);

    /// <summary>Cosine of a unit query with row <paramref name="slot"/>.</summary>
    public float Score(ReadOnlySpan<float> unitQuery, int slot)
    {
        var score = TensorPrimitives.Dot(unitQuery, Row(slot));
        GC.KeepAlive(this); // keeps the mapping of a replaced segment alive until the read is done
        return score;
    }

    /// <summary>
    /// Cosines of a unit query with rows <paramref name="start"/>.. (as many as <paramref name="scores"/> holds), for
    /// exact scans: one sequential pass over the rows, one dot product each.
    /// </summary>
    public void ScoreRows(ReadOnlySpan<float> unitQuery, int start, Span<float> scores)
    {
        if (_block is null)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = Score(unitQuery, start + i);
            }

            return;
        }

        var dims = Dimensions;
        var stride = (long)Stride;
        var row = _blockBase + (start * stride); // pinned block; rows below Count
        for (var i = 0; i < scores.Length; i++, row += stride)
        {
            scores[i] = TensorPrimitives.Dot(unitQuery, new ReadOnlySpan<float>(row, dims));
        }

        GC.KeepAlive(this);
    }

    /// <summary>
    /// The score graph construction and traversal use: the int8 approximation when the segment is
    /// quantized (a quarter of the bytes; results are re-scored exactly), else the exact cosine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float GraphScore(scoped in GraphQuery query, int slot)
    {
        if (_codes is null)
        {
            return TensorPrimitives.Dot(query.Floats, Row(slot));
        }

        var row = new ReadOnlySpan<sbyte>(_codesBase + ((long)slot * CodeStride), CodeStride); // pinned block, slot < Count
        var dot = query.Magnitudes.IsEmpty ? Int8Codec.Dot(query.Codes, row) : Int8Codec.Dot(query.Magnitudes, query.Negative, row);
        return dot * query.Scale * CodeScales![slot];
    }

    /// <summary>
    /// Asks the CPU to start loading what <see cref="GraphScore"/> will read for <paramref name="slot"/>, so a
    /// graph walk overlaps the cache misses of a node's neighbours instead of taking them one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int slot)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        byte* row;
        int bytes;
        if (_codes is not null)
        {
            row = (byte*)(_codesBase + ((long)slot * CodeStride));
            bytes = CodeStride;
        }
        else if (_block is not null)
        {
            row = (byte*)(_blockBase + ((long)slot * Stride));
            bytes = Dimensions * sizeof(float);
        }
        else
        {
            return;
        }

        for (var offset = 0; offset < bytes; offset += 64)
        {
            Sse.Prefetch0(row + offset);
        }
    }

    /// <summary>Starts loading the full-precision row of <paramref name="slot"/> (for re-scoring a quantized walk's results).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchRow(int slot)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var row = (byte*)((_block is not null ? _blockBase : _mapped) + ((long)slot * Stride));
        var bytes = Dimensions * sizeof(float);
        for (var offset = 0; offset < bytes; offset += 64)
        {
            Sse.Prefetch0(row + offset); // a prefetch of a page not mapped in yet is dropped, never a fault
        }
    }

    /// <summary>
    /// <paramref name="unitQuery"/> as graph walks and int8 scans score it: on a quantized segment, its codes
    /// written to <paramref name="codes"/> and, where the 512-bit dot runs, split into <paramref name="magnitudes"/>
    /// and <paramref name="negative"/> (each buffer <see cref="CodeStride"/> long; empty for an exact segment).
    /// </summary>
    public GraphQuery EncodeQuery(ReadOnlySpan<float> unitQuery, Span<sbyte> codes, Span<byte> magnitudes, Span<sbyte> negative)
    {
        if (_codes is null)
        {
            return new GraphQuery(unitQuery, default, 1);
        }

        var scale = Int8Codec.Encode(unitQuery, codes);
        if (!Int8Codec.SplitDotAccelerated)
        {
            return new GraphQuery(unitQuery, codes, scale);
        }

        Int8Codec.SplitSigns(codes, magnitudes, negative);
        return new GraphQuery(unitQuery, codes, scale, magnitudes, negative);
    }

    /// <summary>Row <paramref name="slot"/> as a graph query (writer only: for a mapped segment, quantized rows are used).</summary>
    public GraphQuery NodeQuery(int slot) => _codes is not null
        ? new GraphQuery(default, CodeRow(slot), CodeScales![slot])
        : new GraphQuery(Row(slot), default, 1);

    private static int AlignmentOffset(nint address, int elementSize)
    {
        var misalignment = (int)(address & 63);
        return misalignment == 0 ? 0 : (64 - misalignment) / elementSize;
    }
}
