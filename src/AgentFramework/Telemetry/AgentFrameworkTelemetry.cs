namespace AgentFramework.Telemetry;

/// <summary>
/// The one vocabulary of AgentFramework's metrics: the meter name, every instrument name and every tag key, used
/// by the runtime, the cache and the Redis backplane alike. Subscribe to <see cref="MeterName"/> (e.g.
/// <c>AddMeter(AgentFrameworkTelemetry.MeterName)</c> in OpenTelemetry) to get them all.
/// </summary>
public static class AgentFrameworkTelemetry
{
    /// <summary>The meter every AgentFramework instrument is created on.</summary>
    public const string MeterName = "AgentFramework";

    /// <summary>Every instrument name, in the order they are listed below.</summary>
    public static IReadOnlyList<string> AllInstruments { get; } =
    [
        Instruments.ModelCalls, Instruments.ModelTokens, Instruments.Cost, Instruments.BaselineCost, Instruments.ModelDuration,
        Instruments.CacheHits, Instruments.CacheMisses, Instruments.CacheBypasses, Instruments.CacheVetoes, Instruments.CacheFaults,
        Instruments.CacheLookupDuration, Instruments.CacheTokensSaved, Instruments.CacheUsdSaved, Instruments.RedisFaults,
    ];

    /// <summary>Every tag key any instrument carries.</summary>
    public static IReadOnlyList<string> AllTags { get; } =
    [
        Tags.Step, Tags.Model, Tags.Success, Tags.TokenType, Tags.CacheTier, Tags.CacheReason, Tags.CacheOutcome, Tags.Component, Tags.RedisOperation,
    ];

    /// <summary>Instrument names.</summary>
    public static class Instruments
    {
        /// <summary>Upstream model calls (counter; tags step, model, success).</summary>
        public const string ModelCalls = "agentframework.model.calls";

        /// <summary>Tokens sent and received (counter; tags step, model, token type).</summary>
        public const string ModelTokens = "agentframework.model.tokens";

        /// <summary>US dollars spent on model calls (counter; tags step, model).</summary>
        public const string Cost = "agentframework.cost";

        /// <summary>US dollars the same calls would have cost on the baseline model (counter; tags step, model).</summary>
        public const string BaselineCost = "agentframework.cost.baseline";

        /// <summary>Duration of upstream model calls in seconds (histogram; tags step, model, success).</summary>
        public const string ModelDuration = "agentframework.model.duration";

        /// <summary>Requests answered from the cache (counter; tags tier, step).</summary>
        public const string CacheHits = "agentframework.cache.hits";

        /// <summary>Lookups that went to the model (counter; tags tier consulted last, step).</summary>
        public const string CacheMisses = "agentframework.cache.misses";

        /// <summary>Requests that skipped the cache (counter; tags reason, step).</summary>
        public const string CacheBypasses = "agentframework.cache.bypasses";

        /// <summary>Candidates above the threshold vetoed by a verifier (counter; tags reason, step).</summary>
        public const string CacheVetoes = "agentframework.cache.vetoes";

        /// <summary>Cache component failures that failed open (counter; tag component).</summary>
        public const string CacheFaults = "agentframework.cache.faults";

        /// <summary>Time spent in cache lookups in seconds (histogram; tag outcome).</summary>
        public const string CacheLookupDuration = "agentframework.cache.lookup.duration";

        /// <summary>Tokens the cache hits avoided (counter; tag step).</summary>
        public const string CacheTokensSaved = "agentframework.cache.tokens_saved";

        /// <summary>US dollars the cache hits avoided (counter; tag step).</summary>
        public const string CacheUsdSaved = "agentframework.cache.usd_saved";

        /// <summary>Redis operations that failed or timed out (counter; tag operation).</summary>
        public const string RedisFaults = "agentframework.redis.faults";
    }

    /// <summary>Tag keys.</summary>
    public static class Tags
    {
        /// <summary>The step id.</summary>
        public const string Step = "agentframework.step";

        /// <summary>The catalog model id.</summary>
        public const string Model = "agentframework.model";

        /// <summary>Whether a model call succeeded.</summary>
        public const string Success = "agentframework.success";

        /// <summary><c>input</c> or <c>output</c>.</summary>
        public const string TokenType = "agentframework.token.type";

        /// <summary><c>exact</c> or <c>semantic</c>.</summary>
        public const string CacheTier = "agentframework.cache.tier";

        /// <summary>A bypass or veto reason code.</summary>
        public const string CacheReason = "agentframework.cache.reason";

        /// <summary>A lookup's outcome: <c>exact</c>, <c>semantic</c>, <c>miss</c>, <c>vetoed</c>.</summary>
        public const string CacheOutcome = "agentframework.cache.outcome";

        /// <summary>The cache component that failed (e.g. <c>embedder</c>, <c>index-search</c>).</summary>
        public const string Component = "agentframework.component";

        /// <summary>The Redis operation that failed (e.g. <c>l2-get</c>).</summary>
        public const string RedisOperation = "agentframework.redis.operation";
    }
}
