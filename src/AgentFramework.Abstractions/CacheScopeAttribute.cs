using System;

namespace AgentFramework;

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
