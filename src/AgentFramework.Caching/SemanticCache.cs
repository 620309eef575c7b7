using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Scoping;
using AgentFramework.Caching.Semantic;
using AgentFramework.Caching.Verification;
using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Pricing;
using AgentFramework.Steps;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching;

/// <summary>
/// The default <see cref="ISemanticCache"/>: exact tier on <see cref="HybridCache"/> (so any registered
/// <c>IDistributedCache</c>, e.g. Redis, is its L2), semantic tier on an <see cref="IVectorIndex"/> fed by an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// </summary>
/// <remarks>
/// Without an embedding generator or an index, only the exact tier runs. Dispose it to stop listening to the
/// invalidation bus.
/// </remarks>
public sealed partial class SemanticCache : ISemanticCache, IDisposable
{
    private static readonly JsonSerializerOptions ResponseJson = AIJsonUtilities.DefaultOptions;

    private readonly HybridCache _hybrid;
    private readonly SemanticCacheOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly IVectorIndex? _index;
    private readonly VerifierPipeline _verifiers;
    private readonly ICacheInvalidationBus _bus;
    private readonly IDisposable _subscription;
    private readonly ICostLedger? _ledger;
    private readonly Lazy<ModelPricing> _pricing;
    private readonly CacheMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PendingParaphrases _pending = new();
    private readonly ScopeStoreCounters _stores = new();
    private readonly Func<ChatResponse, bool> _isCacheable;

    /// <summary>Creates the cache.</summary>
    /// <param name="hybridCache">The exact tier's store (L1 memory plus any registered distributed cache).</param>
    /// <param name="options">The settings.</param>
    /// <param name="embeddingGenerator">Embeds prompts for the semantic tier; <c>null</c> disables that tier.</param>
    /// <param name="vectorIndex">Stores prompt vectors for the semantic tier; <c>null</c> disables that tier.</param>
    /// <param name="verifiers">Extra verifier stages, run after the built-in ones (see <see cref="SemanticCacheOptions.UseDefaultVerifiers"/>).</param>
    /// <param name="invalidationBus">Carries invalidations to other instances; default a no-op.</param>
    /// <param name="ledger">Receives one record per lookup, when present.</param>
    /// <param name="catalog">Prices avoided calls; default the embedded catalog.</param>
    /// <param name="meterFactory">Creates the "AgentFramework" meter; without it a standalone meter is used.</param>
    /// <param name="timeProvider">The clock for entry expiry.</param>
    /// <param name="logger">The logger.</param>
    public SemanticCache(
        HybridCache hybridCache,
        IOptions<SemanticCacheOptions> options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        IVectorIndex? vectorIndex = null,
        IEnumerable<ICacheHitVerifier>? verifiers = null,
        ICacheInvalidationBus? invalidationBus = null,
        ICostLedger? ledger = null,
        ModelCatalog? catalog = null,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null,
        ILogger<SemanticCache>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(hybridCache);
        ArgumentNullException.ThrowIfNull(options);
        _hybrid = hybridCache;
        _options = options.Value ?? throw new ArgumentException("Options have no value.", nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _embedder = embeddingGenerator;
        _index = vectorIndex;
        if (_options.EnableSemanticTier && (_embedder is null || _index is null))
        {
            Log.SemanticTierDisabled(_logger, _embedder is null ? "no IEmbeddingGenerator<string, Embedding<float>> was given" : "no IVectorIndex was given");
        }

        var stages = new List<ICacheHitVerifier>();
        if (_options.UseDefaultVerifiers)
        {
            stages.AddRange(DefaultVerifiers(_logger, _options.UsePairModel, _options.UseInt8PairModel));
        }

        if (verifiers is not null)
        {
            stages.AddRange(verifiers.Where(v => v is not SlotGuardVerifier and not LearnedHitVerifier || !_options.UseDefaultVerifiers));
        }

        _verifiers = new VerifierPipeline(stages);
        _bus = invalidationBus ?? NullCacheInvalidationBus.Instance;
        _ledger = ledger;
        _pricing = new Lazy<ModelPricing>(() => new ModelPricing(catalog ?? TryLoadCatalog()));
        _metrics = new CacheMetrics(meterFactory);
        _time = timeProvider ?? TimeProvider.System;
        _isCacheable = _options.IsCacheableResponse ?? ResponseCacheability.IsCacheable;
        _subscription = _bus.Subscribe(OnRemoteInvalidationAsync);
    }

    /// <summary>The built-in verifier stages, in order (shared with the quality harness so it measures the production decision).</summary>
    internal static ICacheHitVerifier[] DefaultVerifiers(ILogger? logger = null, bool usePairModel = false, bool int8PairModel = false) => DefaultVerifierSet.Create(logger, usePairModel, int8PairModel);

    /// <summary>Whether paraphrases can be served (an embedder and an index are present and the tier is enabled).</summary>
    public bool SemanticTierAvailable => _options.EnableSemanticTier && _embedder is not null && _index is not null;

    /// <inheritdoc />
    public async ValueTask<ChatResponse> GetOrCreateAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Func<CancellationToken, Task<ChatResponse>> factory, StepCachePolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(factory);
        var started = Stopwatch.GetTimestamp();
        var plan = PlanSafely(messages, options, policy);
        if (plan.BypassReason is not null)
        {
            RecordBypass(plan, started);
            var bypassed = await factory(cancellationToken).ConfigureAwait(false);
            bypassed.AdditionalProperties ??= [];
            bypassed.AdditionalProperties[SemanticCacheProperties.Outcome] = "bypass";
            bypassed.AdditionalProperties[SemanticCacheProperties.Reason] = plan.BypassReason;
            return bypassed;
        }

        var state = new MissState(this, plan, factory, started);
        string json;
        try
        {
            json = await _hybrid.GetOrCreateAsync(
                plan.ExactKey,
                state,
                static (s, ct) => s.Cache.FillAsync(s, ct),
                EntryOptions(plan),
                plan.Tags,
                cancellationToken).ConfigureAwait(false);
        }
        catch (NotCacheableException ex)
        {
            // The answer was fine to return but not to keep (refusal, truncation, …); joined callers share it.
            if (state.UpstreamResponse is { } own)
            {
                own.AdditionalProperties ??= [];
                own.AdditionalProperties[SemanticCacheProperties.Outcome] = state.VetoReason is null ? "miss" : "vetoed";
                own.AdditionalProperties[SemanticCacheProperties.Reason] = state.VetoReason ?? "not-stored";
                return own;
            }

            // This caller joined an identical in-flight request: it was served without a call of its own, so it counts as an exact hit.
            var shared = Deserialize(ex.ResponseJson);
            Annotate(shared, "exact", plan.ExactKey, 1.0, null);
            shared.AdditionalProperties![SemanticCacheProperties.Reason] = "joined an identical in-flight request; the answer was not stored";
            RecordHit(plan, CacheOutcome.ExactHit, started, shared);
            return shared;
        }
        catch (UpstreamException ex)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException!);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // HybridCache (or its serializer / L2) failed: fail open.
            Fault("exact-tier", plan.StepId, ex);
            if (state.UpstreamResponse is not null)
            {
                return state.UpstreamResponse;
            }

