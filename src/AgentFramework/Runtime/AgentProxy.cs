using System.Reflection;
using AgentFramework.Steps;

namespace AgentFramework.Runtime;

/// <summary>
/// Fronts an agent registered as <c>AddAgent&lt;TInterface, TAgent&gt;()</c>: every call of a step
/// method through the interface runs inside its <see cref="StepContext"/>, so agent code stays
/// plain C# (<c>await agent.ClassifyAsync(text)</c>).
/// </summary>
internal class AgentProxy : DispatchProxy
{
    private object? _target;

    internal static TInterface Create<TInterface>(object target)
        where TInterface : class
    {
        var proxy = Create<TInterface, AgentProxy>();
        ((AgentProxy)(object)proxy)._target = target;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var target = _target ?? throw new InvalidOperationException("The agent proxy has no target.");
        var arguments = args ?? [];
        var implementation = AgentRunner.ImplementationMethod(target.GetType(), targetMethod);
        // The step may be declared on the interface method, the class method, or both (see StepRequirements).
        if (!ReflectionStepAdapter.Resolve(implementation).IsStep)
        {
            return Call(targetMethod, target, arguments);
        }

        using (StepContext.Enter(StepContextFactory.Create(implementation, arguments)))
        {
            return Call(targetMethod, target, arguments);
        }
    }

    private static object? Call(MethodInfo method, object target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
