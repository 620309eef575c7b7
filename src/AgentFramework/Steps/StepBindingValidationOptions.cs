namespace AgentFramework.Steps;

/// <summary>Marker options whose validation is the step check, so <c>ValidateOnStart</c> runs it when a host starts.</summary>
internal sealed class StepBindingValidationOptions
{
}
