using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AgentFramework.VectorIndex.Storage;
using AgentFramework.VectorSearch;
using BenchmarkDotNet.Attributes;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// One exact top-10 query over N vectors of one scope, against a plain read of the same bytes
/// (the memory-bandwidth floor every scan pays). Ratio = scan time / read-pass time.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private Segment _segment = null!;
    private Segment _quantized = null!;
    private ScopePartition _partition = null!;
    private float[] _plain = null!;
    private float[] _query = null!;
    private EntryRecord[] _records = null!;

    [ParamsSource(typeof(Sizes), nameof(Sizes.Scan))]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = Data.Clustered(N, seed: 1);
        _query = Data.Queries(1, N);
        var options = new EmbeddedVectorIndexOptions { Dimensions = Data.Dimensions, RescoreCandidates = 40 };
        _partition = new ScopePartition(VectorScope.Empty, options);
        _segment = new Segment(Data.Dimensions, N, quantize: false);
        _quantized = new Segment(Data.Dimensions, N, quantize: true);
        _records = new EntryRecord[N];
        for (var i = 0; i < N; i++)
        {
            _records[i] = new EntryRecord($"v{i}", VectorScope.Empty, null, [], EntryRecord.Never, i);
            _segment.Append(_records[i], data.AsSpan(i * Data.Dimensions, Data.Dimensions));
            _quantized.Append(_records[i], data.AsSpan(i * Data.Dimensions, Data.Dimensions));
        }

        // A plain float[] copy: .NET puts its data 16 bytes past the object start, off any 64-byte boundary.
        _plain = data;
    }

    /// <summary>
    /// Reads every byte of the aligned block once with the widest vectors and four independent
    /// accumulators (so neither add latency nor anything but memory bounds it): the floor for a scan.
    /// </summary>
    [Benchmark(Baseline = true)]
    public float MemoryReadPass() => ReadPass(_segment.Rows(N));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float ReadPass(ReadOnlySpan<float> data)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a = default, b = default, c = default, d = default;
            var i = 0;
            for (; i + 64 <= data.Length; i += 64)
            {
                a += Vector512.LoadUnsafe(ref start, (nuint)i);
                b += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
                c += Vector512.LoadUnsafe(ref start, (nuint)(i + 32));
                d += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
            }

            return Vector512.Sum(a + b + c + d) + TensorPrimitives.Sum(data[i..]);
        }
        else
        {
            Vector256<float> a = default, b = default, c = default, d = default;
            var i = 0;
            for (; i + 32 <= data.Length; i += 32)
            {
                a += Vector256.LoadUnsafe(ref start, (nuint)i);
                b += Vector256.LoadUnsafe(ref start, (nuint)(i + 8));
                c += Vector256.LoadUnsafe(ref start, (nuint)(i + 16));
                d += Vector256.LoadUnsafe(ref start, (nuint)(i + 24));
            }

            return Vector256.Sum(a + b + c + d) + TensorPrimitives.Sum(data[i..]);
        }
    }

    /// <summary>Exact top-10: dot product per aligned row, expiry check, top-k heap.</summary>
    [Benchmark]
    public int ExactScanTop10()
    {
        var top = new TopK(10);
        _partition.SearchExact(_segment, _query, ref top, 0);
        return top.Count;
    }

    /// <summary>The same scan over an unaligned float[] (what a naive implementation stores).</summary>
    [Benchmark]
    public int UnalignedFloatArrayScanTop10()
    {
        var top = new TopK(10);
        for (var i = 0; i < N; i++)
        {
            var score = TensorPrimitives.Dot(_query, _plain.AsSpan(i * Data.Dimensions, Data.Dimensions));
            if (score >= top.Threshold)
            {
                top.Offer(score, _records[i]);
            }
        }

        return top.Count;
    }

    /// <summary>int8 scan of a quarter of the bytes, then exact float re-score of the best 40.</summary>
    [Benchmark]
    public int Int8ScanRescoreTop10()
    {
        var top = new TopK(10);
        _partition.SearchExact(_quantized, _query, ref top, 0);
        return top.Count;
    }
}
