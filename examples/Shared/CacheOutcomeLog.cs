using System.Globalization;
using System.Runtime.CompilerServices;
using AgentFramework.Caching;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.Extensions.AI;

namespace ExampleDesks;

/// <summary>
/// Notes, for every call of every step, what the semantic cache did with it: the outcome and reason it writes on the
/// response (<see cref="SemanticCacheProperties.Outcome"/>, <see cref="SemanticCacheProperties.Reason"/>,
/// <see cref="SemanticCacheProperties.Score"/>). It runs outside the cache (order 50, the cache is 100), so it sees
/// hits as well as calls that went upstream.
/// </summary>
public sealed class CacheOutcomeLog : IStepChatClientMiddleware
{
    private readonly List<Entry> _entries = [];

    /// <inheritdoc />
    public int Order => 50;

    /// <summary>Everything noted since the last <see cref="Drain"/>, then forgets it.</summary>
    public IReadOnlyList<Entry> Drain()
    {
        lock (_entries)
        {
            var all = _entries.ToList();
            _entries.Clear();
            return all;
        }
    }

    /// <inheritdoc />
    public IChatClient Wrap(IChatClient inner, StepRequirements step) => new Recorder(inner, step.StepId, this);

    private void Add(Entry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>One call: its step, the cache's outcome (null when the step has no cache: [NoCache]/[HasSideEffects]), why, and whether the answer was a tool call.</summary>
    public sealed record Entry(string StepId, string? Outcome, string? Reason, double? Score, bool AnsweredWithToolCall)
    {
        /// <summary>"exact hit", "semantic hit (0.93)", "miss", "vetoed (slot-guard:number-mismatch)", "bypass (conversation-id)".</summary>
        public string Describe() => Outcome switch
        {
            "exact" => "exact hit",
            "semantic" => string.Create(CultureInfo.InvariantCulture, $"semantic hit ({Score:0.00})"),
            "vetoed" => $"vetoed ({Reason}), upstream",
            "miss" => "miss, upstream",
            "bypass" => $"bypass ({Reason}), upstream",
            null => "no cache on this step, upstream",
            _ => Outcome,
        };

        /// <summary>True when the answer came from the cache.</summary>
        public bool IsHit => Outcome is "exact" or "semantic";
    }

    private sealed class Recorder(IChatClient inner, string stepId, CacheOutcomeLog log) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            log.Add(Note(response.AdditionalProperties, response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any()));
            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                yield return update;
            }

            var response = updates.ToChatResponse();
            log.Add(Note(response.AdditionalProperties, response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any()));
        }

        private Entry Note(AdditionalPropertiesDictionary? properties, bool toolCall)
        {
            object? Get(string key) => properties is not null && properties.TryGetValue(key, out var value) ? value : null;
            return new Entry(stepId, Get(SemanticCacheProperties.Outcome) as string, Get(SemanticCacheProperties.Reason) as string, Get(SemanticCacheProperties.Score) as double?, toolCall);
        }
    }
}
