using System.Collections.ObjectModel;

namespace AgentFramework.Steps;

/// <summary>
/// The step being executed on the current async flow: its requirements and the values that
/// partition its cache (tenant/user scope, <see cref="CacheKeyAttribute"/> parameters).
/// The step runtime and the Semantic Kernel filter set it; routing and caching read it.
/// </summary>
public sealed class StepContext
{
    private static readonly AsyncLocal<StepContext?> CurrentContext = new();

    /// <summary>Creates a context.</summary>
    /// <param name="requirements">The step's requirements.</param>
    /// <param name="scopeValues">Exact-match cache scope values (field → value), e.g. from <see cref="CacheKeyAttribute"/> parameters.</param>
    /// <param name="tenantScope">The tenant/user identity the call runs for, or <c>null</c>.</param>
    /// <param name="conversationId">The conversation the call belongs to, or <c>null</c>.</param>
    public StepContext(StepRequirements requirements, IReadOnlyDictionary<string, string>? scopeValues = null, string? tenantScope = null, string? conversationId = null)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        Requirements = requirements;
        ScopeValues = scopeValues ?? ReadOnlyDictionary<string, string>.Empty;
        TenantScope = tenantScope;
        ConversationId = conversationId;
    }

    /// <summary>The context of the step running on this async flow, or <c>null</c> outside any step.</summary>
    public static StepContext? Current => CurrentContext.Value;

    /// <summary>The step's requirements.</summary>
    public StepRequirements Requirements { get; }

    /// <summary>The step id.</summary>
    public string StepId => Requirements.StepId;

    /// <summary>Exact-match cache scope values, from <see cref="CacheKeyAttribute"/> parameters.</summary>
    public IReadOnlyDictionary<string, string> ScopeValues { get; }

    /// <summary>The tenant/user identity (from <see cref="CacheScopeAttribute"/> parameters or the invocation options).</summary>
    public string? TenantScope { get; }

    /// <summary>
    /// True when the step declares <see cref="CacheScopeAttribute"/> parameters but a value was null, empty, white
    /// space or held control characters: no scope can be formed, so the cache bypasses the call.
    /// </summary>
    public bool TenantScopeMissing { get; init; }

    /// <summary>The conversation id, when the call continues a conversation.</summary>
    public string? ConversationId { get; }

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    public static IDisposable Enter(StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Restore(previous);
    }

    private sealed class Restore(StepContext? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                CurrentContext.Value = previous;
            }
        }
    }
}
