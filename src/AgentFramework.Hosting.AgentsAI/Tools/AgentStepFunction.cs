using System.Reflection;
using System.Text.Json;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Hosting.AgentsAI.Tools;

/// <summary>
/// An agent step offered to a Microsoft Agent Framework agent as a tool: an <see cref="AIFunction"/> that, for
/// every call, makes the step current (<see cref="StepContext.Current"/>) with its <see cref="CacheKeyAttribute"/>
/// and <see cref="CacheScopeAttribute"/> values before running the agent method.
/// </summary>
/// <remarks>
/// <para>Entering the step is what makes the method's <c>IStepChatClient</c> calls routed, cached and recorded as
/// <em>this</em> step rather than as the calling agent's model step: the function-invoking loop of a
/// <c>ChatClientAgent</c> runs tools outside the chat-client pipeline, where no step is current.</para>
/// <para>The tenant is, in order: the method's <see cref="CacheScopeAttribute"/> parameters, the run's tenant
/// (<see cref="AgentRunStepOptions.WithTenant"/>), then the step current when the tool is called. A tool call made
/// for a tenant's request therefore belongs to that tenant.</para>
/// </remarks>
public sealed class AgentStepFunction : DelegatingAIFunction
{
    internal AgentStepFunction(AIFunction inner, MethodInfo method, StepRequirements step)
        : base(inner)
    {
        Method = method;
        Step = step;
    }

    /// <summary>The step's declared requirements (id, needs, bound model, cache policy).</summary>
    public StepRequirements Step { get; }

    /// <summary>The agent method behind the tool.</summary>
    public MethodInfo Method { get; }

    /// <summary>The <see cref="StepContext"/> a call with <paramref name="arguments"/> runs in.</summary>
    public StepContext ResolveStep(AIFunctionArguments? arguments)
    {
        var parameters = Method.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (arguments is not null && parameters[i].Name is { } name && arguments.TryGetValue(name, out var value))
            {
                values[i] = value is JsonElement json ? FromJson(json) : value;
            }
        }

        var tenant = AgentRunStepOptions.CurrentTenant() ?? StepContext.Current?.TenantScope;
        return StepContextFactory.Create(Method, values, new StepInvocation(tenant));
    }

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        using (StepContext.Enter(ResolveStep(arguments)))
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
    }

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => json.GetRawText(),
    };
}
