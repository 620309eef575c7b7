using System;

namespace AgentFramework;

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
