using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>
/// Fronts each step's chat client with the cache according to the step's attributes: <c>[NoCache]</c> or
/// <c>[HasSideEffects]</c> → no cache; <c>[SemanticCache(ExactOnly = true)]</c> → exact tier only; threshold and
/// TTL overrides are passed through.
/// </summary>
public sealed class SemanticCacheStepMiddleware : IStepChatClientMiddleware
{
    private readonly ISemanticCache _cache;

    /// <summary>Creates the middleware.</summary>
    /// <param name="cache">The cache every step shares.</param>
    public SemanticCacheStepMiddleware(ISemanticCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
    }

    /// <summary>The cache runs outside (before) the router and budget middlewares: a hit costs nothing.</summary>
    public int Order => 100;

    /// <inheritdoc />
    public IChatClient Wrap(IChatClient inner, StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(step);
        if (!step.Cache.Enabled || step.HasSideEffects)
        {
            return inner;
        }

        return new SemanticCachingChatClient(inner, _cache, step.Cache);
    }
}
