using System.IO.Hashing;

namespace AgentFramework.VectorIndex.Persistence;

/// <summary>A pass-through stream that feeds every byte read or written into a CRC-32, for files checked as a whole.</summary>
internal sealed class ChecksumStream(Stream inner) : Stream
{
    private readonly Crc32 _crc = new();

    /// <summary>The CRC-32 of the bytes passed so far.</summary>
    public uint Checksum => _crc.GetCurrentHashAsUInt32();

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _crc.Append(buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc.Append(buffer);
        inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
