using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using AgentFramework.Ledger;
using AgentFramework.Routing;
using AgentFramework.Steps;
using Microsoft.Extensions.DependencyInjection;
using SupportDesk.Agent;
using SupportDesk.Hosting;
using SupportDesk.Workload;

namespace SupportDesk.Job;

/// <summary>Progress of a run, reported after every ticket.</summary>
/// <param name="Done">Tickets processed.</param>
/// <param name="Total">Tickets in the workload.</param>
/// <param name="Hits">Cache hits so far.</param>
/// <param name="Lookups">Cache lookups so far.</param>
/// <param name="CostUsd">Dollars spent so far.</param>
/// <param name="NaiveCostUsd">Dollars the naive setup would have spent so far.</param>
public sealed record JobProgress(int Done, int Total, long Hits, long Lookups, double CostUsd, double NaiveCostUsd);

/// <summary>
/// The main job: runs every ticket of a workload through the support agent (classify, extract,
/// summarize, draft a reply, and escalate legal tickets), then checks the figures.
/// </summary>
public static class SupportDeskJob
{
    /// <summary>The agent's steps in pipeline order, with the methods that declare them.</summary>
    public static readonly IReadOnlyList<MethodInfo> StepMethods =
    [
        typeof(SupportAgent).GetMethod(nameof(SupportAgent.ClassifyAsync))!,
        typeof(SupportAgent).GetMethod(nameof(SupportAgent.ExtractOrderDetailsAsync))!,
        typeof(SupportAgent).GetMethod(nameof(SupportAgent.SummarizeAsync))!,
        typeof(SupportAgent).GetMethod(nameof(SupportAgent.DraftReplyAsync))!,
        typeof(SupportAgent).GetMethod(nameof(SupportAgent.EscalateToLegalAsync))!,
    ];

    private const double Tolerance = 1e-9;

    /// <summary>Runs <paramref name="tickets"/> through the agent of <paramref name="host"/>.</summary>
    public static async Task<JobResult> RunAsync(
        SupportDeskHost host,
        IReadOnlyList<Ticket> tickets,
        string workloadName,
        bool cacheEnabled,
        string baselineModel,
        IProgress<JobProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tickets);
        var agent = host.Services.GetRequiredService<ISupportAgent>();
        var ledger = host.Services.GetRequiredService<ICostLedger>();
        var counter = host.Counter;
        var steps = StepMethods.Select(StepRequirements.For).ToList();
        var invocations = steps.ToDictionary(s => s.StepId, _ => 0L, StringComparer.Ordinal);
        var outcomes = new List<TicketOutcome>(tickets.Count);
        var timeline = new List<TimelinePoint>(tickets.Count + 1) { new(0, 0, 0, 0, 0) };
        var errors = new List<string>();
        var offline = host.Mode == ModelMode.Offline;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < tickets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ticket = tickets[i];
            var served = new List<string>();
            var problems = new List<string>();

            async Task<T> Step<T>(string stepId, Func<Task<T>> run)
            {
                var before = counter.For(stepId);
                invocations[stepId]++;
                var result = await run().ConfigureAwait(false);
                if (counter.For(stepId) == before)
                {
                    served.Add(stepId);
                }

                return result;
            }

