using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Scoping;
using AgentFramework.Caching.Semantic;
using AgentFramework.Caching.Verification;
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

        var embedded = await EmbedAsync(plan, cancellationToken).ConfigureAwait(false);
        if (embedded.Vector is not { } vector)
        {
            return new Probe(null, null, null, null, Consulted: false) { SkipReason = embedded.SkipReason, LateVector = embedded.Late };
        }

        return await SearchAsync(plan, vector, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches the prompt's scope with its vector and verifies the candidates; never throws except on cancellation.</summary>
    private async ValueTask<Probe> SearchAsync(CacheRequestPlan plan, float[] vector, CancellationToken cancellationToken)
    {
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
            return new Probe(vector, null, null, null, Consulted: false) { SkipReason = "index-fault" };
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

        return new Probe(vector, null, vetoReason, vetoScore, Consulted: true) { BestScore = matches.Count > 0 ? matches[0].Score : null };
    }

    /// <summary>
    /// Embeds the prompt within <see cref="SemanticCacheOptions.EmbeddingTimeout"/>. Never throws except on the
    /// caller's cancellation: a fault, a timeout or a prompt past the model's window gives no vector.
    /// </summary>
    private async ValueTask<Embedded> EmbedAsync(CacheRequestPlan plan, CancellationToken cancellationToken)
    {
        // Both on the cache's clock, so tests with a fake clock are deterministic.
        using var deadline = new CancellationTokenSource(_options.EmbeddingTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Task<float[]?> pending;
        try
        {
            pending = EmbedCoreAsync(plan, linked.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault("embedder", plan.StepId, ex);
            return default;
        }

        try
        {
            return new Embedded(await pending.WaitAsync(_options.EmbeddingTimeout, _time, cancellationToken).ConfigureAwait(false), null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && deadline.IsCancellationRequested))
        {
            // Fail open. Cancel explicitly (disposing the source would only stop its timer) so a cooperative
            // generator stops; one that ignores its token and answers late can still feed the store.
            await deadline.CancelAsync().ConfigureAwait(false);
            Fault("embedder-timeout", plan.StepId, new TimeoutException($"The embedding generator did not answer within {_options.EmbeddingTimeout.TotalMilliseconds:0} ms.", ex as TimeoutException));
            return new Embedded(null, pending, "embedder-timeout");
        }
        catch (PromptPastWindowException)
        {
            Log.PastEmbeddingWindow(_logger, plan.StepId);
            return new Embedded(null, null, PromptPastWindowException.Reason);
        }
        catch (Exception ex)
        {
            Fault("embedder", plan.StepId, ex);
            return new Embedded(null, null, "embedder-fault");
        }
    }

    private async Task<float[]?> EmbedCoreAsync(CacheRequestPlan plan, CancellationToken cancellationToken)
    {
        var embeddings = await _embedder!.GenerateAsync([plan.Prompt], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != 1)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} embeddings for one prompt.");
        }

        var embedding = embeddings[0];
        if (CoversPartOfPrompt(embedding))
        {
            // Only part of the prompt was read: two prompts that differ past the window would score 1.0.
            throw new PromptPastWindowException();
        }

        var vector = embedding.Vector;
        if (vector.Length != _index!.Dimensions)
        {
            throw new InvalidOperationException($"The embedding generator returned {vector.Length} dimensions; the vector index expects {_index.Dimensions}.");
        }

        return vector.ToArray();
    }

    /// <summary>
    /// True when the generator says it read only part of the prompt (<c>Truncated</c>) or averaged several windows
    /// (<c>ChunkCount</c> &gt; 1): such a vector cannot tell two long prompts apart, so the semantic tier is skipped
    /// and only the exact tier answers. The keys are the ones <c>OnnxEmbeddingMetadata</c> writes.
    /// </summary>
    internal static bool CoversPartOfPrompt(Embedding<float> embedding)
    {
        var properties = embedding.AdditionalProperties;
        if (properties is null)
        {
            return false;
        }

        if (properties.TryGetValue("Truncated", out var truncated) && truncated is true)
        {
            return true;
        }

        return properties.TryGetValue("ChunkCount", out var chunks) && chunks is int count && count > 1;
    }

    /// <summary>The vector of an embedding that timed out, if it has arrived by now (never waits).</summary>
    private static float[]? ArrivedLate(Task<float[]?>? late) => late is { IsCompletedSuccessfully: true } ? late.Result : null;

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
            _stores.Stored(plan.Scope.Key);
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

    private readonly record struct Embedded(float[]? Vector, Task<float[]?>? Late, string? SkipReason);

    private sealed class PromptPastWindowException : Exception
    {
        public const string Reason = "prompt-past-embedding-window";
    }

    private sealed record Probe(float[]? Vector, SemanticHit? Hit, string? VetoReason, double? VetoScore, bool Consulted)
    {
        /// <summary>Why the semantic tier was not consulted (e.g. <c>prompt-past-embedding-window</c>), or <c>null</c>.</summary>
        public string? SkipReason { get; init; }

        /// <summary>The nearest stored prompt's similarity, when the index was searched and held any.</summary>
        public double? BestScore { get; init; }

        /// <summary>An embedding that timed out but may still arrive before the model's answer.</summary>
        public Task<float[]?>? LateVector { get; init; }

        public static Probe Skipped { get; } = new(null, null, null, null, false);
    }
}
