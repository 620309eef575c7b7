using System.Diagnostics;
using System.Globalization;
using AgentFramework.Hosting.AgentsAI;
using AgentFramework.Hosting.AgentsAI.Tools;
using AgentFramework.Ledger;
using AgentFramework.Routing;
using AgentsAIDesk;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// A support desk as a Microsoft Agent Framework ChatClientAgent: the agent's steps are its tools; each step, and the
// agent's own model calls, are routed to the cheapest sufficient model, fronted by the semantic cache, and billed in
// the cost ledger.
var culture = CultureInfo.InvariantCulture;
var watch = Stopwatch.StartNew();

// 1. The models the application may call. Offline, each is played by a clearly labelled stand-in.
string[] modelIds = ["gpt-4.1-nano", "gpt-4.1-mini", "o3", "claude-opus-4-1"];
var tokenizer = new TiktokenTokenCounter();
var standIns = modelIds.ToDictionary(id => id, id => new OfflineStandInChatClient(id, tokenizer));
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

// 3. The Microsoft Agent Framework agent: its model calls run as step Desk.Handle (needs declared by attributes on
//    DeskSteps.Handle), its tools are the agent's steps plus one plain tool.
var handle = AgentModelStep.From(typeof(DeskSteps), nameof(DeskSteps.Handle));
services.AddStepRoutedAgent("desk", o =>
{
    o.Instructions = "You are a support desk. Use the tools to handle the ticket, then answer with the reply to send.";
    o.Chat.Step = handle;
    o.AddStepTools<SupportAgent>();
    o.AddTool(AIFunctionFactory.Create(SupportAgent.OrderStatus));
});

await using var provider = services.BuildServiceProvider();
var agent = provider.GetRequiredKeyedService<AIAgent>("desk");
var router = provider.GetRequiredService<ModelRouter>();
var ledger = provider.GetRequiredService<ICostLedger>();

Console.WriteLine("AgentsAIDesk — OFFLINE: every model below is an offline stand-in (deterministic rules, no network).");
Console.WriteLine("Microsoft Agent Framework (ChatClientAgent), routing, the semantic cache, the ONNX embedding model and the cost ledger are real.");
Console.WriteLine();
Console.WriteLine("Agent tools and the model the router chose for each:");
var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
IEnumerable<AITool> tools = [.. AgentStepFunctions.Create<SupportAgent>(provider), AIFunctionFactory.Create(SupportAgent.OrderStatus)];
foreach (var tool in tools)
{
    var step = (tool as AgentStepFunction)?.Step;
    var model = step is null ? "-" : router.Route(step).Selected.Id;
    if (step is not null)
    {
        predicted[step.StepId] = model;
    }

    Console.WriteLine(string.Create(culture, $"  {tool.Name,-14} {(step is null ? "(plain tool, no model)" : $"step {step.StepId}, needs {step.Needs}"),-80} -> {model}"));
}

predicted[handle.StepId] = router.Route(handle).Selected.Id;
Console.WriteLine(string.Create(culture, $"  {"(agent model)",-14} {$"step {handle.StepId}, needs {handle.Needs}",-80} -> {predicted[handle.StepId]}"));
Console.WriteLine();
Console.WriteLine("Per ticket: which steps the cache answered. The orchestrator's tool-calling turns are never served from the");
Console.WriteLine("cache: a turn whose answer is a tool call is not stored, and a turn that ends with tool results bypasses the");
Console.WriteLine("cache (reason last-message-not-user) because its answer depends on those results.");
Console.WriteLine();

var failures = new List<string>();
var repeat = Tickets.All.Single(t => t.Id == 4);
foreach (var ticket in Tickets.All)
{
    var before = standIns.Values.Sum(m => m.Calls);
    var ticketWatch = Stopwatch.StartNew();
    outcomes.Drain();
    string reply;
    try
    {
        // A new session per ticket; the tenant partitions every cache entry the run reads or writes.
        var session = await agent.CreateSessionAsync();
        var response = await agent.RunAsync($"Ticket: {ticket.Text}", session, new ChatClientAgentRunOptions().WithTenant(ticket.Tenant));
        reply = response.Text;
    }
    catch (Exception ex)
    {
        failures.Add($"ticket {ticket.Id}: {ex.GetType().Name}: {ex.Message}");
        continue;
    }

    var calls = outcomes.Drain();
    var upstream = standIns.Values.Sum(m => m.Calls) - before;
    var stepCalls = calls.Where(c => c.StepId != handle.StepId).ToList();
    Console.WriteLine(string.Create(culture, $"#{ticket.Id,-2} [{ticket.Tenant}] {ticket.Text}"));
    Console.WriteLine(string.Create(culture, $"    ({ticket.Note}; {upstream} upstream calls; {ticketWatch.Elapsed.TotalMilliseconds:0} ms)"));
    TicketReport.Write(Console.Out, calls, handle.StepId);
    Console.WriteLine($"    -> {reply}");

    if (ticket == repeat && stepCalls.Any(c => !c.IsHit))
    {
        failures.Add($"ticket {ticket.Id} repeats ticket 2 word for word, yet a step went upstream");
    }

    if (ticket.Id == 6 && !reply.Contains("2291", StringComparison.Ordinal))
    {
        failures.Add("ticket 6 asks about order 2291 but was answered about another order (a near-duplicate was served from the cache)");
    }

    if (ticket.Id == 9 && stepCalls.All(c => c.IsHit))
    {
        failures.Add("ticket 9 (tenant acme) was answered entirely from cache entries written for tenant globex");
    }

    if (calls.Any(c => c.StepId == handle.StepId && c.IsHit))
    {
        failures.Add($"ticket {ticket.Id}: an orchestrator turn was served from the cache");
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
Console.WriteLine(string.Create(culture, $"  {"step",-26} {"model",-14} {"calls",5} {"exact",6} {"semantic",8} {"vetoed",6} {"bypass",6} {"cost $",10} {"all-opus $",11}"));
foreach (var line in snapshot.Steps)
{
    var served = snapshot.StepModels.Where(m => m.StepId == line.StepId && m.Calls > 0).Select(m => m.ModelId).ToList();
    Console.WriteLine(string.Create(culture, $"  {line.StepId,-26} {string.Join("+", served),-14} {line.Calls,5} {line.ExactHits,6} {line.SemanticHits,8} {line.Vetoes,6} {line.Bypasses,6} {line.CostUsd,10:0.000000} {line.NaiveCostUsd,11:0.000000}"));
    if (predicted.TryGetValue(line.StepId, out var expected) && served.Any(m => m != expected))
    {
        failures.Add($"step {line.StepId} was served by {string.Join(", ", served)}, but the router chose {expected}");
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
