using AgentFramework.Catalog;

namespace AgentFramework.Routing;

/// <summary>One registered model the router considered for a step.</summary>
/// <param name="Model">The catalog card.</param>
/// <param name="RankingPrice">The price used to rank it for the step (see <see cref="ModelSelection.RankingPrice"/>).</param>
/// <param name="Rejections">Why it cannot serve the step; empty when it can.</param>
public sealed record RoutingCandidate(ModelCard Model, double RankingPrice, IReadOnlyList<string> Rejections)
{
    /// <summary>True when the model meets every need of the step.</summary>
    public bool IsSufficient => Rejections.Count == 0;
}
