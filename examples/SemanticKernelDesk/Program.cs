using System.Diagnostics;
using System.Globalization;
using AgentFramework;
using AgentFramework.Ledger;
using AgentFramework.SemanticKernel;
using AgentFramework.SemanticKernel.Selection;
using AgentFramework.SemanticKernel.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using SemanticKernelDesk;

// A support desk hosted in Semantic Kernel: the agent's steps are kernel functions the model calls
// automatically; each step is routed to the cheapest sufficient model, fronted by the semantic cache,
// and billed in the cost ledger.
var culture = CultureInfo.InvariantCulture;
var watch = Stopwatch.StartNew();

// 1. The models the application may call. Offline, each is played by a clearly labelled stand-in.
string[] modelIds = ["gpt-4.1-nano", "gpt-4.1-mini", "o3", "claude-opus-4-1"];
var tokenizer = new TiktokenTokenCounter();
var standIns = modelIds.ToDictionary(id => id, id => new OfflineStandInChatClient(id, tokenizer));

// Notes what the cache did with every step call (the outcome and reason it writes on each response).
var outcomes = new CacheOutcomeLog();

var services = new ServiceCollection();
var agentFramework = services.AddAgentFramework().AddAgent<SupportAgent>().AddStepMiddleware(outcomes);
foreach (var (id, client) in standIns)
{
    agentFramework.AddModel(id, client);
}

// 2. The real semantic cache: local ONNX embeddings (all-MiniLM-L6-v2) and the in-process vector index.
services.AddOnnxEmbeddingGenerator();
services.AddEmbeddedVectorIndex();
services.AddSemanticCache();

// 3. Semantic Kernel, with the agent imported as a plugin.
services.AddAgentFrameworkKernel().Plugins.AddAgentPlugin<SupportAgent>();

await using var provider = services.BuildServiceProvider();
var kernel = provider.GetRequiredService<Kernel>();
var selector = provider.GetRequiredService<CapabilityServiceSelector>();
var ledger = provider.GetRequiredService<ICostLedger>();

// The orchestrating prompt is a step too: it needs a model that uses tools reliably.
var handle = PromptStep.Create("Desk.Handle", (Capability.ToolUse, CapabilityLevel.Standard));
const string Prompt = "You are a support desk. Use the tools to handle the ticket, then answer with the reply to send.\nTicket: {{$ticket}}";
var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

Console.WriteLine("SemanticKernelDesk — OFFLINE: every model below is an offline stand-in (deterministic rules, no network).");
Console.WriteLine("Routing, the semantic cache, the ONNX embedding model and the cost ledger are real.");
Console.WriteLine();
Console.WriteLine("Kernel functions and the model the router chose for each:");
var plugin = kernel.Plugins["SupportAgent"];
var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var function in plugin)
{
    var step = function.GetStepRequirements();
    var decision = selector.Explain(kernel, function);
    if (step is not null && decision is not null)
    {
        predicted[step.StepId] = decision.Selected.Id;
    }

    Console.WriteLine(string.Create(culture, $"  {function.PluginName}.{function.Name,-14} {(step is null ? "(plain tool, no model)" : $"needs {step.Needs}"),-52} -> {decision?.Selected.Id ?? "-"}"));
}

predicted[handle.StepId] = selector.Explain(kernel, KernelFunctionFactory.CreateFromPrompt(Prompt), new KernelArguments().WithStep(handle))!.Selected.Id;
Console.WriteLine(string.Create(culture, $"  {"(prompt) Desk.Handle",-27} needs {handle.Needs,-46} -> {predicted[handle.StepId]}"));
Console.WriteLine();
Console.WriteLine("Per ticket: which steps the cache answered. The orchestrator's tool-calling turns are never served from the");
Console.WriteLine("cache: a turn whose answer is a tool call is not stored, and a turn that ends with tool results bypasses the");
Console.WriteLine("cache (reason last-message-not-user) because its answer depends on those results.");
Console.WriteLine();

