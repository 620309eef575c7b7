using System.Buffers;
using System.Numerics.Tensors;
using AgentFramework.Embeddings.Onnx.Batching;
using Microsoft.ML.OnnxRuntime;

namespace AgentFramework.Embeddings.Onnx;

public sealed partial class OnnxEmbeddingGenerator
{
    // Extra tokenizer room past the window, so that "longer than the window" is detected even if the tokenizer
    // stops at a word boundary when its buffer fills (a word never yields this many pieces).
    private const int TruncationSlack = 128;

    /// <summary>What one input turned into.</summary>
    private readonly record struct InputInfo(int TokenCount, int ChunkCount, bool Truncated);

    /// <summary>One model sequence: <see cref="Length"/> content tokens at <see cref="Start"/> in the token arena,
    /// to be framed by [CLS] … [SEP]; several segments share an <see cref="Owner"/> when an input is chunked.</summary>
    private readonly record struct Segment(int Owner, int Start, int Length);

    private InputInfo EmbedOne(string text, Span<float> destination, string parameterName)
    {
        var infos = new InputInfo[1];
        EmbedMany(new SingleList(text), destination, infos, parameterName, CancellationToken.None);
        return infos[0];
    }

    private void EmbedMany(IReadOnlyList<string> texts, Span<float> destination, Span<InputInfo> infos, string parameterName, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Count == 0)
        {
            return;
        }

        var contentPerWindow = _maxTokens - 2;
        var maxContent = _longInput == LongInputHandling.Truncate ? contentPerWindow : contentPerWindow * _maxChunks;

        // 1. Validate everything first: a bad input anywhere rejects the whole call before any model work.
        var capacities = ArrayPool<int>.Shared.Rent(texts.Count);
        var arenaLength = 0;
        var longest = 0;
        try
        {
            for (var i = 0; i < texts.Count; i++)
            {
                var text = texts[i];
                if (text is null)
                {
                    throw new ArgumentNullException(parameterName, texts.Count == 1 ? "The text to embed is null." : $"Input {i} is null.");
                }

                InputValidation.Validate(text.AsSpan(), parameterName, texts.Count == 1 ? -1 : i);

                // Each WordPiece token covers at least one character, so Length + 2 always holds the full encoding.
                var capacity = (int)Math.Min((long)text.Length + 2, (long)maxContent + 2 + TruncationSlack);
                capacities[i] = capacity;
                arenaLength += capacity;
                longest = Math.Max(longest, capacity);
            }

            // 2. Tokenize into one pooled arena.
            var arena = ArrayPool<long>.Shared.Rent(arenaLength);
            var scratch = ArrayPool<long>.Shared.Rent(longest);
            var segments = new List<Segment>(texts.Count);
            try
            {
                var offset = 0;
                lock (_tokenizerLock)
                {
                    for (var i = 0; i < texts.Count; i++)
                    {
                        var capacity = capacities[i];
                        var count = _tokenizer.Encode(texts[i], arena.AsSpan(offset, capacity), scratch.AsSpan(0, capacity));
                        var content = count - 2;
                        if (content <= 0)
                        {
                            throw new ArgumentException(
                                texts.Count == 1 ? "The text contains no tokens the model can embed (only control or ignored characters)." : $"Input {i} contains no tokens the model can embed (only control or ignored characters).",
                                parameterName);
                        }

                        var truncated = content > maxContent;
                        if (truncated)
                        {
                            content = maxContent;
                        }

                        if (content > contentPerWindow && _longInput == LongInputHandling.Truncate)
                        {
                            content = contentPerWindow;
                            truncated = true;
                        }

                        var chunks = 0;
                        for (var start = 0; start < content; start += contentPerWindow)
                        {
                            segments.Add(new Segment(i, offset + 1 + start, Math.Min(contentPerWindow, content - start)));
                            chunks++;
                        }

                        infos[i] = new InputInfo(content + (2 * chunks), chunks, truncated);
                        if (truncated || chunks > 1)
                        {
                            Log.LongInput(_logger, count, _maxTokens, truncated ? "truncated" : $"embedded in {chunks} windows");
                        }

                        offset += capacity;
                    }
                }

                // 3. Run the model over length-sorted batches and pool each sequence.
                RunSegments(texts.Count, arena, segments, destination, infos, cancellationToken);
            }
            finally
            {
                ArrayPool<long>.Shared.Return(scratch);
                ArrayPool<long>.Shared.Return(arena);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(capacities);
        }
    }

