using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Persistence;

/// <summary>
/// Record framing shared by the log and snapshots: <c>[int32 body length][uint32 CRC-32 of body][body]</c>,
/// little-endian. The checksum is what lets a torn or scribbled tail be told from real data.
/// </summary>
internal static class RecordCodec
{
    /// <summary>Bytes of framing before each body.</summary>
    public const int FrameHeaderBytes = 8;

    /// <summary>No legitimate record is larger (payload ≤ 1 Mi chars → ≤ 3 MiB of UTF-8, plus vector and scope).</summary>
    public const int MaxBodyBytes = 16 << 20;

    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void WriteUpsert(BinaryWriter body, string id, VectorScope scope, string? payload, string[] tags, long expiresTicks, ReadOnlySpan<float> unitVector)
    {
        body.Write((byte)RecordKind.Upsert);
        body.Write(id);
        body.Write(scope.Fields.Count);
        foreach (var (name, value) in scope.Fields)
        {
            body.Write(name);
            body.Write(value);
        }

        body.Write(payload is not null);
        if (payload is not null)
        {
            body.Write(payload);
        }

        body.Write(tags.Length);
        foreach (var tag in tags)
        {
            body.Write(tag);
        }

        body.Write(expiresTicks);
        body.Write(unitVector.Length);
        if (BitConverter.IsLittleEndian)
        {
            body.Write(MemoryMarshal.AsBytes(unitVector));
        }
        else
        {
            foreach (var x in unitVector)
            {
                body.Write(x);
            }
        }
    }

    public static void WriteKeyed(BinaryWriter body, RecordKind kind, string key)
    {
        body.Write((byte)kind);
        body.Write(key);
    }

    public static void WriteSnapshotEnd(BinaryWriter body, long count)
    {
        body.Write((byte)RecordKind.SnapshotEnd);
        body.Write(count);
    }

    /// <summary>Frames <paramref name="body"/> into <paramref name="destination"/>.</summary>
    public static void Frame(ReadOnlySpan<byte> body, Stream destination)
    {
        Span<byte> header = stackalloc byte[FrameHeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(body));
        destination.Write(header);
        destination.Write(body);
    }

    /// <summary>
    /// Reads the next framed record. Returns <c>false</c> at a clean end of data, and also — with
    /// <paramref name="damaged"/> set — at a torn frame, a checksum mismatch or an undecodable body.
    /// </summary>
    public static bool TryRead(Stream source, int dimensions, byte[] scratch, out LogRecord? record, out bool damaged, out byte[] grown)
    {
        record = null;
        if (!TryReadFrame(source, scratch, out var length, out damaged, out grown))
        {
            return false;
        }

        try
        {
            record = Decode(grown, 0, length, dimensions);
            return true;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException or DecoderFallbackException)
        {
            damaged = true;
            return false;
        }
    }

    /// <summary>
    /// Reads the next frame and checks its checksum without decoding the body (left in <paramref name="grown"/>);
    /// returns <c>false</c> at a clean end of data or, with <paramref name="damaged"/> set, at a bad frame.
    /// </summary>
    public static bool TryReadFrame(Stream source, byte[] scratch, out int length, out bool damaged, out byte[] grown)
    {
        length = 0;
        damaged = false;
        grown = scratch;
        Span<byte> header = stackalloc byte[FrameHeaderBytes];
        var got = source.ReadAtLeast(header, FrameHeaderBytes, throwOnEndOfStream: false);
        if (got == 0)
        {
            return false;
        }

        if (got < FrameHeaderBytes)
        {
            damaged = true;
            return false;
        }

        length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length <= 0 || length > MaxBodyBytes)
        {
            damaged = true;
            return false;
        }

        if (grown.Length < length)
        {
            grown = new byte[Math.Max(length, grown.Length * 2)];
        }

        if (source.ReadAtLeast(grown.AsSpan(0, length), length, throwOnEndOfStream: false) < length
            || Crc32.HashToUInt32(grown.AsSpan(0, length)) != crc)
        {
            damaged = true;
            return false;
        }

        return true;
    }

    /// <summary>Decodes a body read by <see cref="TryReadFrame"/>.</summary>
    /// <exception cref="FormatException">The body is not a valid record.</exception>
    public static LogRecord DecodeBody(byte[] buffer, int length, int dimensions) => DecodeBody(buffer, 0, length, dimensions);

    /// <summary>Decodes a body of <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="buffer"/>.</summary>
    /// <exception cref="FormatException">The body is not a valid record.</exception>
    public static LogRecord DecodeBody(byte[] buffer, int offset, int length, int dimensions)
    {
        try
        {
            return Decode(buffer, offset, length, dimensions);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or DecoderFallbackException)
        {
            throw new FormatException("Undecodable record.", ex);
        }
    }

    private static LogRecord Decode(byte[] buffer, int offset, int length, int dimensions)
    {
        using var stream = new MemoryStream(buffer, offset, length, writable: false);
        using var reader = new BinaryReader(stream, Utf8);
        var kind = (RecordKind)reader.ReadByte();
        switch (kind)
        {
            case RecordKind.Upsert:
                var id = reader.ReadString();
                var fieldCount = reader.ReadInt32();
                if (fieldCount is < 0 or > VectorScope.MaxFields)
                {
                    throw new FormatException("Bad scope field count.");
                }

                var fields = new KeyValuePair<string, string>[fieldCount];
                for (var i = 0; i < fieldCount; i++)
                {
                    fields[i] = new(reader.ReadString(), reader.ReadString());
                }

                var payload = reader.ReadBoolean() ? reader.ReadString() : null;
                var tagCount = reader.ReadInt32();
                if (tagCount < 0 || tagCount > length)
                {
                    throw new FormatException("Bad tag count.");
                }

                var tags = tagCount == 0 ? Array.Empty<string>() : new string[tagCount]; // one shared empty array: most entries have no tags, and a million 24-byte arrays add up
                for (var i = 0; i < tagCount; i++)
                {
                    tags[i] = reader.ReadString();
                }

                var expires = reader.ReadInt64();
                var dims = reader.ReadInt32();
                if (dims != dimensions)
                {
                    throw new FormatException($"Record has {dims} dimensions, the index {dimensions}.");
                }

                var vector = new float[dims];
                if (BitConverter.IsLittleEndian)
                {
                    reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                else
                {
                    for (var i = 0; i < dims; i++)
                    {
                        vector[i] = reader.ReadSingle();
                    }
                }

                return new LogRecord { Kind = kind, Key = id, Scope = new VectorScope(fields), Payload = payload, Tags = tags, ExpiresTicks = expires, Vector = vector };
            case RecordKind.Delete or RecordKind.DeleteScope or RecordKind.DeleteTag:
                return new LogRecord { Kind = kind, Key = reader.ReadString() };
            case RecordKind.SnapshotEnd:
                return new LogRecord { Kind = kind, Count = reader.ReadInt64() };
            default:
                throw new FormatException($"Unknown record kind {(byte)kind}.");
        }
    }
}