            string? label = null;
            try
            {
                var e = ticket.Expected;
                var classification = await Step(steps[0].StepId, () => agent.ClassifyAsync(ticket.Tenant, ticket.Text, cancellationToken)).ConfigureAwait(false);
                label = classification.Label;
                var details = await Step(steps[1].StepId, () => agent.ExtractOrderDetailsAsync(ticket.Tenant, ticket.Text, cancellationToken)).ConfigureAwait(false);
                var summary = await Step(steps[2].StepId, () => agent.SummarizeAsync(ticket.Tenant, ticket.Text, cancellationToken)).ConfigureAwait(false);
                var reply = await Step(steps[3].StepId, () => agent.DraftReplyAsync(ticket.Tenant, ticket.Locale, ticket.Text, classification, details, cancellationToken)).ConfigureAwait(false);
                if (classification.Category == "legal")
                {
                    await Step(steps[4].StepId, () => agent.EscalateToLegalAsync(ticket.Tenant, ticket.Id, ticket.Text, summary, cancellationToken)).ConfigureAwait(false);
                }

                Compare(problems, "classify", classification.Label, e.Label);
                Compare(problems, "order", details.OrderId, e.OrderId);
                Compare(problems, "product", details.Product, e.Product);
                Compare(problems, "country", details.Country, e.Country);
                Compare(problems, "amount", details.Amount, e.Amount);
                if (e.OrderId is not null && !summary.Contains(e.OrderId, StringComparison.Ordinal))
                {
                    problems.Add($"summary lacks order {e.OrderId}");
                }

                if (e.OrderId is not null && !reply.Contains(e.OrderId, StringComparison.Ordinal))
                {
                    problems.Add($"reply lacks order {e.OrderId}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"{ticket.Id}: {ex.GetType().Name}: {ex.Message}");
            }

            outcomes.Add(new TicketOutcome(ticket.Id, ticket.Kind.ToString(), ticket.Of, served, label, problems));
            var total = ledger.GetSnapshot().Total;
            var point = new TimelinePoint(i + 1, Lookups(total), total.ExactHits + total.SemanticHits, total.CostUsd, total.NaiveCostUsd);
            timeline.Add(point);
            progress?.Report(new JobProgress(i + 1, tickets.Count, point.Hits, point.Lookups, point.CostUsd, point.NaiveCostUsd));
        }

        clock.Stop();
        var snapshot = ledger.GetSnapshot();
        var router = host.Services.GetRequiredService<ModelRouter>();
        var figures = steps.Select(s => Figures(s, snapshot, router, counter, invocations[s.StepId])).ToList();
        var totalFigures = TotalFigures(snapshot.Total, counter, invocations.Values.Sum(), baselineModel);
        var kinds = Enum.GetValues<TicketKind>()
            .Select(k => k.ToString())
            .Select(k => outcomes.Where(o => o.Kind == k).ToList())
            .Where(l => l.Count > 0)
            .Select(l => new KindFigures(l[0].Kind, l.Count, l.Count(o => o.ServedFromCache.Count > 0), l.Sum(o => o.ServedFromCache.Count)))
            .ToList();
        var checks = Check(tickets, outcomes, figures, totalFigures, snapshot, steps, cacheEnabled, offline, errors);

        return new JobResult
        {
            Mode = offline ? "offline stand-in" : "live",
            Workload = workloadName,
            Tickets = tickets.Count,
            CacheEnabled = cacheEnabled,
            BaselineModel = baselineModel,
            RegisteredModels = host.Models,
            Steps = figures,
            Total = totalFigures,
            Kinds = kinds,
            Timeline = timeline,
            Outcomes = outcomes,
            Checks = checks,
            LegalCases = host.Services.GetRequiredService<LegalQueue>().Cases.Count,
            ElapsedSeconds = clock.Elapsed.TotalSeconds,
            SimulatedModelSeconds = host.StandIns.Sum(s => s.SimulatedTime.TotalSeconds),
            Errors = errors,
        };
    }

    private static long Lookups(LedgerLine l) => l.ExactHits + l.SemanticHits + l.Vetoes + l.Misses + l.Bypasses;

