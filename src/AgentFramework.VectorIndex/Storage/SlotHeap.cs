namespace AgentFramework.VectorIndex.Storage;

/// <summary>A min-heap of (approximate score, slot) keeping the best <c>k</c>; ties are irrelevant because candidates are re-scored.</summary>
internal sealed class SlotHeap(int capacity)
{
    private readonly float[] _scores = new float[capacity];
    private readonly int[] _slots = new int[capacity];
    private int _count;

    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, _count);

    public void Offer(float score, int slot)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            _scores[i] = score;
            _slots[i] = slot;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_scores[parent] <= _scores[i])
                {
                    break;
                }

                Swap(i, parent);
                i = parent;
            }
        }
        else if (score > _scores[0])
        {
            _scores[0] = score;
            _slots[0] = slot;
            var i = 0;
            while (true)
            {
                var left = (2 * i) + 1;
                if (left >= _count)
                {
                    return;
                }

                var min = left + 1 < _count && _scores[left + 1] < _scores[left] ? left + 1 : left;
                if (_scores[i] <= _scores[min])
                {
                    return;
                }

                Swap(i, min);
                i = min;
            }
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_slots[a], _slots[b]) = (_slots[b], _slots[a]);
    }
}
