namespace AgentFramework.Steps;

/// <summary>A parameter whose value becomes part of the cache scope.</summary>
/// <param name="ParameterName">The C# parameter name.</param>
/// <param name="ScopeField">The scope field name.</param>
/// <param name="Position">The parameter's position.</param>
/// <param name="IsTenantScope">True for <see cref="CacheScopeAttribute"/> (tenant/user identity), false for <see cref="CacheKeyAttribute"/>.</param>
public sealed record StepScopeParameter(string ParameterName, string ScopeField, int Position, bool IsTenantScope);
