using AgentFramework.Catalog;
using AgentFramework.Steps;
using AgentFramework.Caching.Tests.Fakes;
using AgentFramework.Testing.Fakes;
using AgentFramework.Ledger;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Caching.Tests;

public sealed class SemanticCacheTests
{
    [Fact]
    public async Task Repeat_IsServedFromExactTier_WithProvenanceAndSavings()
    {
        using var host = new CacheTestHost();
        var first = await host.Client.GetResponseAsync(CacheTestHost.Ask("What is the capital of France?"));
        var second = await host.Client.GetResponseAsync(CacheTestHost.Ask("  What is the   capital of France? "));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("miss", CacheTestHost.Outcome(first));
        Assert.Equal("exact", CacheTestHost.Outcome(second));
        Assert.Equal(first.Text, second.Text);
        Assert.StartsWith("afcache:x:", (string)second.AdditionalProperties![SemanticCacheProperties.EntryId]!, StringComparison.Ordinal);
        var hit = Assert.Single(host.LedgerRecords, r => r.Outcome == CacheLookupResult.ExactHit);
        Assert.Equal("gpt-4.1-mini", hit.ModelId);
        Assert.Equal(1000, hit.InputTokens);
        Assert.Equal(500, hit.OutputTokens);
        Assert.Contains(host.LedgerRecords, r => r.Outcome == CacheLookupResult.Miss);
    }

    [Fact]
    public async Task Paraphrase_IsServedFromSemanticTier_WithScoreAndVerdicts()
    {
        using var host = new CacheTestHost();
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        var hit = await host.Client.GetResponseAsync(CacheTestHost.Ask("Please, how do I reset my password"));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("semantic", CacheTestHost.Outcome(hit));
        Assert.True((double)hit.AdditionalProperties![SemanticCacheProperties.Score]! >= SemanticCacheOptions.DefaultThreshold);
        Assert.Contains("slot-guard:accept", (string)hit.AdditionalProperties[SemanticCacheProperties.Verdicts]!, StringComparison.Ordinal);
        Assert.Contains(host.LedgerRecords, r => r.Outcome == CacheLookupResult.SemanticHit);
    }

