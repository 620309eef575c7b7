using System.Reflection;
using AgentFramework.Catalog;
using AgentFramework.Models;
using AgentFramework.Routing;

namespace AgentFramework.Steps;

/// <summary>
/// Checks every step of every registered agent once, before any step runs: declarations the shared
/// resolver rejects, <see cref="UseModelAttribute"/> ids that are not in the catalog or not registered, and
/// needs that no registered model meets (for steps the router chooses for, or may downgrade).
/// </summary>
/// <remarks>
/// Runs on the first resolution of an agent interface (<c>AddAgent&lt;TInterface, TAgent&gt;</c>) or of
/// <see cref="Runtime.IAgentRunner"/>, and on host start through <c>ValidateOnStart</c>. The result is computed
/// once; later resolutions rethrow the same problems.
/// </remarks>
internal sealed class StepBindingValidator
{
    private const BindingFlags StepMethods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private readonly Lazy<IReadOnlyList<string>> _problems;

    public StepBindingValidator(ModelCatalog catalog, Func<IModelRegistry> registry, IEnumerable<AgentRegistration> agents)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(agents);
        var types = agents.Select(a => a.AgentType).Distinct().ToList();
        _problems = new Lazy<IReadOnlyList<string>>(() => types.Count == 0 ? [] : Validate(catalog, registry(), types), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every problem found, one message each (empty when every step can run).</summary>
    public IReadOnlyList<string> Problems => _problems.Value;

    /// <summary>Throws <see cref="StepValidationException"/> when any step cannot run.</summary>
    public void ThrowIfInvalid()
    {
        if (Problems.Count > 0)
        {
            throw new StepValidationException(Problems);
        }
    }

    /// <summary>Validates the steps of <paramref name="agentTypes"/> against the catalog and the registered models.</summary>
    internal static IReadOnlyList<string> Validate(ModelCatalog catalog, IModelRegistry registry, IEnumerable<Type> agentTypes)
    {
        var problems = new List<string>();
        foreach (var type in agentTypes)
        {
            foreach (var method in type.GetMethods(StepMethods).Where(m => m.DeclaringType != typeof(object)).OrderBy(m => m.MetadataToken))
            {
                if (!StepRequirements.IsStep(method))
                {
                    continue;
                }

                var invalid = StepRequirements.Problems(method);
                if (invalid.Count > 0)
                {
                    problems.AddRange(invalid);
                    continue;
                }

                problems.AddRange(Check(StepRequirements.For(method), catalog, registry));
            }
        }

        return [.. problems.Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Check(StepRequirements step, ModelCatalog catalog, IModelRegistry registry)
    {
        var registered = registry.Models.Select(r => r.Model.Id).ToList();
        if (step.BoundModelId is { } boundId)
        {
            if (catalog.Find(boundId) is not { } card)
            {
                var closest = catalog.ClosestIds(boundId, 3);
                yield return $"Step '{step.StepId}' is bound to '{boundId}' ([UseModel]), which is not in the model catalog. "
                    + $"Closest catalog ids: {ModelCatalog.DescribeClosest(closest)}. "
                    + "Fix the id, or describe the model in a catalog override file (AgentFrameworkOptions.CatalogOverridePath).";
                yield break;
            }

            if (registry.Find(card.Id) is null)
            {
                yield return new ModelNotRegisteredException(step.StepId, card.Id, registered).Message;
                yield break;
            }

            // A bound step runs on its model; only a downgrade (budget spent) asks the router for another.
            if (step.Budget?.Policy != BudgetPolicy.Downgrade)
            {
                yield break;
            }
        }

        var needs = step.Needs;
        var candidates = ModelSelection.OrderByPrice(registry.Models.Select(r => r.Model), needs)
            .Select(m => new RoutingCandidate(m, ModelSelection.RankingPrice(m, needs), ModelSelection.Shortfalls(m, needs).Select(s => s.Message).ToList()))
            .ToList();
        if (!candidates.Any(c => c.IsSufficient))
        {
            yield return new NoSufficientModelException(step.StepId, needs, candidates).Message;
        }
    }
}
