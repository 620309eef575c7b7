using AgentFramework.Caching.Diagnostics;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Scoping;

namespace AgentFramework.Caching;

public sealed partial class SemanticCache
{
    /// <inheritdoc />
    /// <remarks>Local removal failures are thrown (the caller asked for the data to be gone); a failed publish is only logged.</remarks>
    public async ValueTask InvalidateTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        await RemoveTagLocallyAsync(tag, cancellationToken).ConfigureAwait(false);
        await PublishAsync(new CacheInvalidation(tag, null, _options.InstanceId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Local removal failures are thrown (the caller asked for the data to be gone); a failed publish is only logged.</remarks>
    public async ValueTask InvalidateScopeAsync(string scopeKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scopeKey);
        await RemoveTagLocallyAsync(CacheRequestPlanner.ScopeTag(scopeKey), cancellationToken).ConfigureAwait(false);
        await PublishAsync(new CacheInvalidation(null, scopeKey, _options.InstanceId), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RemoveTagLocallyAsync(string tag, CancellationToken cancellationToken)
    {
        await _hybrid.RemoveByTagAsync(tag, cancellationToken).ConfigureAwait(false);
        if (_index is not null)
        {
            await _index.DeleteByTagAsync(tag, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken)
    {
        try
        {
            await _bus.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _faults);
            _metrics.Fault("invalidation-bus");
            Log.PublishFailed(_logger, ex, message.Tag, message.ScopeKey);
        }
    }

    private async ValueTask OnRemoteInvalidationAsync(CacheInvalidation message, CancellationToken cancellationToken)
    {
        if (message is null || string.Equals(message.SourceInstanceId, _options.InstanceId, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (!string.IsNullOrEmpty(message.Tag))
            {
                await RemoveTagLocallyAsync(message.Tag, cancellationToken).ConfigureAwait(false);
            }

            if (!string.IsNullOrEmpty(message.ScopeKey))
            {
                await RemoveTagLocallyAsync(CacheRequestPlanner.ScopeTag(message.ScopeKey), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _faults);
            _metrics.Fault("remote-invalidation");
            Log.RemoteInvalidationFailed(_logger, ex, message.SourceInstanceId);
        }
    }
}