    [Theory]
    [InlineData("What is the status of order 48213?", "What is the status of order 48231?")]
    [InlineData("How do I enable two-factor authentication?", "How do I disable two-factor authentication?")]
    [InlineData("Why is my payment going through?", "Why is my payment not going through?")]
    [InlineData("How much is shipping to Canada?", "How much is shipping to Mexico?")]
    public async Task SlotChangedNearDuplicate_IsVetoed_AndGoesUpstream(string stored, string asked)
    {
        using var host = new CacheTestHost(o => o.Threshold = 0.5);
        await host.Client.GetResponseAsync(CacheTestHost.Ask(stored));
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask(asked));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal("[gpt-4.1-mini] " + asked, response.Text);
        Assert.Equal("vetoed", CacheTestHost.Outcome(response));
        Assert.Contains(host.LedgerRecords, r => r.Outcome == CacheLookupResult.Vetoed && r.Reason!.StartsWith("slot-guard:", StringComparison.Ordinal));
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Level == LogLevel.Information && l.Message.Contains("vetoed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HundredConcurrentIdenticalMisses_MakeOneUpstreamCall()
    {
        using var host = new CacheTestHost();
        var gate = new TaskCompletionSource();
        host.Model.Gate = gate.Task;
        var tasks = Enumerable.Range(0, 100).Select(_ => Task.Run(() => host.Client.GetResponseAsync(CacheTestHost.Ask("Summarize the quarterly report.")))).ToArray();
        await WaitUntil(() => host.Model.Calls >= 1);
        await Task.Delay(200);
        gate.SetResult();
        var responses = await Task.WhenAll(tasks);

        Assert.Equal(1, host.Model.Calls);
        Assert.All(responses, r => Assert.Equal("[gpt-4.1-mini] Summarize the quarterly report.", r.Text));
    }

    [Fact]
    public async Task ConcurrentParaphrasesOfPendingMiss_WaitForIt()
    {
        using var host = new CacheTestHost();
        var gate = new TaskCompletionSource();
        host.Model.Gate = gate.Task;
        string[] variants = ["How do I reset my password?", "how do I reset my password", "Please, how do I reset my password?", "how do I reset my password please", "HOW DO I RESET MY PASSWORD?"];
        var first = Task.Run(() => host.Client.GetResponseAsync(CacheTestHost.Ask(variants[0])));
        await WaitUntil(() => host.Model.Calls >= 1);
        var others = Enumerable.Range(0, 99).Select(i => Task.Run(() => host.Client.GetResponseAsync(CacheTestHost.Ask(variants[1 + (i % 4)])))).ToArray();
        await Task.Delay(300);
        gate.SetResult();
        var responses = await Task.WhenAll(others.Append(first));

        Assert.Equal(1, host.Model.Calls);
        Assert.All(responses, r => Assert.Equal("[gpt-4.1-mini] " + variants[0], r.Text));
    }

    [Fact]
    public async Task AParaphraseWhoseSearchMissedAPendingMissCompletedMeanwhile_SearchesAgainInsteadOfCallingTheModel()
    {
        // The paraphrase's search runs before the first answer is stored, but returns only after that answer was
        // stored and its pending registration removed: with nothing left to join, it must search once more.
        var index = new HeldSearchIndex(new AgentFramework.VectorIndex.EmbeddedVectorIndex(new AgentFramework.VectorIndex.EmbeddedVectorIndexOptions { Dimensions = 384 }));
        using var host = new CacheTestHost(index: index);
        var gate = new TaskCompletionSource();
        host.Model.Gate = gate.Task;
        var first = host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        await WaitUntil(() => host.Model.Calls >= 1);

        var hold = new TaskCompletionSource();
        index.Hold = hold;
        var paraphrase = host.Client.GetResponseAsync(CacheTestHost.Ask("Please, how do I reset my password?"));
        await WaitUntil(() => index.Held >= 1);
        gate.SetResult();
        await first;
        hold.SetResult();
        var answer = await paraphrase.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("semantic", CacheTestHost.Outcome(answer));
        Assert.Equal("[gpt-4.1-mini] How do I reset my password?", answer.Text);
    }

    /// <summary>An index whose searches, while <see cref="Hold"/> is set, read the entries at once but return only when it completes.</summary>
    private sealed class HeldSearchIndex(AgentFramework.VectorSearch.IVectorIndex inner) : AgentFramework.VectorSearch.IVectorIndex
    {
        private int _held;

        public TaskCompletionSource? Hold { get; set; }

        public int Held => Volatile.Read(ref _held);

        public int Dimensions => inner.Dimensions;

        public async ValueTask<IReadOnlyList<AgentFramework.VectorSearch.VectorMatch>> SearchAsync(ReadOnlyMemory<float> query, AgentFramework.VectorSearch.VectorScope scope, int topK, CancellationToken cancellationToken = default)
        {
            var hold = Hold;
            var result = await inner.SearchAsync(query, scope, topK, cancellationToken);
            if (hold is not null)
            {
                Hold = null;
                Interlocked.Increment(ref _held);
                await hold.Task;
            }

            return result;
        }

        public ValueTask UpsertAsync(AgentFramework.VectorSearch.VectorEntry entry, CancellationToken cancellationToken = default) => inner.UpsertAsync(entry, cancellationToken);

        public ValueTask UpsertBatchAsync(IReadOnlyList<AgentFramework.VectorSearch.VectorEntry> entries, CancellationToken cancellationToken = default) => inner.UpsertBatchAsync(entries, cancellationToken);

        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

        public ValueTask<long> DeleteByScopeAsync(AgentFramework.VectorSearch.VectorScope scope, CancellationToken cancellationToken = default) => inner.DeleteByScopeAsync(scope, cancellationToken);

        public ValueTask<long> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default) => inner.DeleteByTagAsync(tag, cancellationToken);

        public ValueTask<long> CountAsync(AgentFramework.VectorSearch.VectorScope? scope = null, CancellationToken cancellationToken = default) => inner.CountAsync(scope, cancellationToken);
    }

