using System.Numerics.Tensors;
using AgentFramework.Caching.Verification;

namespace AgentFramework.Caching.Semantic;

/// <summary>
/// Misses whose answer is being fetched, per scope, so a concurrent paraphrase waits for that answer
/// instead of calling the model too (the semantic counterpart of HybridCache's stampede protection).
/// </summary>
internal sealed class PendingParaphrases
{
    private readonly Dictionary<string, List<Pending>> _byScope = new(StringComparer.Ordinal);

    /// <summary>Either an existing pending miss that <paramref name="prompt"/> may wait for, or a new registration for it.</summary>
    public (Pending? Join, double Score, Pending? Mine) JoinOrRegister(string scopeKey, string prompt, float[] vector, double threshold, VerifierPipeline verifiers, string entryId)
    {
        lock (_byScope)
        {
            if (!_byScope.TryGetValue(scopeKey, out var list))
            {
                list = [];
                _byScope[scopeKey] = list;
            }

            Pending? best = null;
            var bestScore = double.MinValue;
            foreach (var p in list)
            {
                double score = TensorPrimitives.CosineSimilarity(vector, p.Vector);
                if (score >= threshold && score > bestScore && verifiers.Verify(new CacheHitCandidate(prompt, p.Prompt, score, threshold), out _, out _))
                {
                    best = p;
                    bestScore = score;
                }
            }

            if (best is not null)
            {
                return (best, bestScore, null);
            }

            var mine = new Pending(scopeKey, prompt, vector, entryId);
            list.Add(mine);
            return (null, 0, mine);
        }
    }

    /// <summary>Publishes the answer (or <c>null</c> when none may be shared) and forgets the registration.</summary>
    public void Complete(Pending pending, string? responseJson)
    {
        lock (_byScope)
        {
            if (_byScope.TryGetValue(pending.ScopeKey, out var list))
            {
                list.Remove(pending);
                if (list.Count == 0)
                {
                    _byScope.Remove(pending.ScopeKey);
                }
            }
        }

        pending.Answer.TrySetResult(responseJson);
    }

    internal sealed class Pending(string scopeKey, string prompt, float[] vector, string entryId)
    {
        public string ScopeKey { get; } = scopeKey;

        public string Prompt { get; } = prompt;

        public float[] Vector { get; } = vector;

        public string EntryId { get; } = entryId;

        public TaskCompletionSource<string?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
