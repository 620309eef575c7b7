using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace AgentFramework.VectorIndex.Persistence;

/// <summary>
/// Reads the framed records of a log or snapshot (<c>[int32 length][uint32 CRC-32][body]</c>) through a
/// window, and after a frame that does not check out finds the next one that does, so that damage in
/// the middle of a file costs the damaged records only.
/// </summary>
/// <remarks>
/// <para>A candidate frame must have a plausible length that fits in the file, a body of the right
/// shape for its kind (an upsert ends in this index's dimension and that many floats; a delete is one
/// length-prefixed string; a snapshot's closing record is nine bytes), a matching CRC-32 and a body
/// that decodes. The damaged frame's own declared end is tried first — after damage to a body it is
/// the true boundary, and a record-like byte sequence inside a payload is never considered; only when
/// that fails is every later offset tried.</para>
/// <para>An incomplete last frame (the file ends before its declared end, or with fewer bytes than a
/// frame header, or in zeros) is a torn write, not damage.</para>
/// </remarks>
internal sealed class FrameScanner
{
    private const int WindowBytes = 1 << 20;

    private readonly SafeFileHandle _file;
    private readonly int _dimensions;
    private readonly bool _snapshot;
    private byte[] _window = []; // allocated on first read: most header checks never need it
    private long _windowStart;
    private int _windowLength;

    public FrameScanner(SafeFileHandle file, long length, int dimensions, bool snapshot)
    {
        _file = file;
        Length = length;
        _dimensions = dimensions;
        _snapshot = snapshot;
    }

    public long Length { get; }

