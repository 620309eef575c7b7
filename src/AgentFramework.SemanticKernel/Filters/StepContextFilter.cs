using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using AgentFramework.SemanticKernel.Plugins;
using AgentFramework.SemanticKernel.Steps;
using AgentFramework.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Filters;

/// <summary>
/// Makes the step of the kernel function being run current (<see cref="StepContext.Current"/>), so that an
/// agent method calling <c>IStepChatClient</c>, and a prompt function's chat call, are routed and cached as
/// that step.
/// </summary>
/// <remarks>
/// <para>Semantic Kernel enumerates a streaming function's result after every filter has returned, outside
/// the filter's async flow. For streaming calls the filter therefore wraps the result so that the step is
/// current again each time the caller pulls the next chunk.</para>
/// <para>Functions that are not steps (see <see cref="AgentPlugin.IsStep"/> and
/// <see cref="StepKernelArguments.WithStep"/>) pass through untouched.</para>
/// </remarks>
internal sealed partial class StepContextFilter : IFunctionInvocationFilter
{
    private static readonly ConcurrentDictionary<Type, Func<object, StepContext, object>?> StreamWrappers = new();
    private static readonly MethodInfo WrapStreamMethod = typeof(StepContextFilter).GetMethod(nameof(WrapStream), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ILogger _logger;

    /// <summary>Creates the filter.</summary>
    public StepContextFilter(ILogger<StepContextFilter>? logger = null) => _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc />
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var step = KernelStepResolver.Resolve(context.Function, context.Arguments, StepContext.Current);
        if (step is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Log.EnteringStep(_logger, context.Function.PluginName, context.Function.Name, step.StepId, context.IsStreaming);
        using (StepContext.Enter(step))
        {
            await next(context).ConfigureAwait(false);
        }

        if (context.IsStreaming && context.Result.ValueType is { } type && context.Result.GetValue<object>() is { } stream
            && StreamWrappers.GetOrAdd(type, CreateWrapper) is { } wrap)
        {
            context.Result = new FunctionResult(context.Result, wrap(stream, step));
        }
    }

    private static Func<object, StepContext, object>? CreateWrapper(Type type)
    {
        var element = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            ?.GetGenericArguments()[0];
        if (element is null)
        {
            return null;
        }

        var method = WrapStreamMethod.MakeGenericMethod(element);
        return (stream, step) => method.Invoke(null, [stream, step, CancellationToken.None])!;
    }

    internal static async IAsyncEnumerable<T> WrapStream<T>(IAsyncEnumerable<T> source, StepContext step, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // An async iterator restores the caller's context on every MoveNextAsync, so the step is
        // re-entered around each pull from the source rather than once for the whole loop.
        IAsyncEnumerator<T> enumerator;
        using (StepContext.Enter(step))
        {
            enumerator = source.GetAsyncEnumerator(cancellationToken);
        }

        try
        {
            while (true)
            {
                bool moved;
                using (StepContext.Enter(step))
                {
                    moved = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }

                if (!moved)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Debug, "Kernel function {PluginName}.{FunctionName} runs as step {StepId} (streaming: {IsStreaming}).", EventName = "EnteringStep")]
        public static partial void EnteringStep(ILogger logger, string? pluginName, string functionName, string stepId, bool isStreaming);
    }
}
