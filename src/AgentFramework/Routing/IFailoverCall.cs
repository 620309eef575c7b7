using AgentFramework.Catalog;

namespace AgentFramework.Routing;

/// <summary>
/// One request as <see cref="ModelFailover"/> drives it over the candidate models: how an attempt on one model
/// starts, what happens to each item it produces, and how the attempt is accounted for when it ends.
/// </summary>
/// <typeparam name="T">What the caller receives: one <c>ChatResponse</c>, or the <c>ChatResponseUpdate</c>s of a stream.</typeparam>
/// <remarks>An implementation holds the state of the attempt in progress and resets it in <see cref="Start"/>.</remarks>
internal interface IFailoverCall<T>
{
    /// <summary>Starts an attempt on <paramref name="model"/>; its items, as the caller will see them.</summary>
    IAsyncEnumerable<T> Start(ModelCard model, CancellationToken cancellationToken);

    /// <summary>Sees (and may complete, e.g. with the model id) an item of the attempt on <paramref name="model"/> before the caller does.</summary>
    void OnItem(ModelCard model, T item);

    /// <summary>The attempt on <paramref name="model"/> ran to its end; returns true with an item to yield after the model's own, if one is due.</summary>
    bool TryComplete(ModelCard model, TimeSpan elapsed, out T trailer);

    /// <summary>The attempt on <paramref name="model"/> failed with <paramref name="error"/>; <paramref name="canceled"/> when the caller canceled it.</summary>
    void OnFailed(ModelCard model, TimeSpan elapsed, Exception error, bool canceled);
}