    /// <summary>
    /// Hands every intact frame from <paramref name="start"/> on to <paramref name="onFrame"/> (buffer, body offset,
    /// body length; the buffer is only valid during the call) and skips damaged regions, telling
    /// <paramref name="onRegion"/> of each in file order, between the frames before and after it.
    /// </summary>
    public ScanResult Scan(long start, Action<byte[], int, int>? onFrame, Action<DamagedRegion>? onRegion = null)
    {
        var result = new ScanResult();
        var at = start;
        while (true)
        {
            if (at == Length)
            {
                result.End = ScanEnd.Clean;
                result.TailStart = at;
                return result;
            }

            if (TryFrameAt(at, decode: false, out var length, out var bodyOffset))
            {
                var buffer = _window;
                if (_snapshot && buffer[bodyOffset] == (byte)RecordKind.SnapshotEnd)
                {
                    result.SnapshotCount = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(bodyOffset + 1));
                    result.End = ScanEnd.SnapshotEnd;
                    result.TailStart = at + RecordCodec.FrameHeaderBytes + length;
                    return result;
                }

                onFrame?.Invoke(buffer, bodyOffset, length);
                result.IntactFrames++;
                at += RecordCodec.FrameHeaderBytes + length;
                continue;
            }

            var next = FindNextFrame(at);
            if (next < 0)
            {
                result.TailStart = at;
                result.End = IsTorn(at) ? ScanEnd.TornTail : ScanEnd.DamagedTail;
                result.TailRecords = result.End == ScanEnd.DamagedTail ? CountRecords(at, Length) : 0;
                return result;
            }

            var region = new DamagedRegion(at, next, CountRecords(at, next));
            result.Regions.Add(region);
            onRegion?.Invoke(region);
            at = next;
        }
    }

    /// <summary>Whether the first frames after the header prove the file is this index's: they check out and one is an upsert of this dimension.</summary>
    public bool StartsWithOwnRecords(long start)
    {
        var at = start;
        for (var i = 0; i < 64 && at < Length; i++)
        {
            if (!TryFrameAt(at, decode: true, out var length, out var bodyOffset))
            {
                return false;
            }

            if (_window[bodyOffset] == (byte)RecordKind.Upsert)
            {
                return true;
            }

            at += RecordCodec.FrameHeaderBytes + length;
        }

        return false;
    }

    /// <summary>Copies bytes <paramref name="start"/>..<paramref name="end"/> to <paramref name="destination"/>.</summary>
    public void CopyTo(long start, long end, Stream destination)
    {
        var buffer = new byte[(int)Math.Min(WindowBytes, Math.Max(1, end - start))];
        for (var at = start; at < end;)
        {
            var read = RandomAccess.Read(_file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0)
            {
                break;
            }

            destination.Write(buffer, 0, read);
            at += read;
        }
    }

    private long FindNextFrame(long damagedAt)
    {
        // First the damaged frame's own end, as its length field states it.
        var header = Bytes(damagedAt, RecordCodec.FrameHeaderBytes);
        if (header.Length == RecordCodec.FrameHeaderBytes)
        {
            var declared = BinaryPrimitives.ReadInt32LittleEndian(header);
            var end = damagedAt + RecordCodec.FrameHeaderBytes + (long)declared;
            if (declared > 0 && end < Length && TryFrameAt(end, decode: true, out _, out _))
            {
                return end;
            }
        }

        for (var at = damagedAt + 1; at + RecordCodec.FrameHeaderBytes < Length; at++)
        {
            if (TryFrameAt(at, decode: true, out _, out _))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Records in a damaged region by their length fields, where those lead exactly to its end; else 1.</summary>
    private int CountRecords(long start, long end)
    {
        var count = 0;
        for (var at = start; at < end; count++)
        {
            var header = Bytes(at, RecordCodec.FrameHeaderBytes);
            if (header.Length < RecordCodec.FrameHeaderBytes)
            {
                return 1;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length <= 0)
            {
                return 1;
            }

            at += RecordCodec.FrameHeaderBytes + (long)length;
            if (at > end)
            {
                return 1;
            }
        }

        return Math.Max(count, 1);
    }

    private bool IsTorn(long at)
    {
        var remaining = Length - at;
        if (remaining < RecordCodec.FrameHeaderBytes)
        {
            return true;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(Bytes(at, RecordCodec.FrameHeaderBytes));
        if (length > 0 && length <= RecordCodec.MaxBodyBytes && at + RecordCodec.FrameHeaderBytes + (long)length > Length)
        {
            return true;
        }

        // Blocks the file system allocated but a power cut kept from being written read back as zeros.
        for (var p = at; p < Length; p += WindowBytes)
        {
            if (Bytes(p, (int)Math.Min(WindowBytes, Length - p)).ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an intact frame starts at <paramref name="at"/>; if so its body is at <c>_window[bodyOffset..]</c>.</summary>
    private bool TryFrameAt(long at, bool decode, out int length, out int bodyOffset)
    {
        length = 0;
        bodyOffset = 0;
        var header = Bytes(at, RecordCodec.FrameHeaderBytes);
        if (header.Length < RecordCodec.FrameHeaderBytes)
        {
            return false;
        }

        length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length <= 0 || length > RecordCodec.MaxBodyBytes || at + RecordCodec.FrameHeaderBytes + (long)length > Length)
        {
            return false;
        }

        // The shape first, from a few bytes: most offsets a resync tries fail here without reading a body.
        if (!HasShape(at + RecordCodec.FrameHeaderBytes, length))
        {
            return false;
        }

        var frame = Bytes(at, RecordCodec.FrameHeaderBytes + length);
        if (frame.Length < RecordCodec.FrameHeaderBytes + length || Crc32.HashToUInt32(frame[RecordCodec.FrameHeaderBytes..]) != crc)
        {
            return false;
        }

        bodyOffset = (int)(at - _windowStart) + RecordCodec.FrameHeaderBytes;
        if (decode)
        {
            try
            {
                _ = RecordCodec.DecodeBody(_window, bodyOffset, length, _dimensions);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a body of <paramref name="length"/> bytes at <paramref name="bodyAt"/> has the shape of a record this
    /// file can hold: an upsert ends in the index's dimension and that many floats, a delete is one length-prefixed
    /// string, a snapshot's closing record is a kind byte and a count.
    /// </summary>
    private bool HasShape(long bodyAt, int length)
    {
        Span<byte> head = stackalloc byte[6];
        head = head[..Peek(bodyAt, head[..Math.Min(head.Length, length)])];
        if (head.IsEmpty)
        {
            return false;
        }

        switch ((RecordKind)head[0])
        {
            case RecordKind.Upsert:
                var vectorBytes = 4L * _dimensions;
                if (length < 23 + vectorBytes)
                {
                    return false;
                }

                Span<byte> dims = stackalloc byte[4];
                return Peek(bodyAt + length - vectorBytes - 4, dims) == 4 && BinaryPrimitives.ReadInt32LittleEndian(dims) == _dimensions;
            case RecordKind.Delete or RecordKind.DeleteScope or RecordKind.DeleteTag when !_snapshot:
                // BinaryWriter.Write(string): a 7-bit-encoded byte count, then the UTF-8 bytes.
                var count = 0;
                for (var i = 1; i < head.Length && i <= 5; i++)
                {
                    count |= (head[i] & 0x7F) << (7 * (i - 1));
                    if ((head[i] & 0x80) == 0)
                    {
                        return count >= 0 && 1 + i + (long)count == length;
                    }
                }

                return false;
            case RecordKind.SnapshotEnd when _snapshot:
                return length == 9;
            default:
                return false;
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="at"/> from the window if it holds them, else straight from the file.</summary>
    private int Peek(long at, Span<byte> destination)
    {
        if (at >= _windowStart && at + destination.Length <= _windowStart + _windowLength)
        {
            _window.AsSpan((int)(at - _windowStart), destination.Length).CopyTo(destination);
            return destination.Length;
        }

        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(_file, destination[total..], at + total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Bytes <paramref name="at"/>..+<paramref name="count"/> (fewer at the end of the file), read through the window.</summary>
    private ReadOnlySpan<byte> Bytes(long at, int count)
    {
        if (at < _windowStart || at + count > _windowStart + _windowLength)
        {
            if (_window.Length < count || _window.Length == 0)
            {
                _window = new byte[Math.Max(count, Math.Max(WindowBytes, _window.Length * 2))];
            }

            _windowStart = at;
            _windowLength = 0;
            while (_windowLength < _window.Length)
            {
                var read = RandomAccess.Read(_file, _window.AsSpan(_windowLength), at + _windowLength);
                if (read <= 0)
                {
                    break;
                }

                _windowLength += read;
            }
        }

        var offset = (int)(at - _windowStart);
        return _window.AsSpan(offset, Math.Max(0, Math.Min(count, _windowLength - offset)));
    }
}
