namespace AgentFramework.Steps;

/// <summary>An agent class registered with <c>AddAgent</c>; its steps are validated at startup.</summary>
/// <param name="AgentType">The agent class.</param>
internal sealed record AgentRegistration(Type AgentType);
