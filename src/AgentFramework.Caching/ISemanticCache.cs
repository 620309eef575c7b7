using AgentFramework.Caching.Invalidation;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>
/// A two-tier response cache for chat requests: an exact tier (normalized request hash on HybridCache) and a
/// semantic tier (nearest stored prompts in the request's scope on an <c>IVectorIndex</c>, served only when
/// similar enough and every verifier agrees).
/// </summary>
/// <remarks>
/// <para>Scope is a hard filter: a hit always shares the tenant/user scope, step (or prompt-template) id, system
/// prompt, tool definitions and response format, <c>[CacheKey]</c> values, conversation context and capability
/// floor of the request. Requests with a server-side conversation id bypass.</para>
/// <para>Lookups fail open: a fault in the embedder, index or HybridCache is logged and counted and the request
/// goes to the model. Nothing is thrown at the caller except the model's own exceptions.</para>
/// <para>The <c>policy</c> parameters default to the current step's (<see cref="StepContext.Current"/>) policy.</para>
/// </remarks>
public interface ISemanticCache
{
    /// <summary>
    /// Returns a cached answer for the request, or calls <paramref name="factory"/> once — concurrent identical
    /// requests, and concurrent paraphrases in the same scope, wait for that one call — and stores its answer
    /// when it is cacheable.
    /// </summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <param name="factory">Calls the model.</param>
    /// <param name="policy">The step's cache policy, or <c>null</c> for the current step's (or the defaults).</param>
    /// <param name="cancellationToken">Cancels waiting; the shared model call continues while others wait for it.</param>
    /// <returns>The answer; hits carry provenance in <see cref="ChatResponse.AdditionalProperties"/> (see <see cref="SemanticCacheProperties"/>).</returns>
    ValueTask<ChatResponse> GetOrCreateAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Func<CancellationToken, Task<ChatResponse>> factory, StepCachePolicy? policy = null, CancellationToken cancellationToken = default);

    /// <summary>Looks the request up without calling a model (used for streaming).</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <param name="policy">The step's cache policy, or <c>null</c> for the current step's (or the defaults).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<SemanticCacheLookup> LookupAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, StepCachePolicy? policy = null, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="response"/> as the answer of the request when it is cacheable; <c>true</c> when stored.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <param name="response">The model's complete answer.</param>
    /// <param name="policy">The step's cache policy, or <c>null</c> for the current step's (or the defaults).</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    ValueTask<bool> StoreAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, ChatResponse response, StepCachePolicy? policy = null, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry carrying <paramref name="tag"/> from both tiers, here and (through the <see cref="ICacheInvalidationBus"/>) on other instances.</summary>
    /// <param name="tag">A tag given with <see cref="SemanticCacheProperties.Tags"/>, or a built-in step tag.</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    ValueTask InvalidateTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry stored for the tenant/user scope <paramref name="scopeKey"/> from both tiers, here and on other instances.</summary>
    /// <param name="scopeKey">The tenant/user scope value (from <c>[CacheScope]</c> or <see cref="SemanticCacheProperties.TenantScope"/>).</param>
    /// <param name="cancellationToken">Cancels the invalidation.</param>
    ValueTask InvalidateScopeAsync(string scopeKey, CancellationToken cancellationToken = default);
}
