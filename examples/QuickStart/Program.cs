// The smallest complete AgentFramework app: two steps, a stand-in model, the semantic cache, the ledger.
// README.md's quick start is this file; a test keeps the two identical.
// quickstart:begin
using AgentFramework;                     // [AgentStep], [Requires], [CacheScope], Capability, CapabilityLevel
using AgentFramework.Caching;             // SemanticCacheProperties (what the cache did)
using AgentFramework.Ledger;              // ICostLedger (what was spent and saved)
using AgentFramework.Runtime;             // IStepChatClient
using AgentFramework.VectorIndex;         // EmbeddedVectorIndexOptions
using Microsoft.Extensions.AI;            // IChatClient, ChatMessage
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddAgentFramework(o => o.BaselineModelId = "gpt-4.1")   // the model a naive setup would use everywhere
    .AddModel("gpt-4.1-nano", new StandInModel("gpt-4.1-nano"))   // any IChatClient per catalog model id
    .AddModel("gpt-4.1", new StandInModel("gpt-4.1"))
    .AddAgent<IHelpDesk, HelpDesk>();                             // steps run in their step context
services.AddOnnxEmbeddingGenerator();                             // local all-MiniLM-L6-v2, no key, no server
services.AddEmbeddedVectorIndex(o => o.Directory = EmbeddedVectorIndexOptions.DefaultDirectory("QuickStart"));
services.AddSemanticCache(o => o.RequireTenantScope = true);      // fronts every step's IStepChatClient
await using var app = services.BuildServiceProvider();

var desk = app.GetRequiredService<IHelpDesk>();
string[] questions =
[
    "How do I reset my password?",
    "How do I reset my password?",        // exact repeat
    "How can I reset my password?",       // paraphrase
    "How do I disable two-factor authentication?",
    "How do I enable two-factor authentication?", // near-duplicate: must not be served the answer above
];
foreach (var question in questions)
{
    var label = await desk.ClassifyAsync("acme", question);
    var reply = await desk.ReplyAsync("acme", question);
    Console.WriteLine($"{question,-46} classify: {label.Cache,-24} reply: {reply.Cache}");
}

foreach (var step in app.GetRequiredService<ICostLedger>().GetSnapshot().Steps)
{
    Console.WriteLine($"{step.StepId}: {step.Calls} calls, {step.ExactHits} exact + {step.SemanticHits} semantic hits, " +
        $"{step.Vetoes} vetoed, spent ${step.CostUsd:0.000000}, naive ${step.NaiveCostUsd:0.000000}");
}

public interface IHelpDesk
{
    Task<Answer> ClassifyAsync(string tenant, string question);

    Task<Answer> ReplyAsync(string tenant, string question);
}

public sealed class HelpDesk(IStepChatClient chat) : IHelpDesk
{
    [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
    public async Task<Answer> ClassifyAsync([CacheScope] string tenant, string question) =>
        Answer.From(await chat.GetResponseAsync([new(ChatRole.System, "Label: account, billing or other."), new(ChatRole.User, question)]));

    [AgentStep, Requires(Capability.Writing, CapabilityLevel.Standard)]
    public async Task<Answer> ReplyAsync([CacheScope] string tenant, string question) =>
        Answer.From(await chat.GetResponseAsync([new(ChatRole.System, "Reply helpfully."), new(ChatRole.User, question)]));
}

/// <summary>The model's text and what the cache did: outcome, similarity score and reason travel on every response.</summary>
public sealed record Answer(string Text, string Cache)
{
    public static Answer From(ChatResponse response)
    {
        var p = response.AdditionalProperties;
        var outcome = p?.GetValueOrDefault(SemanticCacheProperties.Outcome) as string ?? "-";
        var score = p?.GetValueOrDefault(SemanticCacheProperties.Score) is double s ? $" {s:0.00}" : "";
        var reason = p?.GetValueOrDefault(SemanticCacheProperties.Reason) is string r ? $" ({r})" : "";
        return new(response.Text, outcome + score + reason);
    }
}

/// <summary>A STAND-IN for a paid model, so the quick start runs offline: it answers by echoing the question.</summary>
public sealed class StandInModel(string modelId) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"[{modelId}] answer to: {messages.Last().Text}"))
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new() { InputTokenCount = 40, OutputTokenCount = 20 },
        });

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("stand-in", null, modelId) : null;

    public void Dispose()
    {
    }
}
// quickstart:end