            if (!state.FactoryInvoked)
            {
                return await factory(cancellationToken).ConfigureAwait(false);
            }

            throw;
        }

        if (!state.FactoryInvoked)
        {
            // Served by the exact tier (a stored answer, or one fetched by a concurrent identical request).
            var hit = Deserialize(json);
            Annotate(hit, "exact", plan.ExactKey, 1.0, null);
            RecordHit(plan, CacheOutcome.ExactHit, started, hit);
            return hit;
        }

        if (state.SemanticHit is { } semantic)
        {
            var hit = Deserialize(json);
            Annotate(hit, "semantic", semantic.EntryId, semantic.Score, semantic.Verdicts);
            RecordHit(plan, CacheOutcome.SemanticHit, started, hit, state.LookupElapsed);
            return hit;
        }

        var response = state.UpstreamResponse ?? Deserialize(json);
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[SemanticCacheProperties.Outcome] = state.VetoReason is null ? "miss" : "vetoed";
        if ((state.VetoReason ?? state.SkipReason) is { } why)
        {
            response.AdditionalProperties[SemanticCacheProperties.Reason] = why;
        }

        if (state.BestScore is { } best)
        {
            // How close the nearest stored prompt came, so a user can see why a paraphrase missed.
            response.AdditionalProperties[SemanticCacheProperties.Score] = best;
        }

        return response;
    }

    /// <inheritdoc />
    public async ValueTask<SemanticCacheLookup> LookupAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, StepCachePolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var started = Stopwatch.GetTimestamp();
        var plan = PlanSafely(messages, options, policy);
        if (plan.BypassReason is not null)
        {
            RecordBypass(plan, started);
            return new SemanticCacheLookup(CacheOutcome.Bypassed, null, plan.BypassReason);
        }

        string? json = null;
        try
        {
            json = await _hybrid.GetOrCreateAsync(
                plan.ExactKey,
                static _ => ValueTask.FromResult<string>(null!),
                new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite },
                null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Fault("exact-tier", plan.StepId, ex);
        }

        if (json is not null)
        {
            var hit = Deserialize(json);
            Annotate(hit, "exact", plan.ExactKey, 1.0, null);
            RecordHit(plan, CacheOutcome.ExactHit, started, hit);
            return new SemanticCacheLookup(CacheOutcome.ExactHit, hit, null, 1.0, plan.ExactKey);
        }

        var probe = await ProbeAsync(plan, cancellationToken).ConfigureAwait(false);
        if (probe.Hit is { } semantic)
        {
            var hit = Deserialize(semantic.ResponseJson);
            Annotate(hit, "semantic", semantic.EntryId, semantic.Score, semantic.Verdicts);
            RecordHit(plan, CacheOutcome.SemanticHit, started, hit);
            return new SemanticCacheLookup(CacheOutcome.SemanticHit, hit, null, semantic.Score, semantic.EntryId);
        }

        RecordMiss(plan, started, probe.VetoReason, probe.Consulted ? "semantic" : "exact");
        return new SemanticCacheLookup(probe.VetoReason is null ? CacheOutcome.Miss : CacheOutcome.Vetoed, null, probe.VetoReason ?? probe.SkipReason, probe.VetoScore ?? probe.BestScore);
    }

    /// <inheritdoc />
    public async ValueTask<bool> StoreAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, ChatResponse response, StepCachePolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        var plan = PlanSafely(messages, options, policy);
        if (plan.BypassReason is not null)
        {
            return false;
        }

        if (!IsCacheable(response, plan))
        {
            return false;
        }

        var json = Serialize(response);
        try
        {
            await _hybrid.SetAsync(plan.ExactKey, json, EntryOptions(plan), plan.Tags, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Fault("exact-tier", plan.StepId, ex);
        }

        if (plan.Semantic && SemanticTierAvailable)
        {
            var embedded = await EmbedAsync(plan, cancellationToken).ConfigureAwait(false);
            if (embedded.Vector is { } vector)
            {
                await StoreVectorAsync(plan, vector, json, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>Stops listening to the invalidation bus and releases the meter.</summary>
    public void Dispose()
    {
        _subscription.Dispose();
        _metrics.Dispose();
    }

    /// <summary>The exact tier's factory: semantic probe, pending paraphrases, then the model.</summary>
    private async ValueTask<string> FillAsync(MissState state, CancellationToken cancellationToken)
    {
        state.FactoryInvoked = true;
        var plan = state.Plan;
        var storesBeforeProbe = _stores.Read(plan.Scope.Key);
        var probe = await ProbeAsync(plan, cancellationToken).ConfigureAwait(false);
        if (probe.Hit is { } hit)
        {
            state.SemanticHit = hit;
            state.LookupElapsed = Stopwatch.GetElapsedTime(state.Started);
            return hit.ResponseJson;
        }

        state.VetoReason = probe.VetoReason;
        state.SkipReason = probe.SkipReason;
        state.BestScore = probe.BestScore;
        PendingParaphrases.Pending? mine = null;
        if (probe.Vector is not null && _options.CoalescePendingParaphrases)
        {
            var (join, score, registered) = _pending.JoinOrRegister(plan.Scope.Key, plan.Prompt, probe.Vector, plan.Threshold, _verifiers, EntryId(plan));
            mine = registered;
            if (mine is not null && _stores.Read(plan.Scope.Key) != storesBeforeProbe)
            {
                // Something was stored in this scope between the search and the registration — possibly the pending
                // paraphrase this request would have joined, completed in that window. Search once more.
                var again = await SearchAsync(plan, probe.Vector, cancellationToken).ConfigureAwait(false);
                if (again.Hit is { } late)
                {
                    _pending.Complete(mine, late.ResponseJson);
                    state.SemanticHit = late;
                    state.LookupElapsed = Stopwatch.GetElapsedTime(state.Started);
                    return late.ResponseJson;
                }
            }

            if (join is not null)
            {
                Log.JoinedPending(_logger, plan.StepId, score);
                string? answer = null;
                try
                {
                    answer = await join.Answer.Task.WaitAsync(_options.PendingParaphraseTimeout, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }

                if (answer is not null)
                {
                    state.SemanticHit = new SemanticHit(answer, join.EntryId, score, "pending");
                    state.LookupElapsed = Stopwatch.GetElapsedTime(state.Started);
                    return answer;
                }
            }
        }

        string? stored = null;
        try
        {
            state.LookupElapsed = Stopwatch.GetElapsedTime(state.Started);
            RecordMiss(plan, state.Started, probe.VetoReason, probe.Consulted ? "semantic" : "exact", state.LookupElapsed);
            ChatResponse response;
            try
            {
                response = await state.Factory(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw new UpstreamException(ex);
            }

            state.UpstreamResponse = response;
            var json = Serialize(response);
            if (!IsCacheable(response, plan))
            {
                throw new NotCacheableException(json);
            }

            if ((probe.Vector ?? ArrivedLate(probe.LateVector)) is { } vector)
            {
                await StoreVectorAsync(plan, vector, json, cancellationToken).ConfigureAwait(false);
            }

            stored = json;
            return json;
        }
        finally
        {
            if (mine is not null)
            {
                _pending.Complete(mine, stored);
            }
        }
    }

    private bool IsCacheable(ChatResponse response, CacheRequestPlan plan)
    {
        bool ok;
        try
        {
            ok = _isCacheable(response);
        }
        catch (Exception ex)
        {
            Fault("cacheability-check", plan.StepId, ex);
            ok = false;
        }

        if (!ok)
        {
            Log.NotStored(_logger, plan.StepId, "not cacheable (error, refusal, truncation, tool call or empty)");
        }

        return ok;
    }

    private CacheRequestPlan PlanSafely(IEnumerable<ChatMessage> messages, ChatOptions? options, StepCachePolicy? policy)
    {
        var step = StepContext.Current;
        try
        {
            return CacheRequestPlanner.Plan(messages, options, policy, step, _options);
        }
        catch (Exception ex)
        {
            var stepId = step?.StepId ?? _options.PromptTemplateId ?? "-";
            Fault("planning", stepId, ex);
            return CacheRequestPlan.Bypass("fault", stepId);
        }
    }

    private HybridCacheEntryOptions EntryOptions(CacheRequestPlan plan) => new()
    {
        Expiration = plan.Ttl,
        LocalCacheExpiration = plan.Ttl < _options.LocalCacheExpiration ? plan.Ttl : _options.LocalCacheExpiration,
    };

    private static string Serialize(ChatResponse response) => JsonSerializer.Serialize(response, ResponseJson.GetTypeInfo(typeof(ChatResponse)));

    private static ChatResponse Deserialize(string json) =>
        (ChatResponse?)JsonSerializer.Deserialize(json, ResponseJson.GetTypeInfo(typeof(ChatResponse))) ?? throw new JsonException("A cached answer deserialized to null.");

    private static void Annotate(ChatResponse response, string tier, string entryId, double score, string? verdicts)
    {
        // A stored answer may carry the service-side conversation of the request that produced it; a hit
        // belongs to no conversation (requests with one bypass the cache), so it must not continue that one.
        response.ConversationId = null;
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[SemanticCacheProperties.Outcome] = tier;
        response.AdditionalProperties[SemanticCacheProperties.EntryId] = entryId;
        response.AdditionalProperties[SemanticCacheProperties.Score] = score;
        if (verdicts is not null)
        {
            response.AdditionalProperties[SemanticCacheProperties.Verdicts] = verdicts;
        }
    }

    private static string EntryId(CacheRequestPlan plan) => "e:" + plan.ExactKey;

    private static ModelCatalog? TryLoadCatalog()
    {
        try
        {
            return ModelCatalog.LoadEmbedded();
        }
        catch (Exception)
        {
            return null;
        }
    }

    private sealed class MissState(SemanticCache cache, CacheRequestPlan plan, Func<CancellationToken, Task<ChatResponse>> factory, long started)
    {
        public SemanticCache Cache { get; } = cache;

        public CacheRequestPlan Plan { get; } = plan;

        public Func<CancellationToken, Task<ChatResponse>> Factory { get; } = factory;

        public long Started { get; } = started;

        public volatile bool FactoryInvoked;

        public ChatResponse? UpstreamResponse { get; set; }

        public SemanticHit? SemanticHit { get; set; }

        public string? VetoReason { get; set; }

        /// <summary>Why the semantic tier was not consulted, when it was skipped (e.g. a prompt past the embedding window).</summary>
        public string? SkipReason { get; set; }

        /// <summary>The nearest stored prompt's similarity in the scope, when the semantic tier was searched.</summary>
        public double? BestScore { get; set; }

        public TimeSpan LookupElapsed { get; set; }
    }

    private sealed class UpstreamException(Exception inner) : Exception("The model call failed.", inner);

    private sealed class NotCacheableException(string responseJson) : Exception("The answer may be returned but not stored.")
    {
        public string ResponseJson { get; } = responseJson;
    }
}
