using System.Globalization;
using System.Text;
using AgentFramework.Catalog;

namespace AgentFramework.Routing;

/// <summary>
/// The router's choice for one step, with everything needed to explain it: every registered
/// candidate with its price and rejections, the fallbacks in order, and the baseline model.
/// </summary>
public sealed record RoutingDecision
{
    /// <summary>The step id.</summary>
    public required string StepId { get; init; }

    /// <summary>The model the call goes to first.</summary>
    public required ModelCard Selected { get; init; }

    /// <summary>Models to try, in order, when the selected one fails.</summary>
    public required IReadOnlyList<ModelCard> Fallbacks { get; init; }

    /// <summary>Every registered model considered, cheapest first.</summary>
    public required IReadOnlyList<RoutingCandidate> Candidates { get; init; }

    /// <summary>Why <see cref="Selected"/> was chosen.</summary>
    public required RoutingReason Reason { get; init; }

    /// <summary>The model a naive setup would have used (for baseline cost figures).</summary>
    public required ModelCard Baseline { get; init; }

    /// <summary>The needs the decision was made for.</summary>
    public required ModelNeeds Needs { get; init; }

    /// <summary>A multi-line human explanation of the decision.</summary>
    public string Explain()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Step '{StepId}' needs {Needs}: routed to {Selected.Id} ({Reason}).").AppendLine();
        foreach (var c in Candidates)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {c.Model.Id,-28} ${c.Model.InputPerMillion:0.###}/${c.Model.OutputPerMillion:0.###} per M  ");
            sb.AppendLine(c.IsSufficient ? "sufficient" : "rejected: " + string.Join("; ", c.Rejections));
        }

        if (Fallbacks.Count > 0)
        {
            sb.Append("  fallbacks: ").AppendLine(string.Join(" -> ", Fallbacks.Select(f => f.Id)));
        }

        return sb.ToString();
    }
}