    [Theory]
    [InlineData("length")]
    [InlineData("content_filter")]
    [InlineData("refusal")]
    [InlineData("error")]
    [InlineData("empty")]
    public async Task UncacheableAnswers_AreReturnedButNotStored(string kind)
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (_, _) => kind switch
        {
            "length" => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The answer is cut")) { FinishReason = ChatFinishReason.Length },
            "content_filter" => new ChatResponse(new ChatMessage(ChatRole.Assistant, "filtered")) { FinishReason = ChatFinishReason.ContentFilter },
            "refusal" => new ChatResponse(new ChatMessage(ChatRole.Assistant, "I'm sorry, but I can't help with that.")) { FinishReason = ChatFinishReason.Stop },
            "error" => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new ErrorContent("upstream overloaded")])),
            _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, "  ")) { FinishReason = ChatFinishReason.Stop },
        };

        var first = await host.Client.GetResponseAsync(CacheTestHost.Ask("Write a haiku about rain."));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("Write a haiku about rain."));

        Assert.NotNull(first);
        Assert.Equal(2, host.Model.Calls);
        Assert.Equal(0, await host.Index.CountAsync());
    }

    [Fact]
    public async Task ConcurrentIdenticalMisses_ShareAnUncacheableAnswer_AndJoinersCountAsHits()
    {
        using var host = new CacheTestHost();
        var gate = new TaskCompletionSource();
        host.Model.Gate = gate.Task;
        host.Model.Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The answer is cut")) { FinishReason = ChatFinishReason.Length, ModelId = "gpt-4.1-mini" };
        var tasks = Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.Client.GetResponseAsync(CacheTestHost.Ask("Write a long essay about rain.")))).ToArray();
        await WaitUntil(() => host.Model.Calls >= 1);
        await Task.Delay(1000);
        gate.SetResult();
        var responses = await Task.WhenAll(tasks);

        // A task the scheduler starts only after the gate opens finds nothing stored and calls again, so on a loaded
        // machine there may be more than one call; every caller is then either a joiner (a hit) or a caller (a miss).
        Assert.All(responses, r => Assert.Equal("The answer is cut", r.Text));
        Assert.Equal(0, await host.Index.CountAsync());
        var joined = responses.Count(r => CacheTestHost.Outcome(r) == "exact");
        Assert.Equal(20, joined + host.Model.Calls);
        Assert.True(joined >= 10, $"only {joined} of 20 callers joined the in-flight request");
        Assert.Equal(joined, host.LedgerRecords.Count(r => r.Outcome == CacheLookupResult.ExactHit));
        Assert.Equal(host.Model.Calls, host.LedgerRecords.Count(r => r.Outcome == CacheLookupResult.Miss));
    }

    [Fact]
    public async Task UpstreamException_ReachesCaller_AndIsNotCached()
    {
        using var host = new CacheTestHost();
        host.Model.Failure = new HttpRequestException("503");
        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.GetResponseAsync(CacheTestHost.Ask("Hello there")));
        host.Model.Failure = null;
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("Hello there"));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal("miss", CacheTestHost.Outcome(response));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("huge")]
    [InlineData("lone-high")]
    [InlineData("lone-low")]
    public async Task BadPrompts_BypassWithReason_NeverStore(string kind)
    {
        using var host = new CacheTestHost();
        var prompt = kind switch
        {
            "huge" => new string('a', 1 << 20),
            "lone-high" => "Tell me about \uD83D cats",
            "lone-low" => "Tell me \uDE00 about cats",
            _ => kind,
        };

        await host.Client.GetResponseAsync(CacheTestHost.Ask(prompt));
        await host.Client.GetResponseAsync(CacheTestHost.Ask(prompt));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal(0, await host.Index.CountAsync());
        var records = host.LedgerRecords;
        Assert.Equal(2, records.Count);
        var expected = kind switch { "huge" => "too-long", "lone-high" or "lone-low" => "invalid-utf16", _ => "empty" };
        Assert.All(records, r => Assert.Equal((CacheLookupResult.Bypassed, expected), (r.Outcome, r.Reason)));
    }

    [Fact]
    public async Task FailingEmbedder_FailsOpen_LogsAndCounts()
    {
        var embedder = new FakeEmbeddingGenerator { Throw = new InvalidOperationException("model file missing") };
        using var host = new CacheTestHost(embedder: embedder);
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("What is a monad?"));

        Assert.Equal(1, host.Model.Calls);
        Assert.Equal("[gpt-4.1-mini] What is a monad?", response.Text);
        Assert.True(host.Cache.FaultCount >= 1);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning && l.Exception is InvalidOperationException && l.Message.Contains("embedder", StringComparison.Ordinal));

        // The exact tier still works without the semantic tier.
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What is a monad?"));
        Assert.Equal(1, host.Model.Calls);
    }

    [Fact]
    public async Task FailingIndex_FailsOpen_LogsAndCounts()
    {
        var index = new FailingVectorIndex();
        using var host = new CacheTestHost(index: index);
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("What is a monad?"));
        var streamed = await host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("What is a functor?")).ToChatResponseAsync();

        Assert.Equal("[gpt-4.1-mini] What is a monad?", response.Text);
        Assert.Equal("[gpt-4.1-mini] What is a functor?", streamed.Text);
        Assert.Equal(2, host.Model.Calls);
        Assert.True(index.Calls >= 2);
        Assert.True(host.Cache.FaultCount >= 2);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning && l.Exception is IOException);
    }

    [Fact]
    public async Task InvalidateScope_RemovesBothTiers_AndPublishes()
    {
        var bus = new RecordingInvalidationBus();
        using var host = new CacheTestHost(bus: bus);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"), CacheTestHost.Tenant("acme"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"), CacheTestHost.Tenant("globex"));
        Assert.Equal(2, await host.Index.CountAsync());

        await host.Cache.InvalidateScopeAsync("acme");

        Assert.Equal(1, await host.Index.CountAsync());
        var message = Assert.Single(bus.Published);
        Assert.Equal("acme", message.ScopeKey);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"), CacheTestHost.Tenant("acme"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"), CacheTestHost.Tenant("globex"));
        Assert.Equal(3, host.Model.Calls);
    }

    [Fact]
    public async Task InvalidateTag_FromAnotherInstance_IsAppliedLocally()
    {
        var bus = new RecordingInvalidationBus();
        using var a = new CacheTestHost(bus: bus);
        using var b = new CacheTestHost(bus: bus);
        var tagged = new ChatOptions { AdditionalProperties = new() { [SemanticCacheProperties.Tags] = new[] { "faq-v1" } } };
        await a.Client.GetResponseAsync(CacheTestHost.Ask("What are your opening hours?"), tagged);
        await a.Client.GetResponseAsync(CacheTestHost.Ask("What are your opening hours?"), tagged);
        Assert.Equal(1, a.Model.Calls);

        await b.Cache.InvalidateTagAsync("faq-v1");

        await a.Client.GetResponseAsync(CacheTestHost.Ask("What are your opening hours?"), tagged);
        Assert.Equal(2, a.Model.Calls);
        Assert.Equal(0, await b.Index.CountAsync());
    }

    [Fact]
    public async Task RequiredTenantScope_Missing_Bypasses()
    {
        using var host = new CacheTestHost(o => o.RequireTenantScope = true);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));

        Assert.Equal(2, host.Model.Calls);
        Assert.All(host.LedgerRecords, r => Assert.Equal("tenant-required", r.Reason));
    }

    [Fact]
    public async Task RandomizedMultiTenantTraffic_NeverServesAcrossScopes()
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (messages, options) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "for " + options!.AdditionalProperties![SemanticCacheProperties.TenantScope] + "|" + options.Instructions + ": " + messages[^1].Text)) { FinishReason = ChatFinishReason.Stop };
        string[] tenants = [.. Enumerable.Range(0, 12).Select(i => "tenant-" + i)];
        string[] questions =
        [
            "How do I reset my password?", "how do I reset my password please", "What is my current balance?", "Show my last invoice.",
            "What are your opening hours?", "How do I cancel my plan?", "how do I cancel my plan please", "Where is my parcel?",
        ];
        var rng = new Random(20260101);
        var hits = 0;
        for (var op = 0; op < 10_000; op++)
        {
            var tenant = tenants[rng.Next(tenants.Length)];
            var question = questions[rng.Next(questions.Length)];
            var step = rng.Next(3) == 0 ? "billing" : "support";
            var options = CacheTestHost.Tenant(tenant);
            options.Instructions = "You are the " + step + " assistant.";
            var response = await host.Client.GetResponseAsync(CacheTestHost.Ask(question), options);
            Assert.StartsWith("for " + tenant + "|" + options.Instructions + ": ", response.Text, StringComparison.Ordinal);
            hits += CacheTestHost.Outcome(response) is "exact" or "semantic" ? 1 : 0;
        }

        Assert.True(hits > 9_000, $"only {hits} hits");
    }

    [Fact]
    public async Task CrossScopeIsolation_HoldsForTenantSystemPromptToolsAndContext()
    {
        using var host = new CacheTestHost();
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What are its types?"), CacheTestHost.Tenant("t1"));

        await host.Client.GetResponseAsync(CacheTestHost.Ask("What are its types?"), CacheTestHost.Tenant("t2"));
        await host.Client.GetResponseAsync([new(ChatRole.System, "Answer in French."), new(ChatRole.User, "What are its types?")], CacheTestHost.Tenant("t1"));
        var withTools = CacheTestHost.Tenant("t1");
        withTools.Tools = [AIFunctionFactory.Create((string city) => city, "weather")];
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What are its types?"), withTools);
        await host.Client.GetResponseAsync(
            [new(ChatRole.User, "Explain inflation."), new(ChatRole.Assistant, "Inflation is ..."), new(ChatRole.User, "What are its types?")],
            CacheTestHost.Tenant("t1"));

        Assert.Equal(5, host.Model.Calls);
    }

    [Fact]
    public async Task ConversationId_Bypasses()
    {
        using var host = new CacheTestHost();
        var options = new ChatOptions { ConversationId = "conv-1" };
        await host.Client.GetResponseAsync(CacheTestHost.Ask("And then?"), options);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("And then?"), options);

        Assert.Equal(2, host.Model.Calls);
        Assert.All(host.LedgerRecords, r => Assert.Equal("conversation-id", r.Reason));
    }

    [Fact]
    public async Task Factory_RunsInsideTheCallersStep()
    {
        // Middleware below the cache (routing, user middleware) reads the step from the async flow.
        using var host = new CacheTestHost();
        var step = new StepContext(new StepRequirements("Desk.Classify", ModelNeeds.None), tenantScope: "tenant-a");
        StepContext? seen = null;
        using (StepContext.Enter(step))
        {
            await host.Cache.GetOrCreateAsync(
                CacheTestHost.Ask("Which queue does this ticket belong to?"),
                CacheTestHost.Tenant("tenant-a"),
                _ =>
                {
                    seen = StepContext.Current;
                    return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "billing")) { FinishReason = ChatFinishReason.Stop });
                });
        }

        Assert.Same(step, seen);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
