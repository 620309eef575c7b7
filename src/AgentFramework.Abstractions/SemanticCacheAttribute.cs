using System;

namespace AgentFramework;

/// <summary>
/// Turns on the semantic cache for a step (or every step of a class) and tunes it.
/// </summary>
/// <remarks>
/// <para>A request is answered from the cache only when it falls in the same scope (tenant/user,
/// step, system prompt, tools, <see cref="CacheKeyAttribute"/> parameters, conversation context,
/// capability floor), its embedding is at least <see cref="Threshold"/> similar to a stored one,
/// and the verifier finds no changed slot (numbers, negation, antonyms, swapped words).</para>
/// <para>Never put it on a step marked <see cref="HasSideEffectsAttribute"/>: the analyzer reports
/// AGF0006.</para>
/// <example>
/// <code>
/// [AgentStep, Requires(Capability.Writing)]
/// [SemanticCache(Threshold = 0.92, TtlSeconds = 3600)]
/// public Task&lt;string&gt; AnswerFaqAsync(string question, [CacheScope] string tenantId) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class SemanticCacheAttribute : Attribute
{
    /// <summary>
    /// Minimum cosine similarity for a semantic hit, in (0, 1].
    /// <value>Defaults to <c>0</c>, meaning the cache's configured default.</value>
    /// </summary>
    public double Threshold { get; set; }

    /// <summary>How long an answer may be served, in seconds. <value>Defaults to <c>0</c>: the cache's default.</value></summary>
    public int TtlSeconds { get; set; }

    /// <summary>
    /// When <c>true</c>, only exact (normalized) repeats are served; no similarity search.
    /// <value>Defaults to <c>false</c>.</value>
    /// </summary>
    public bool ExactOnly { get; set; }
}
