using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Runtime;

/// <summary>
/// Wraps the chat client of one step. Registered middlewares are applied to every step's pipeline
/// in ascending <see cref="Order"/>, the lowest outermost; the cache uses this to front each step
/// according to its attributes.
/// </summary>
public interface IStepChatClientMiddleware
{
    /// <summary>Position in the pipeline; lower runs first (outermost). The cache uses 100.</summary>
    int Order { get; }

    /// <summary>Returns a client that fronts <paramref name="inner"/> for <paramref name="step"/> (or <paramref name="inner"/> itself).</summary>
    IChatClient Wrap(IChatClient inner, StepRequirements step);
}
