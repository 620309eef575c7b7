using AgentFramework.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Caching;

/// <summary>Adds the semantic cache to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class SemanticCacheChatClientBuilderExtensions
{
    /// <summary>
    /// Fronts the rest of the pipeline with a <see cref="SemanticCachingChatClient"/>. Add it before (outside)
    /// routing so a hit avoids the router too.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="cache">The cache; <c>null</c> resolves <see cref="ISemanticCache"/> from the builder's services (see <c>AddSemanticCache</c>).</param>
    /// <param name="policy">A fixed policy; <c>null</c> uses the current step's at each call.</param>
    /// <returns>The builder.</returns>
    public static ChatClientBuilder UseSemanticCache(this ChatClientBuilder builder, ISemanticCache? cache = null, StepCachePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var resolved = cache ?? services.GetService<ISemanticCache>()
                ?? throw new InvalidOperationException("UseSemanticCache found no ISemanticCache: pass one, or call services.AddSemanticCache() first.");
            return new SemanticCachingChatClient(inner, resolved, policy);
        });
    }
}
