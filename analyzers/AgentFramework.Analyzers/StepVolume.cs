using AgentFramework.Catalog;

namespace AgentFramework.Analyzers;

/// <summary>The declared traffic of a step.</summary>
internal sealed class StepVolume
{
    public StepVolume(double callsPerDay, int inputTokens, int outputTokens)
    {
        CallsPerDay = callsPerDay;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
    }

    public double CallsPerDay { get; }

    public int InputTokens { get; }

    public int OutputTokens { get; }

    /// <summary>True when a monthly cost can be computed.</summary>
    public bool IsCostable => CallsPerDay > 0 && (InputTokens > 0 || OutputTokens > 0);

    public double MonthlyCost(ModelCard model) => ModelSelection.MonthlyCost(model, CallsPerDay, InputTokens, OutputTokens);
}
