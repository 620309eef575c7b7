using System.Linq.Expressions;

namespace AgentFramework.Runtime;

/// <summary>Runs agent steps: sets the step context, then calls the step method.</summary>
public interface IAgentRunner
{
    /// <summary>Runs one step of <typeparamref name="TAgent"/>, e.g. <c>runner.RunAsync((SupportAgent a) =&gt; a.ClassifyAsync(text, ct))</c>.</summary>
    /// <exception cref="ArgumentException">The expression is not a single call of an instance method on the agent parameter.</exception>
    Task<TResult> RunAsync<TAgent, TResult>(Expression<Func<TAgent, Task<TResult>>> step, StepInvocation? invocation = null)
        where TAgent : class;

    /// <summary>Runs one step that returns no value.</summary>
    Task RunAsync<TAgent>(Expression<Func<TAgent, Task>> step, StepInvocation? invocation = null)
        where TAgent : class;
}