var failures = new List<string>();
long AgentStepCalls() => ledger.GetSnapshot().Steps.Where(l => l.StepId != handle.StepId).Sum(l => l.Calls);
var repeat = Tickets.All.Single(t => t.Id == 4);
foreach (var ticket in Tickets.All)
{
    var before = standIns.Values.Sum(m => m.Calls);
    var ticketWatch = Stopwatch.StartNew();
    var agentCallsBefore = AgentStepCalls();
    outcomes.Drain();
    string reply;
    try
    {
        var arguments = new KernelArguments(settings) { ["ticket"] = ticket.Text }.WithStep(handle).WithTenant(ticket.Tenant);
        reply = (await kernel.InvokePromptAsync(Prompt, arguments)).GetValue<string>() ?? string.Empty;
    }
    catch (Exception ex)
    {
        failures.Add($"ticket {ticket.Id}: {ex.GetType().Name}: {ex.Message}");
        continue;
    }

    var upstream = standIns.Values.Sum(m => m.Calls) - before;
    if (ticket == repeat && AgentStepCalls() != agentCallsBefore)
    {
        failures.Add($"ticket {ticket.Id} repeats ticket 2 word for word, yet its agent steps made {AgentStepCalls() - agentCallsBefore} upstream calls");
    }

    Console.WriteLine(string.Create(culture, $"#{ticket.Id,-2} [{ticket.Tenant}] {ticket.Text}"));
    Console.WriteLine(string.Create(culture, $"    ({ticket.Note}; {upstream} upstream calls; {ticketWatch.Elapsed.TotalMilliseconds:0} ms)"));
    var calls = outcomes.Drain();
    TicketReport.Write(Console.Out, calls, handle.StepId);
    Console.WriteLine($"    -> {reply}");
    if (calls.Any(c => c.StepId == handle.StepId && c.IsHit))
    {
        failures.Add($"ticket {ticket.Id}: an orchestrator turn was served from the cache");
    }

    if (ticket.Id == 6 && !reply.Contains("2291", StringComparison.Ordinal))
    {
        failures.Add("ticket 6 asks about order 2291 but was answered about another order (a near-duplicate was served from the cache)");
    }

    if (ticket.Id == 9 && AgentStepCalls() == agentCallsBefore)
    {
        failures.Add("ticket 9 (tenant acme) was answered entirely from cache entries written for tenant globex");
    }

    if (string.IsNullOrWhiteSpace(reply))
    {
        failures.Add($"ticket {ticket.Id}: empty reply");
    }
}

// Consistency checks that make the run fail loudly rather than print wrong figures.
var snapshot = ledger.GetSnapshot();
Console.WriteLine();
Console.WriteLine("Which model served each step (from the cost ledger):");
Console.WriteLine(string.Create(culture, $"  {"step",-26} {"model",-14} {"calls",5} {"exact",6} {"semantic",8} {"vetoed",6} {"cost $",10} {"all-opus $",11}"));
foreach (var line in snapshot.Steps)
{
    var served = snapshot.StepModels.Where(m => m.StepId == line.StepId && m.Calls > 0).Select(m => m.ModelId).ToList();
    Console.WriteLine(string.Create(culture, $"  {line.StepId,-26} {string.Join("+", served),-14} {line.Calls,5} {line.ExactHits,6} {line.SemanticHits,8} {line.Vetoes,6} {line.CostUsd,10:0.000000} {line.NaiveCostUsd,11:0.000000}"));
    if (predicted.TryGetValue(line.StepId, out var expected) && served.Any(m => m != expected))
    {
        failures.Add($"step {line.StepId} was served by {string.Join(", ", served)}, but the selector chose {expected}");
    }
}

var total = snapshot.Total;
Console.WriteLine();
Console.WriteLine(string.Create(culture, $"Ledger totals: {total.Calls} model calls, {total.ExactHits} exact + {total.SemanticHits} semantic cache hits, {total.InputTokens} input / {total.OutputTokens} output tokens."));
Console.WriteLine(string.Create(culture, $"Spent ${total.CostUsd:0.000000}; the same traffic on claude-opus-4-1 for every step, with no cache: ${total.NaiveCostUsd:0.000000}; cache saved ${total.SavedByCacheUsd:0.000000}."));
Console.WriteLine(string.Create(culture, $"Finished in {watch.Elapsed.TotalSeconds:0.0} s."));

var upstreamCalls = standIns.Values.Sum(m => m.Calls);
if (total.Calls != upstreamCalls)
{
    failures.Add($"the ledger counts {total.Calls} model calls but the models received {upstreamCalls}");
}

if (total.ExactHits + total.SemanticHits == 0)
{
    failures.Add($"no cache hit, although ticket {repeat.Id} repeats ticket 2 word for word");
}

if (failures.Count > 0)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("FAILED:");
    foreach (var failure in failures)
    {
        Console.Error.WriteLine("  " + failure);
    }

    return 1;
}

return 0;
