namespace AgentFramework.Steps;

/// <summary>Cache settings a step declares with <see cref="SemanticCacheAttribute"/>, <see cref="NoCacheAttribute"/> and related attributes.</summary>
/// <remarks>
/// Validated when built, with the rules of <see cref="SemanticCacheAttribute"/>: a threshold is in (0, 1] (never NaN),
/// a time to live is positive and at most <see cref="MaxTtl"/> (what <c>TtlSeconds</c> can express). <c>null</c>
/// means "the cache's default" for both. An invalid value throws <see cref="ArgumentOutOfRangeException"/> here
/// instead of silently disabling the similarity gate or the semantic tier later.
/// </remarks>
/// <param name="Enabled">False when the step is marked <see cref="NoCacheAttribute"/> or <see cref="HasSideEffectsAttribute"/>.</param>
/// <param name="Semantic">True when semantic (similarity) hits are allowed, false for exact-only.</param>
/// <param name="Threshold">The step's similarity threshold in (0, 1], or <c>null</c> for the cache default.</param>
/// <param name="Ttl">The step's time to live, positive and at most <see cref="MaxTtl"/>, or <c>null</c> for the cache default.</param>
/// <param name="ExplicitlyConfigured">True when the step (or its class) carries <see cref="SemanticCacheAttribute"/>.</param>
public sealed record StepCachePolicy(bool Enabled, bool Semantic, double? Threshold, TimeSpan? Ttl, bool ExplicitlyConfigured)
{
    private readonly double? _threshold = ValidThreshold(Threshold);
    private readonly TimeSpan? _ttl = ValidTtl(Ttl);

    /// <summary>The longest time to live a step can declare: <see cref="int.MaxValue"/> seconds, as <c>TtlSeconds</c> allows.</summary>
    public static TimeSpan MaxTtl { get; } = TimeSpan.FromSeconds(int.MaxValue);

    /// <summary>The policy of a step that says nothing about caching: cacheable with the cache defaults.</summary>
    public static StepCachePolicy Default { get; } = new(true, true, null, null, false);

    /// <summary>No caching at all.</summary>
    public static StepCachePolicy Disabled { get; } = new(false, false, null, null, false);

    /// <summary>The step's similarity threshold in (0, 1], or <c>null</c> for the cache default.</summary>
    public double? Threshold
    {
        get => _threshold;
        init => _threshold = ValidThreshold(value);
    }

    /// <summary>The step's time to live, or <c>null</c> for the cache default.</summary>
    public TimeSpan? Ttl
    {
        get => _ttl;
        init => _ttl = ValidTtl(value);
    }

    private static double? ValidThreshold(double? value) =>
        value is null || (value > 0 && value <= 1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "A step's cache threshold must be in (0, 1] (or null for the cache's default); NaN and values outside the range would disable the similarity gate.");

    private static TimeSpan? ValidTtl(TimeSpan? value) =>
        value is null || (value > TimeSpan.Zero && value <= MaxTtl)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Ttl), value, $"A step's cache time to live must be positive and at most {MaxTtl.TotalSeconds:0} seconds (or null for the cache's default).");
}
