namespace AgentFramework.VectorIndex.Storage;

/// <summary>
/// Keeps the best <c>k</c> (score, record) pairs seen, as a min-heap whose root is the worst kept.
/// Order: higher score first, then ordinal id — the contract's tie rule, applied while selecting so
/// that a cut at k is deterministic too.
/// </summary>
internal struct TopK
{
    private readonly float[] _scores;
    private readonly EntryRecord[] _records;
    private int _count;

    public TopK(int k)
    {
        _scores = new float[k];
        _records = new EntryRecord[k];
    }

    public readonly int Count => _count;

    public readonly int Capacity => _scores.Length;

    /// <summary>The score a candidate must reach to be considered; -∞ until full.</summary>
    public readonly float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, EntryRecord record)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            _scores[i] = score;
            _records[i] = record;
            SiftUp(i);
        }
        else if (Better(score, record, _scores[0], _records[0]))
        {
            _scores[0] = score;
            _records[0] = record;
            SiftDown(0);
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    public readonly (float Score, EntryRecord Record)[] ToSortedArray()
    {
        var result = new (float Score, EntryRecord Record)[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = (_scores[i], _records[i]);
        }

        Array.Sort(result, static (x, y) => Better(x.Score, x.Record, y.Score, y.Record) ? -1 : Better(y.Score, y.Record, x.Score, x.Record) ? 1 : 0);
        return result;
    }

    private static bool Better(float score, EntryRecord record, float otherScore, EntryRecord otherRecord) =>
        score > otherScore || (score == otherScore && string.CompareOrdinal(record.Id, otherRecord.Id) < 0);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_scores[parent], _records[parent], _scores[i], _records[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_scores[left], _records[left], _scores[right], _records[right]))
            {
                worst = right;
            }

            if (!Better(_scores[i], _records[i], _scores[worst], _records[worst]))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_records[a], _records[b]) = (_records[b], _records[a]);
    }
}
