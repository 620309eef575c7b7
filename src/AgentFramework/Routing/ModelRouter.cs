using AgentFramework.Catalog;
using AgentFramework.Ledger;
using AgentFramework.Models;
using AgentFramework.Steps;
using Microsoft.Extensions.Options;

namespace AgentFramework.Routing;

/// <summary>
/// Sends each step to the cheapest registered model that meets its declared needs (or to the model
/// it is bound to), using the same selection rules as the analyzer (<see cref="ModelSelection"/>).
/// </summary>
public sealed class ModelRouter
{
    private readonly ModelCatalog _catalog;
    private readonly IModelRegistry _registry;
    private readonly ICostLedger _ledger;
    private readonly TimeProvider _time;
    private readonly AgentFrameworkOptions _options;

    /// <summary>Creates a router.</summary>
    public ModelRouter(ModelCatalog catalog, IModelRegistry registry, ICostLedger ledger, IOptions<AgentFrameworkOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _registry = registry;
        _ledger = ledger;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Chooses the model for <paramref name="step"/>.</summary>
    /// <exception cref="UnknownModelException">The step is bound to an id the catalog does not know.</exception>
    /// <exception cref="ModelNotRegisteredException">The step is bound to a model with no registered client.</exception>
    /// <exception cref="NoSufficientModelException">No registered model meets the step's needs.</exception>
    /// <exception cref="BudgetExceededException">The step's budget is spent and its policy is <see cref="BudgetPolicy.Refuse"/>.</exception>
    public RoutingDecision Route(StepRequirements step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var needs = step.Needs;
        if (_registry.Models.Count == 0)
        {
            throw new NoSufficientModelException(step.StepId, needs, []);
        }

        var candidates = ModelSelection.OrderByPrice(_registry.Models.Select(r => r.Model), needs)
            .Select(m => new RoutingCandidate(m, ModelSelection.RankingPrice(m, needs), ModelSelection.Shortfalls(m, needs).Select(s => s.Message).ToList()))
            .ToList();
        var sufficient = candidates.Where(c => c.IsSufficient).Select(c => c.Model).ToList();

        ModelCard? bound = null;
        if (step.BoundModelId is { } boundId)
        {
            bound = _catalog.Get(boundId);
            if (_registry.Find(bound.Id) is null)
            {
                throw new ModelNotRegisteredException(step.StepId, bound.Id, _registry.Models.Select(r => r.Model.Id));
            }
        }

        var baseline = ResolveBaseline(bound);
        var reason = bound is null ? RoutingReason.CheapestSufficient : RoutingReason.Bound;

        if (step.Budget is { } budget)
        {
            var spent = _ledger.SpentSince(step.StepId, _time.GetUtcNow() - _options.BudgetWindow);
            if (spent >= budget.UsdPerMonth)
            {
                if (budget.Policy == BudgetPolicy.Refuse)
                {
                    throw new BudgetExceededException(step.StepId, budget.UsdPerMonth, spent, _options.BudgetWindow);
                }

                // Downgrade: ignore the binding and take the cheapest model that still meets the needs.
                bound = null;
                reason = RoutingReason.BudgetDowngrade;
            }
        }

        ModelCard selected;
        if (bound is not null)
        {
            selected = bound;
        }
        else if (sufficient.Count > 0)
        {
            selected = sufficient[0];
        }
        else
        {
            throw new NoSufficientModelException(step.StepId, needs, candidates);
        }

        var fallbacks = sufficient.Where(m => !ReferenceEquals(m, selected)).Take(_options.MaxFallbacks).ToList();
        return new RoutingDecision
        {
            StepId = step.StepId,
            Selected = selected,
            Fallbacks = fallbacks,
            Candidates = candidates,
            Reason = reason,
            Baseline = baseline,
            Needs = needs,
        };
    }

    private ModelCard ResolveBaseline(ModelCard? bound)
    {
        if (_options.BaselineModelId is { Length: > 0 } configured)
        {
            return _catalog.Get(configured);
        }

        if (bound is not null)
        {
            return bound;
        }

        // A naive setup sends everything to its strongest (most expensive) registered model.
        return _registry.Models.Select(r => r.Model).OrderByDescending(m => m.BlendedPricePerMillion).ThenBy(m => m.Id, StringComparer.Ordinal).First();
    }
}
