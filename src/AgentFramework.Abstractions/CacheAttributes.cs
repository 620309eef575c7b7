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

/// <summary>Turns every cache tier off for a step or class, whatever the defaults say.</summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, NoCache, Requires(Capability.Writing)]
/// public Task&lt;string&gt; DraftPersonalReplyAsync(Ticket ticket) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NoCacheAttribute : Attribute
{
}

/// <summary>
/// Marks a step parameter whose value must match exactly for a cached answer to be reused
/// (it becomes part of the cache scope, a hard filter, instead of only part of the prompt text).
/// </summary>
/// <remarks>
/// <example>
/// <code>
/// public Task&lt;string&gt; ShippingQuoteAsync(string question, [CacheKey] string country) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class CacheKeyAttribute : Attribute
{
    /// <summary>The scope field name. <value>Defaults to <c>null</c>: the parameter name.</value></summary>
    public string? Name { get; set; }
}

/// <summary>
/// Marks a step parameter that identifies the tenant or user the answer belongs to. Cached answers
/// are never served across different values: the value is a hard filter in the index.
/// </summary>
/// <remarks>
/// The analyzer reports AGF0006 when a cached step has a parameter that looks like a user or tenant
/// identifier (<c>userId</c>, <c>tenantId</c>, <c>customerId</c>, …) without this attribute or
/// <see cref="CacheKeyAttribute"/>.
/// <example>
/// <code>
/// public Task&lt;string&gt; AnswerAsync(string question, [CacheScope] string tenantId) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class CacheScopeAttribute : Attribute
{
}

/// <summary>
/// Declares that a step changes the outside world (sends mail, issues refunds, writes records).
/// Such a step is never served from a cache.
/// </summary>
/// <remarks>
/// <example>
/// <code>
/// [AgentStep, HasSideEffects, Requires(Capability.ToolUse)]
/// public Task IssueRefundAsync(string orderId) { ... }
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HasSideEffectsAttribute : Attribute
{
}
