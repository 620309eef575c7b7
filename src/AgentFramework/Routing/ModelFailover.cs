using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using AgentFramework.Catalog;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Routing;

/// <summary>
/// Runs one call over the candidate models a router selected, in order, moving to the next model when an
/// attempt fails. The one fallback loop of both the non-streaming and the streaming path: a non-streaming
/// attempt is a stream of one response.
/// </summary>
/// <remarks>
/// <para>The rules: a model is tried only after the previous one failed; no failover once the caller has seen
/// an item of the attempt (a stream cannot be taken back) or once the caller canceled — the error is rethrown
/// then; when every model failed, <see cref="ModelCallFailedException"/> lists them with their errors.</para>
/// <para>Selection (which models, in which order) belongs to the router; accounting (what a success or a
/// failure records) to the <see cref="IFailoverCall{T}"/>. This class owns only the order of events.</para>
/// </remarks>
internal sealed partial class ModelFailover
{
    private readonly string _stepId;
    private readonly ILogger _logger;

    /// <summary>Creates the loop for one step.</summary>
    public ModelFailover(string stepId, ILogger logger)
    {
        _stepId = stepId;
        _logger = logger;
    }

    /// <summary>Runs <paramref name="call"/> on <paramref name="models"/>, in order, until one attempt completes.</summary>
    /// <exception cref="ModelCallFailedException">Every model failed before the caller saw any item.</exception>
    public async IAsyncEnumerable<T> RunAsync<T>(IReadOnlyList<ModelCard> models, IFailoverCall<T> call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var failures = new List<Exception>();
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var started = Stopwatch.GetTimestamp();

            // Started outside the try: a client that throws before returning its stream fails the call, as it always has.
            var enumerator = call.Start(model, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var yieldedAny = false;
            var completed = false;
            try
            {
                while (true)
                {
                    var (moved, error) = await TryMoveNextAsync(enumerator).ConfigureAwait(false);
                    if (error is not null)
                    {
                        var canceled = error is OperationCanceledException && cancellationToken.IsCancellationRequested;
                        call.OnFailed(model, Stopwatch.GetElapsedTime(started), error, canceled);

                        // Failover is only possible before the caller has seen any item, and never against a cancellation.
                        if (yieldedAny || canceled)
                        {
                            ExceptionDispatchInfo.Capture(error).Throw();
                        }

                        failures.Add(error);
                        Log.CallFailed(_logger, error, _stepId, model.Id, i + 1 < models.Count ? models[i + 1].Id : "(none)");
                        break;
                    }

                    if (!moved)
                    {
                        completed = true;
                        break;
                    }

                    var item = enumerator.Current;
                    call.OnItem(model, item);
                    yieldedAny = true;
                    yield return item;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            if (completed)
            {
                if (call.TryComplete(model, Stopwatch.GetElapsedTime(started), out var trailer))
                {
                    yield return trailer;
                }

                yield break;
            }
        }

        throw new ModelCallFailedException(_stepId, models.Select(m => m.Id).ToList(), failures);
    }

    private static async ValueTask<(bool Moved, Exception? Error)> TryMoveNextAsync<T>(IAsyncEnumerator<T> enumerator)
    {
        try
        {
            return (await enumerator.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (Exception ex)
        {
            return (false, ex);
        }
    }

    private static partial class Log
    {
        // Event id 2 as when the loop lived in CapabilityRoutingChatClient, whose logger it still writes to.
        [LoggerMessage(1002, LogLevel.Warning, "Step {StepId}: call to {ModelId} failed; next model: {NextModelId}.", EventName = "CallFailed")]
        public static partial void CallFailed(ILogger logger, Exception exception, string stepId, string modelId, string nextModelId);
    }
}