    private void RunSegments(int inputCount, long[] arena, List<Segment> segments, Span<float> destination, Span<InputInfo> infos, CancellationToken cancellationToken)
    {
        var dimensions = Dimensions;
        var singleSegmentPerInput = segments.Count == inputCount;
        float[]? segmentVectors = null;
        Span<float> pooledTarget = destination;
        if (!singleSegmentPerInput)
        {
            segmentVectors = ArrayPool<float>.Shared.Rent(segments.Count * dimensions);
            pooledTarget = segmentVectors.AsSpan(0, segments.Count * dimensions);
        }

        // Sort segment indices by length so that each batch pads to nearly its own length ("dynamic padding").
        var order = ArrayPool<int>.Shared.Rent(segments.Count);
        try
        {
            for (var i = 0; i < segments.Count; i++)
            {
                order[i] = i;
            }

            if (segments.Count > 1)
            {
                var lengths = segments;
                Array.Sort(order, 0, segments.Count, Comparer<int>.Create((a, b) =>
                {
                    var byLength = lengths[a].Length.CompareTo(lengths[b].Length);
                    return byLength != 0 ? byLength : a.CompareTo(b);
                }));
            }

            if (segments.Count == 1)
            {
                // A single query: one run on the caller's thread, with nothing to plan.
                cancellationToken.ThrowIfCancellationRequested();
                RunBatch(arena, segments, order.AsSpan(0, 1), pooledTarget, singleSegmentPerInput);
            }
            else
            {
                RunPlannedBatches(arena, segments, order, pooledTarget, singleSegmentPerInput, cancellationToken);
            }

            if (!singleSegmentPerInput)
            {
                CombineChunks(segments, segmentVectors!, destination, infos, inputCount);
            }

            if (_normalize)
            {
                for (var i = 0; i < inputCount; i++)
                {
                    NormalizeInPlace(destination.Slice(i * dimensions, dimensions));
                }
            }
            else
            {
                for (var i = 0; i < inputCount; i++)
                {
                    EnsureFinite(destination.Slice(i * dimensions, dimensions));
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            if (segmentVectors is not null)
            {
                ArrayPool<float>.Shared.Return(segmentVectors);
            }
        }
    }

    /// <summary>Cuts the length-sorted segments into batches and runs them, on the caller's thread or, for a call large
    /// enough, one batch per core (<see cref="LengthSortedBatches"/>).</summary>
    private void RunPlannedBatches(long[] arena, List<Segment> segments, int[] order, Span<float> pooledTarget, bool singleSegmentPerInput, CancellationToken cancellationToken)
    {
        var rowLengths = ArrayPool<int>.Shared.Rent(segments.Count);
        try
        {
            for (var i = 0; i < segments.Count; i++)
            {
                rowLengths[i] = segments[order[i]].Length + 2;
            }

            var workers = LengthSortedBatches.Workers(segments.Count, _batchParallelism);
            var batches = LengthSortedBatches.Cut(rowLengths.AsSpan(0, segments.Count), _maxBatchSize, workers);
            if (workers <= 1)
            {
                foreach (var (first, count) in batches)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunBatch(arena, segments, order.AsSpan(first, count), pooledTarget, singleSegmentPerInput);
                }
            }
            else
            {
                RunBatchesInParallel(workers, batches, arena, segments, order, pooledTarget, singleSegmentPerInput, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rowLengths);
        }
    }

    /// <summary>Runs the batches on <paramref name="workers"/> threads at once (one <see cref="InferenceSession"/> serves
    /// concurrent runs). Each batch pools into its own rows of a shared buffer, in input order; only the batch cut differs
    /// from the sequential path (padding, not results).</summary>
    private void RunBatchesInParallel(int workers, List<(int First, int Count)> batches, long[] arena, List<Segment> segments, int[] order, Span<float> pooledTarget, bool targetByOwner, CancellationToken cancellationToken)
    {
        var length = pooledTarget.Length;
        var target = ArrayPool<float>.Shared.Rent(length);
        try
        {
            LengthSortedBatches.Run(batches.Count, workers, b =>
                RunBatch(arena, segments, order.AsSpan(batches[b].First, batches[b].Count), target.AsSpan(0, length), targetByOwner), cancellationToken);
            target.AsSpan(0, length).CopyTo(pooledTarget);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(target);
        }
    }

    private void RunBatch(long[] arena, List<Segment> segments, ReadOnlySpan<int> batchOrder, Span<float> pooledTarget, bool targetByOwner)
    {
        var dimensions = Dimensions;
        var batch = batchOrder.Length;
        var sequence = segments[batchOrder[^1]].Length + 2; // sorted ascending: the last is the longest
        var cells = batch * sequence;

        var ids = ArrayPool<long>.Shared.Rent(cells);
        var mask = ArrayPool<long>.Shared.Rent(cells);
        var types = _hasTokenTypeIds ? ArrayPool<long>.Shared.Rent(cells) : null;
        var hidden = ArrayPool<float>.Shared.Rent(cells * dimensions);
        try
        {
            ids.AsSpan(0, cells).Clear();
            mask.AsSpan(0, cells).Clear();
            types?.AsSpan(0, cells).Clear();
            for (var row = 0; row < batch; row++)
            {
                var segment = segments[batchOrder[row]];
                var rowIds = ids.AsSpan(row * sequence, sequence);
                rowIds[0] = _clsId;
                arena.AsSpan(segment.Start, segment.Length).CopyTo(rowIds[1..]);
                rowIds[segment.Length + 1] = _sepId;
                mask.AsSpan(row * sequence, segment.Length + 2).Fill(1);
            }

            long[] inputShape = [batch, sequence];
            long[] outputShape = [batch, sequence, dimensions];
            var memoryInfo = OrtMemoryInfo.DefaultInstance;
            using var idsValue = OrtValue.CreateTensorValueFromMemory(memoryInfo, ids.AsMemory(0, cells), inputShape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(memoryInfo, mask.AsMemory(0, cells), inputShape);
            using var typesValue = types is null ? null : OrtValue.CreateTensorValueFromMemory(memoryInfo, types.AsMemory(0, cells), inputShape);
            using var hiddenValue = OrtValue.CreateTensorValueFromMemory(memoryInfo, hidden.AsMemory(0, cells * dimensions), outputShape);
            OrtValue[] inputs = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
            _session.Run(null, _inputNames, inputs, _outputNames, [hiddenValue]);

            for (var row = 0; row < batch; row++)
            {
                var segmentIndex = batchOrder[row];
                var segment = segments[segmentIndex];
                var target = pooledTarget.Slice((targetByOwner ? segment.Owner : segmentIndex) * dimensions, dimensions);
                Pool(hidden.AsSpan(row * sequence * dimensions, sequence * dimensions), segment.Length + 2, target);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(hidden);
            if (types is not null)
            {
                ArrayPool<long>.Shared.Return(types);
            }

            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(ids);
        }
    }

    /// <summary>Reduces the token vectors of one sequence (its first <paramref name="tokens"/> rows are real;
    /// the rest is padding and is ignored, which is what the attention mask says).</summary>
    private void Pool(ReadOnlySpan<float> tokenVectors, int tokens, Span<float> target)
    {
        var dimensions = target.Length;
        tokenVectors[..dimensions].CopyTo(target);
        switch (_pooling)
        {
            case EmbeddingPooling.Cls:
                return;
            case EmbeddingPooling.Max:
                for (var t = 1; t < tokens; t++)
                {
                    TensorPrimitives.Max(target, tokenVectors.Slice(t * dimensions, dimensions), target);
                }

                return;
            default:
                for (var t = 1; t < tokens; t++)
                {
                    TensorPrimitives.Add(target, tokenVectors.Slice(t * dimensions, dimensions), target);
                }

                TensorPrimitives.Divide(target, tokens, target);
                return;
        }
    }

    /// <summary>Averages the window vectors of each chunked input, weighted by the tokens each window holds.</summary>
    private void CombineChunks(List<Segment> segments, float[] segmentVectors, Span<float> destination, Span<InputInfo> infos, int inputCount)
    {
        var dimensions = Dimensions;
        destination[..(inputCount * dimensions)].Clear();
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            var weight = (float)(segment.Length + 2) / infos[segment.Owner].TokenCount;
            var target = destination.Slice(segment.Owner * dimensions, dimensions);
            TensorPrimitives.MultiplyAdd(segmentVectors.AsSpan(s * dimensions, dimensions), weight, target, target);
        }
    }

    private static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm) || norm <= 0f)
        {
            throw new InvalidOperationException($"The model produced an unusable vector (norm {norm}); the model file is probably corrupt.");
        }

        TensorPrimitives.Divide(vector, norm, vector);
    }

    private static void EnsureFinite(ReadOnlySpan<float> vector)
    {
        var sum = TensorPrimitives.Sum(vector);
        if (!float.IsFinite(sum))
        {
            throw new InvalidOperationException("The model produced non-finite values; the model file is probably corrupt.");
        }
    }

    /// <summary>A one-element read-only list without allocating an array for the single-text path.</summary>
    private sealed class SingleList(string item) : IReadOnlyList<string>
    {
        public string this[int index] => index == 0 ? item : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => 1;

        public IEnumerator<string> GetEnumerator()
        {
            yield return item;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
