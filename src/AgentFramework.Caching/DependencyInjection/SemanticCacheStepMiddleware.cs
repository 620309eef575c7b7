using System.Collections.Concurrent;
using AgentFramework.Caching.Diagnostics;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching.DependencyInjection;

/// <summary>
/// Fronts each step's chat client with the cache according to the step's attributes: <c>[NoCache]</c> or
/// <c>[HasSideEffects]</c> → no cache; <c>[SemanticCache(ExactOnly = true)]</c> → exact tier only; threshold and
/// TTL overrides are passed through.
/// </summary>
internal sealed class SemanticCacheStepMiddleware : IStepChatClientMiddleware
{
    private readonly ISemanticCache _cache;
    private readonly bool _requireTenantScope;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    /// <summary>Creates the middleware.</summary>
    /// <param name="cache">The cache every step shares.</param>
    /// <param name="options">The cache's settings, to warn about steps that can never form a required tenant scope.</param>
    /// <param name="logger">Receives that warning, once per step.</param>
    public SemanticCacheStepMiddleware(ISemanticCache cache, IOptions<SemanticCacheOptions>? options = null, ILogger<SemanticCacheStepMiddleware>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _requireTenantScope = options?.Value.RequireTenantScope == true;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The cache runs outside (before) the router and budget middlewares: a hit costs nothing.</summary>
    public int Order => 100;

    /// <inheritdoc />
    public IChatClient Wrap(IChatClient inner, StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(step);
        if (!step.IsCacheable())
        {
            return inner;
        }

        if (_requireTenantScope && !step.ScopeParameters.Any(p => p.IsTenantScope) && _warned.TryAdd(step.StepId, 0))
        {
            // Not an error: a tenant may still come with each call (StepInvocation or ChatOptions); most often it is a forgotten [CacheScope].
            Log.StepWithoutTenantScope(_logger, step.StepId);
        }

        return new SemanticCachingChatClient(inner, _cache, step.Cache);
    }
}
