using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Scoping;
using AgentFramework.Caching.Semantic;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

public sealed partial class SemanticCache
{
    /// <summary>Embeds the prompt and searches its scope; never throws except on cancellation.</summary>
    private async ValueTask<Probe> ProbeAsync(CacheRequestPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Semantic || !SemanticTierAvailable)
        {
            return Probe.Skipped;
        }

        var vector = await EmbedAsync(plan, cancellationToken).ConfigureAwait(false);
        if (vector is null)
        {
            return Probe.Skipped;
        }

        IReadOnlyList<VectorMatch> matches;
        try
        {
            matches = await _index!.SearchAsync(vector, plan.Scope, _options.TopK, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Fault("index-search", plan.StepId, ex);
            return new Probe(vector, null, null, null, Consulted: false);
        }

        string? vetoReason = null;
        double? vetoScore = null;
        foreach (var match in matches)
        {
            if (match.Score < plan.Threshold)
            {
                break;
            }

            var payload = CachedEntryPayload.TryParse(match.Payload);
            if (payload is null)
            {
                continue;
            }

            if (_verifiers.Verify(new CacheHitCandidate(plan.Prompt, payload.Prompt, match.Score, plan.Threshold), out var verdicts, out var reason))
            {
                return new Probe(vector, new SemanticHit(payload.Response, match.Id, match.Score, verdicts), null, null, Consulted: true);
            }

            Log.Vetoed(_logger, plan.StepId, match.Id, match.Score, reason!);
            _metrics.Veto(reason!, plan.StepId);
            if (vetoReason is null)
            {
                vetoReason = reason;
                vetoScore = match.Score;
            }
        }

        return new Probe(vector, null, vetoReason, vetoScore, Consulted: true);
    }

    private async ValueTask<float[]?> EmbedAsync(CacheRequestPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            var embeddings = await _embedder!.GenerateAsync([plan.Prompt], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != 1)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for one prompt.");
            }

            var vector = embeddings[0].Vector;
            if (vector.Length != _index!.Dimensions)
            {
                throw new InvalidOperationException($"The embedding generator returned {vector.Length} dimensions; the vector index expects {_index.Dimensions}.");
            }

            return vector.ToArray();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Fault("embedder", plan.StepId, ex);
            return null;
        }
    }

    private async ValueTask StoreVectorAsync(CacheRequestPlan plan, float[] vector, string responseJson, CancellationToken cancellationToken)
    {
        if (!plan.Semantic || !SemanticTierAvailable)
        {
            return;
        }

        var payload = new CachedEntryPayload(CachedEntryPayload.CurrentVersion, plan.Prompt, responseJson, plan.ExactKey).ToJson();
        if (payload.Length > VectorEntry.MaxPayloadLength)
        {
            Log.NotStored(_logger, plan.StepId, "answer too large for the semantic tier");
            return;
        }

        try
        {
            var entry = new VectorEntry(EntryId(plan), vector, plan.Scope, payload, plan.Tags, _time.GetUtcNow() + plan.Ttl);
            await _index!.UpsertAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Fault("index-upsert", plan.StepId, ex);
        }
    }

    private sealed record SemanticHit(string ResponseJson, string EntryId, double Score, string Verdicts);

    private sealed record Probe(float[]? Vector, SemanticHit? Hit, string? VetoReason, double? VetoScore, bool Consulted)
    {
        public static Probe Skipped { get; } = new(null, null, null, null, false);
    }
}