    private static void Compare(List<string> problems, string field, string? actual, string? expected)
    {
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{field}: got '{actual ?? "null"}', expected '{expected ?? "null"}'");
        }
    }

    private static StepFigures Figures(StepRequirements step, LedgerSnapshot snapshot, ModelRouter router, UpstreamCallCounter counter, long invocations)
    {
        var line = snapshot.Steps.FirstOrDefault(l => l.StepId == step.StepId) ?? new LedgerLine { StepId = step.StepId };
        var decision = router.Route(step);
        return new StepFigures
        {
            Step = step.StepId,
            Needs = decision.Needs.ToString(),
            Model = decision.Selected.Id,
            Reason = decision.Reason.ToString(),
            NaiveModel = decision.Baseline.Id,
            ModelsUsed = snapshot.StepModels.Where(m => m.StepId == step.StepId && m.Calls > 0).Select(m => m.ModelId!).ToList(),
            Invocations = invocations,
            UpstreamCallsCounted = counter.For(step.StepId),
            LookupP50Ms = line.LookupP50?.TotalMilliseconds,
            LookupP95Ms = line.LookupP95?.TotalMilliseconds,
        }.WithLedger(line);
    }

    private static StepFigures TotalFigures(LedgerLine total, UpstreamCallCounter counter, long invocations, string baselineModel) =>
        new StepFigures
        {
            Step = "(total)",
            Needs = string.Empty,
            Model = string.Empty,
            Reason = string.Empty,
            NaiveModel = baselineModel,
            ModelsUsed = [],
            Invocations = invocations,
            UpstreamCallsCounted = counter.ModelCalls,
        }.WithLedger(total);

    private static StepFigures WithLedger(this StepFigures f, LedgerLine l) => f with
    {
        Calls = l.Calls,
        ExactHits = l.ExactHits,
        SemanticHits = l.SemanticHits,
        Vetoes = l.Vetoes,
        Misses = l.Misses,
        Bypasses = l.Bypasses,
        InputTokens = l.InputTokens,
        OutputTokens = l.OutputTokens,
        TokensSavedByCache = l.TokensSavedByCache,
        CostUsd = l.CostUsd,
        BaselineCostUsd = l.BaselineCostUsd,
        NaiveCostUsd = l.NaiveCostUsd,
        SavedByCacheUsd = l.SavedByCacheUsd,
    };

    private static List<CheckResult> Check(
        IReadOnlyList<Ticket> tickets,
        List<TicketOutcome> outcomes,
        List<StepFigures> steps,
        StepFigures total,
        LedgerSnapshot snapshot,
        List<StepRequirements> requirements,
        bool cacheEnabled,
        bool offline,
        List<string> errors)
    {
        var checks = new List<CheckResult>
        {
            new("every ticket processed", errors.Count == 0, errors.Count == 0 ? $"{tickets.Count} tickets" : $"{errors.Count} failed; first: {errors[0]}"),
        };

        var wrong = outcomes.Where(o => o.Problems.Count > 0).ToList();
        checks.Add(new(
            "answers match the ground truth",
            !offline || wrong.Count == 0,
            wrong.Count == 0
                ? $"{outcomes.Count} tickets correct"
                : $"{wrong.Count} tickets wrong{(offline ? string.Empty : " (live models; reported, not enforced)")}; first: {wrong[0].Id} {string.Join("; ", wrong[0].Problems)}"));

        foreach (var kind in new[] { TicketKind.NearDuplicate, TicketKind.OtherTenant })
        {
            var name = kind.ToString();
            var relevant = outcomes.Where(o => o.Kind == name).ToList();
            var leaked = relevant.Where(o => o.ServedFromCache.Count > 0).ToList();
            checks.Add(new(
                kind == TicketKind.NearDuplicate ? "near-duplicates never served from cache" : "other-tenant repeats never served from cache",
                leaked.Count == 0,
                leaked.Count == 0
                    ? $"{relevant.Count} tickets, 0 served from cache"
                    : $"{leaked.Count} of {relevant.Count} served from cache; first: {leaked[0].Id} (of {leaked[0].Of}) in {string.Join(", ", leaked[0].ServedFromCache)}"));
        }

        // Without failures every call that passed the cache is one model call; with failures, fallbacks add calls.
        var failed = snapshot.Steps.ToDictionary(l => l.StepId, l => l.FailedCalls, StringComparer.Ordinal);
        var mismatched = steps.Where(s => s.Calls - failed.GetValueOrDefault(s.Step) != s.UpstreamCallsCounted).ToList();
        checks.Add(new(
            "ledger calls = calls past the cache = calls the models received",
            mismatched.Count == 0 && total.Calls == total.UpstreamCallsCounted,
            mismatched.Count == 0 && total.Calls == total.UpstreamCallsCounted
                ? $"{total.Calls} calls"
                : $"models received {total.UpstreamCallsCounted}, ledger {total.Calls}; " + string.Join("; ", mismatched.Select(s => $"{s.Step}: ledger {s.Calls}, past the cache {s.UpstreamCallsCounted}"))));

        var unbalanced = steps.Where(s => s.Invocations != s.Calls - failed.GetValueOrDefault(s.Step) + s.Hits).ToList();
        checks.Add(new(
            "every hit avoided an upstream call (invocations = calls + hits)",
            unbalanced.Count == 0,
            unbalanced.Count == 0
                ? $"{total.Invocations} step runs = {total.Calls} calls + {total.Hits} hits"
                : string.Join("; ", unbalanced.Select(s => $"{s.Step}: {s.Invocations} runs, {s.Calls} calls, {s.Hits} hits"))));

        if (cacheEnabled)
        {
            var cached = requirements.Where(r => r.Cache.Enabled && !r.HasSideEffects).Select(r => r.StepId).ToHashSet(StringComparer.Ordinal);
            var unaccounted = steps.Where(s => (s.Hits + s.Vetoes + s.Misses + s.Bypasses) != (cached.Contains(s.Step) ? s.Invocations : 0)).ToList();
            checks.Add(new(
                "every run of a cached step made exactly one lookup",
                unaccounted.Count == 0,
                unaccounted.Count == 0
                    ? $"{steps.Where(s => cached.Contains(s.Step)).Sum(s => s.Invocations)} lookups"
                    : string.Join("; ", unaccounted.Select(s => $"{s.Step}: {s.Invocations} runs, {s.Hits + s.Vetoes + s.Misses + s.Bypasses} lookups"))));
        }

        var sumProblems = new List<string>();
        void Sum(string name, double totalValue, double stepsValue)
        {
            if (Math.Abs(totalValue - stepsValue) > Tolerance * Math.Max(1, Math.Abs(totalValue)))
            {
                sumProblems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: total {totalValue}, steps {stepsValue}"));
            }
        }

        Sum("calls", total.Calls, steps.Sum(s => s.Calls));
        Sum("input tokens", total.InputTokens, steps.Sum(s => s.InputTokens));
        Sum("output tokens", total.OutputTokens, steps.Sum(s => s.OutputTokens));
        Sum("exact hits", total.ExactHits, steps.Sum(s => s.ExactHits));
        Sum("semantic hits", total.SemanticHits, steps.Sum(s => s.SemanticHits));
        Sum("vetoes", total.Vetoes, steps.Sum(s => s.Vetoes));
        Sum("cost", total.CostUsd, steps.Sum(s => s.CostUsd));
        Sum("baseline cost", total.BaselineCostUsd, steps.Sum(s => s.BaselineCostUsd));
        Sum("naive cost", total.NaiveCostUsd, steps.Sum(s => s.NaiveCostUsd));
        Sum("saved by cache", total.SavedByCacheUsd, steps.Sum(s => s.SavedByCacheUsd));
        foreach (var s in steps)
        {
            var models = snapshot.StepModels.Where(m => m.StepId == s.Step).ToList();
            Sum(s.Step + " cost over models", s.CostUsd, models.Sum(m => m.CostUsd));
            Sum(s.Step + " calls over models", s.Calls, models.Sum(m => m.Calls));
        }

        if (total.CostUsd > total.NaiveCostUsd + Tolerance)
        {
            sumProblems.Add("spent more than the naive setup");
        }

        checks.Add(new(
            "ledger totals = sum of steps (and of models)",
            sumProblems.Count == 0,
            sumProblems.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"${total.CostUsd:0.0000} over {steps.Count} steps") : string.Join("; ", sumProblems)));
        return checks;
    }
}
