using AgentFramework.Routing;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace AgentFramework.Runtime;

/// <summary>
/// The chat client agents use. Each call goes to the pipeline of the step running on the current
/// async flow (<see cref="StepContext.Current"/>): step middlewares (e.g. the semantic cache) in
/// front of a <see cref="CapabilityRoutingChatClient"/> that picks the cheapest sufficient registered model.
/// </summary>
/// <remarks>Inject it into agent classes; call it only from inside a step.</remarks>
public interface IStepChatClient : IChatClient
{
    /// <summary>The pipeline of <paramref name="step"/>, for callers that hold the step explicitly.</summary>
    IChatClient ForStep(StepRequirements step);
}
