namespace AgentFramework.Ledger;

/// <summary>A consistent copy of the ledger's totals.</summary>
/// <param name="Steps">One line per step.</param>
/// <param name="StepModels">
/// One line per (step, model), plus one line per step with a <c>null</c> <see cref="LedgerLine.ModelId"/> for the
/// lookups that ended without a model. Every counter of these lines sums to the step's line in
/// <paramref name="Steps"/>, and those sum to <paramref name="Total"/>.
/// </param>
/// <param name="Total">The sum over all steps.</param>
public sealed record LedgerSnapshot(IReadOnlyList<LedgerLine> Steps, IReadOnlyList<LedgerLine> StepModels, LedgerLine Total);
