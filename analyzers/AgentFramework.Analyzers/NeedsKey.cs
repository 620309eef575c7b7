using System;
using AgentFramework.Catalog;

namespace AgentFramework.Analyzers;

/// <summary>
/// A cheap equality key for <see cref="ModelNeeds"/>: thousands of steps share a handful of distinct needs, and
/// <see cref="CostModel"/> looks each one up. Building the key must cost far less than the selection it saves, so
/// the levels are packed into one number instead of formatting enum names into a string.
/// </summary>
internal readonly struct NeedsKey : IEquatable<NeedsKey>
{
    private const int BitsPerLevel = 3;
    private const int MaxPackedCapability = (64 / BitsPerLevel) - 1;
    private const int MaxPackedLevel = (1 << BitsPerLevel) - 1;

    private readonly ulong _levels;
    private readonly int _features;
    private readonly int _minContextTokens;
    private readonly int _inputTokens;
    private readonly int _outputTokens;

    // Needs whose values do not fit the packing (never from a valid declaration) keep the long form.
    private readonly string? _fallback;

    private NeedsKey(ulong levels, int features, int minContextTokens, int inputTokens, int outputTokens, string? fallback)
    {
        _levels = levels;
        _features = features;
        _minContextTokens = minContextTokens;
        _inputTokens = inputTokens;
        _outputTokens = outputTokens;
        _fallback = fallback;
    }

    /// <summary>The key of <paramref name="needs"/>: equal keys for needs that select the same models.</summary>
    public static NeedsKey Of(ModelNeeds needs)
    {
        ulong levels = 0;
        string? fallback = null;
        foreach (var pair in needs.Levels)
        {
            var capability = (int)pair.Key;
            var level = (int)pair.Value;
            if (capability < 0 || capability > MaxPackedCapability || level < 0 || level > MaxPackedLevel)
            {
                fallback = needs.ToString();
                levels = 0;
                break;
            }

            levels |= (ulong)level << (capability * BitsPerLevel);
        }

        return new NeedsKey(levels, (int)needs.Features, needs.MinContextTokens, needs.TypicalInputTokens, needs.TypicalOutputTokens, fallback);
    }

    /// <inheritdoc />
    public bool Equals(NeedsKey other) =>
        _levels == other._levels && _features == other._features && _minContextTokens == other._minContextTokens &&
        _inputTokens == other._inputTokens && _outputTokens == other._outputTokens &&
        string.Equals(_fallback, other._fallback, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NeedsKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = _levels.GetHashCode();
            hash = (hash * 397) ^ _features;
            hash = (hash * 397) ^ _minContextTokens;
            hash = (hash * 397) ^ _inputTokens;
            hash = (hash * 397) ^ _outputTokens;
            return (hash * 397) ^ (_fallback == null ? 0 : StringComparer.Ordinal.GetHashCode(_fallback));
        }
    }
}
