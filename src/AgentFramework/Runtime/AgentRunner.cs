using System.Linq.Expressions;
using System.Reflection;
using AgentFramework.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Runtime;

/// <summary>The default <see cref="IAgentRunner"/>: resolves agents from DI and invokes the step method by reflection.</summary>
internal sealed class AgentRunner : IAgentRunner
{
    private readonly IServiceProvider _services;

    /// <summary>Creates the runner; the steps of every registered agent are validated first, so a bad binding fails here, not at a call.</summary>
    public AgentRunner(IServiceProvider services, StepBindingValidator validator)
    {
        validator.ThrowIfInvalid();
        _services = services;
    }

    public Task<TResult> RunAsync<TAgent, TResult>(Expression<Func<TAgent, Task<TResult>>> step, StepInvocation? invocation = null)
        where TAgent : class =>
        (Task<TResult>)Invoke<TAgent>(step, invocation);

    public Task RunAsync<TAgent>(Expression<Func<TAgent, Task>> step, StepInvocation? invocation = null)
        where TAgent : class =>
        (Task)Invoke<TAgent>(step, invocation);

    private object Invoke<TAgent>(LambdaExpression step, StepInvocation? invocation)
        where TAgent : class
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Body is not MethodCallExpression call || call.Object != step.Parameters[0])
        {
            throw new ArgumentException("A step expression must be a single call of a method on the agent, e.g. a => a.ClassifyAsync(text).", nameof(step));
        }

        var agent = _services.GetRequiredService<TAgent>();
        var arguments = call.Arguments.Select(Evaluate).ToArray();
        var method = ImplementationMethod(agent.GetType(), call.Method);
        var context = StepContextFactory.Create(method, arguments, invocation);
        using (StepContext.Enter(context))
        {
            // The step's async state machine captures the context here, so its continuations see it too.
            try
            {
                return call.Method.Invoke(agent, arguments)!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }

    /// <summary>Maps an interface method to the class method that carries the attributes.</summary>
    internal static MethodInfo ImplementationMethod(Type implementation, MethodInfo method)
    {
        if (method.DeclaringType is not { IsInterface: true } iface || !iface.IsAssignableFrom(implementation))
        {
            return method;
        }

        var map = implementation.GetInterfaceMap(iface);
        var index = Array.IndexOf(map.InterfaceMethods, method);
        return index >= 0 ? map.TargetMethods[index] : method;
    }

    // Closures compile to field reads on a constant; reading them directly avoids compiling a delegate per call.
    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression c => c.Value,
        MemberExpression { Member: FieldInfo f, Expression: var target } => f.GetValue(target is null ? null : Evaluate(target)),
        MemberExpression { Member: PropertyInfo p, Expression: var target } => p.GetValue(target is null ? null : Evaluate(target)),
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } u when u.Type == typeof(object) => Evaluate(operand),
        _ => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)(),
    };
}
