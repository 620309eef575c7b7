using System.Runtime.CompilerServices;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Caching;

/// <summary>
/// A chat-client middleware that answers repeated and paraphrased requests from an <see cref="ISemanticCache"/>
/// before calling the inner client.
/// </summary>
/// <remarks>
/// Non-streaming misses go through <see cref="ISemanticCache.GetOrCreateAsync"/> (one upstream call for concurrent
/// identical requests and paraphrases). Streaming hits are replayed as updates; a streamed answer is stored only
/// when the stream completed normally and the assembled answer is cacheable.
/// </remarks>
public sealed class SemanticCachingChatClient : DelegatingChatClient
{
    private readonly ISemanticCache _cache;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client that answers misses.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="policy">A fixed cache policy (e.g. the step's); <c>null</c> uses the current step's at each call.</param>
    public SemanticCachingChatClient(IChatClient innerClient, ISemanticCache cache, StepCachePolicy? policy = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        Policy = policy;
    }

    /// <summary>The fixed policy, or <c>null</c> when the current step's policy applies.</summary>
    public StepCachePolicy? Policy { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _cache.GetOrCreateAsync(
            list,
            options,
            ct => base.GetResponseAsync(list, options, ct),
            Policy,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var lookup = await _cache.LookupAsync(list, options, Policy, cancellationToken).ConfigureAwait(false);
        if (lookup.IsHit)
        {
            foreach (var update in lookup.Response!.ToChatResponseUpdates())
            {
                yield return update;
            }

            yield break;
        }

        var collected = lookup.Outcome == CacheOutcome.Bypassed ? null : new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            collected?.Add(update);
            yield return update;
        }

        // Reached only when the stream completed: an abandoned or failed stream never gets here.
        if (collected is { Count: > 0 } && !cancellationToken.IsCancellationRequested)
        {
            await _cache.StoreAsync(list, options, collected.ToChatResponse(), Policy, cancellationToken).ConfigureAwait(false);
        }
    }
}
