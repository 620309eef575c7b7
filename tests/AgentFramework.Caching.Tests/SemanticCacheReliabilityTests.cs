using AgentFramework.Caching.DependencyInjection;
using AgentFramework.Ledger;
using AgentFramework.Runtime;
using AgentFramework.Steps;
using AgentFramework.Testing.Fakes;
using AgentFramework.VectorIndex;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentFramework.Caching.Tests;

/// <summary>Wrong answers, scope leaks and fail-open promises found by an outside probe (issue #16), each pinned down.</summary>
public sealed class SemanticCacheReliabilityTests
{
    [Fact]
    public async Task APromptTheEmbedderOnlyPartlyRead_IsNeverASemanticHit_ButStillAnExactOne()
    {
        var embedder = new TruncatingEmbeddingGenerator(maxWords: 8);
        using var host = new CacheTestHost(embedder: embedder);
        const string Preamble = "You are the support desk of a shop that sells kitchen appliances and answers politely. ";
        await host.Client.GetResponseAsync(CacheTestHost.Ask(Preamble + "Question: how do I cancel my subscription?"));
        var other = await host.Client.GetResponseAsync(CacheTestHost.Ask(Preamble + "Question: what is the warranty period for the blender I bought?"));
        var repeat = await host.Client.GetResponseAsync(CacheTestHost.Ask(Preamble + "Question: how do I cancel my subscription?"));

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal("miss", CacheTestHost.Outcome(other));
        Assert.Equal("prompt-past-embedding-window", other.AdditionalProperties![SemanticCacheProperties.Reason]);
        Assert.EndsWith("blender I bought?", other.Text, StringComparison.Ordinal);
        Assert.Equal("exact", CacheTestHost.Outcome(repeat));
        Assert.Equal(0, await host.Index.CountAsync());
    }

    [Fact]
    public async Task AHangingEmbedder_TimesOut_TheModelAnswers_AndTheFaultIsCounted()
    {
        var hanging = new HangingEmbeddingGenerator();
        using var host = new CacheTestHost(o => o.EmbeddingTimeout = TimeSpan.FromMilliseconds(50), embedder: hanging);

        var answer = await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("[gpt-4.1-mini] How do I reset my password?", answer.Text);
        Assert.Equal(1, host.Model.Calls);
        Assert.Equal(1, host.Cache.FaultCount);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("embedder-timeout", StringComparison.Ordinal));
        Assert.True(hanging.SawCancellation, "the generator's token was not cancelled at the deadline");
    }

    [Fact]
    public async Task ASlowEmbedder_ThatAnswersBeforeTheModel_StillFeedsTheSemanticTier()
    {
        var slow = new DelayedEmbeddingGenerator(TimeSpan.FromMilliseconds(300));
        using var host = new CacheTestHost(o => o.EmbeddingTimeout = TimeSpan.FromMilliseconds(20), embedder: slow);
        var modelGate = new TaskCompletionSource();
        host.Model.Gate = modelGate.Task;

        var pending = host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        await slow.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200); // let the cache's continuation copy the vector out
        modelGate.SetResult();
        await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await host.Index.CountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public async Task RequiredTenant_NullEmptyOrWhiteSpaceFromAScopeParameter_Bypasses(string? tenant)
    {
        using var host = new CacheTestHost(o => o.RequireTenantScope = true);
        var method = typeof(Desk).GetMethod(nameof(Desk.Balance))!;
        for (var i = 0; i < 2; i++)
        {
            using (StepContext.Enter(StepContextFactory.Create(method, [tenant, "q"])))
            {
                var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));
                Assert.Equal("bypass", CacheTestHost.Outcome(response));
                Assert.Equal("tenant-missing", response.AdditionalProperties![SemanticCacheProperties.Reason]);
            }
        }

        Assert.Equal(2, host.Model.Calls);
        Assert.All(host.LedgerRecords, r => Assert.Equal(CacheLookupResult.Bypassed, r.Outcome));
        Assert.Equal(0, await host.Index.CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RequiredTenant_EmptyOrWhiteSpaceFromTheInvocation_Bypasses(string tenant)
    {
        using var host = new CacheTestHost(o => o.RequireTenantScope = true);
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"), CacheTestHost.Tenant(tenant));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"), CacheTestHost.Tenant(tenant));

        Assert.Equal(2, host.Model.Calls);
        Assert.All(host.LedgerRecords, r => Assert.Equal("tenant-required", r.Reason));
    }

    [Fact]
    public async Task AMiss_CarriesTheNearestStoredPromptsScore_SoAUserCanSeeHowCloseItCame()
    {
        using var host = new CacheTestHost();
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
        var near = await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I cancel my order?"));
        var empty = await new CacheTestHost().Client.GetResponseAsync(CacheTestHost.Ask("How do I cancel my order?"));

        Assert.Equal("miss", CacheTestHost.Outcome(near));
        var score = Assert.IsType<double>(near.AdditionalProperties![SemanticCacheProperties.Score]);
        Assert.InRange(score, 0.5, SemanticCacheOptions.DefaultThreshold);
        Assert.False(empty.AdditionalProperties!.ContainsKey(SemanticCacheProperties.Score));
    }

    [Fact]
    public async Task AHit_NeverCarriesTheConversationOfTheRequestThatStoredIt()
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer to: " + messages[^1].Text)) { FinishReason = ChatFinishReason.Stop, ConversationId = "conv-of-session-a" };
        var first = await host.Client.GetResponseAsync(CacheTestHost.Ask("What are your opening hours?"));
        var hit = await host.Client.GetResponseAsync(CacheTestHost.Ask("What are your opening hours?"));

        Assert.Equal("conv-of-session-a", first.ConversationId);
        Assert.Equal("exact", CacheTestHost.Outcome(hit));
        Assert.Null(hit.ConversationId);
    }

    [Fact]
    public async Task AnAnswerThatCannotBeStored_StillSaysWhatTheCacheDid()
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "cut off")) { FinishReason = ChatFinishReason.Length };
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("Write a long essay."));

        Assert.Equal("miss", CacheTestHost.Outcome(response));
        Assert.Equal("not-stored", response.AdditionalProperties![SemanticCacheProperties.Reason]);
    }

    [Fact]
    public async Task TheStringThatUsedToStandForNull_ReadsNothingANullTenantStored()
    {
        using var host = new CacheTestHost();
        var method = typeof(Desk).GetMethod(nameof(Desk.Balance))!;
        using (StepContext.Enter(StepContextFactory.Create(method, [null, "q"])))
        {
            await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));
        }

        using (StepContext.Enter(StepContextFactory.Create(method, ["\0null", "q"])))
        {
            await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));
        }

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal(["tenant-missing", "tenant-missing"], host.LedgerRecords.Select(r => r.Reason));
        using (StepContext.Enter(new StepContext(StepRequirements.Unannotated("Desk.Other"), tenantScope: "\0null")))
        {
            await host.Client.GetResponseAsync(CacheTestHost.Ask("What is my balance?"));
        }

        Assert.Equal("tenant-invalid", host.LedgerRecords[^1].Reason);
    }

    [Fact]
    public async Task TwoScopeValuesThatJoinAlike_NeverShareAnAnswer()
    {
        using var host = new CacheTestHost();
        host.Model.Respond = (messages, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "for " + StepContext.Current!.TenantScope)) { FinishReason = ChatFinishReason.Stop };
        var method = typeof(Desk).GetMethod(nameof(Desk.Answer))!;
        using (StepContext.Enter(StepContextFactory.Create(method, ["acme|eve", "bob", "q"])))
        {
            await host.Client.GetResponseAsync(CacheTestHost.Ask("Show my open invoices."));
        }

        ChatResponse second;
        using (StepContext.Enter(StepContextFactory.Create(method, ["acme", "eve|bob", "q"])))
        {
            second = await host.Client.GetResponseAsync(CacheTestHost.Ask("Show my open invoices."));
        }

        Assert.Equal(2, host.Model.Calls);
        Assert.Equal("miss", CacheTestHost.Outcome(second));
    }

    [Fact]
    public async Task AVectorIndexThatCannotOpen_LeavesTheExactTier_AndEveryRequestAnswered()
    {
        var directory = Directory.CreateTempSubdirectory("af-locked-index-").FullName;
        try
        {
            // Another holder of the directory: the second open must fail, the cache must not.
            using var holder = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 384, Directory = directory });
            var logs = new FakeLogCollector();
            var services = new ServiceCollection()
                .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
                .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddingGenerator())
                .AddEmbeddedVectorIndex(o => o.Directory = directory)
                .AddSemanticCache()
                .BuildServiceProvider();
            await using var _ = services;

            var cache = services.GetRequiredService<SemanticCache>();
            var model = new FakeChatClient("gpt-4.1-mini");
            var client = new SemanticCachingChatClient(model, cache);
            var first = await client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));
            var second = await client.GetResponseAsync(CacheTestHost.Ask("How do I reset my password?"));

            Assert.False(cache.SemanticTierAvailable);
            Assert.Equal("[gpt-4.1-mini] How do I reset my password?", first.Text);
            Assert.Equal("exact", CacheTestHost.Outcome(second));
            Assert.Equal(1, model.Calls);
            Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("vector index", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AnEmbedderThatCannotBeCreated_LeavesTheExactTier()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => throw new FileNotFoundException("model.onnx is missing"))
            .AddSingleton<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 384 }))
            .AddSemanticCache()
            .BuildServiceProvider();
        await using var _ = services;

        var cache = services.GetRequiredService<ISemanticCache>();
        var response = await new SemanticCachingChatClient(new FakeChatClient("gpt-4.1-mini"), cache).GetResponseAsync(CacheTestHost.Ask("Hello?"));

        Assert.Equal("[gpt-4.1-mini] Hello?", response.Text);
        Assert.False(((SemanticCache)cache).SemanticTierAvailable);
    }

    [Fact]
    public async Task ACacheWithoutAnEmbedder_WarnsOnce_WhenItIsBuilt()
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)))
            .AddSingleton<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 384 }))
            .AddSemanticCache()
            .BuildServiceProvider();
        await using var _ = services;

        var client = new SemanticCachingChatClient(new FakeChatClient("gpt-4.1-mini"), services.GetRequiredService<ISemanticCache>());
        await client.GetResponseAsync(CacheTestHost.Ask("Hello?"));
        await client.GetResponseAsync(CacheTestHost.Ask("Hello there?"));

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("no IEmbeddingGenerator", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStepThatCanNeverFormARequiredTenantScope_IsWarnedAboutOnce()
    {
        var logs = new FakeLogCollector();
        using var host = new CacheTestHost();
        var middleware = new SemanticCacheStepMiddleware(host.Cache, Microsoft.Extensions.Options.Options.Create(new SemanticCacheOptions { RequireTenantScope = true }), new FakeLogger<SemanticCacheStepMiddleware>(logs));
        var unscoped = StepRequirements.For(typeof(Desk).GetMethod(nameof(Desk.Unscoped))!);
        var scoped = StepRequirements.For(typeof(Desk).GetMethod(nameof(Desk.Balance))!);

        middleware.Wrap(new FakeChatClient("gpt-4.1-mini"), unscoped);
        middleware.Wrap(new FakeChatClient("gpt-4.1-mini"), unscoped);
        middleware.Wrap(new FakeChatClient("gpt-4.1-mini"), scoped);

        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(unscoped.StepId, warning.Message, StringComparison.Ordinal);
    }

    private sealed class Desk
    {
        [AgentStep]
        public Task<string> Unscoped(string question) => Task.FromResult(question);

        [AgentStep]
        public Task<string> Balance([CacheScope] string? tenant, string question) => Task.FromResult(question);

        [AgentStep]
        public Task<string> Answer([CacheScope] string org, [CacheScope] string user, string question) => Task.FromResult(question);
    }

    /// <summary>Reads only the first few words, and says so the way the ONNX generator does.</summary>
    private sealed class TruncatingEmbeddingGenerator(int maxWords) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly FakeEmbeddingGenerator _inner = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                var words = value.Split(' ');
                var embedding = new Embedding<float>(_inner.Embed(string.Join(' ', words.Take(maxWords))))
                {
                    AdditionalProperties = new() { ["Truncated"] = words.Length > maxWords },
                };
                result.Add(embedding);
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Never answers and ignores cancellation for the answer, like a hung remote service.</summary>
    private sealed class HangingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public bool SawCancellation { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.Register(() => SawCancellation = true);
            return new TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>>().Task;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Answers after a delay, ignoring cancellation (a slow remote service).</summary>
    private sealed class DelayedEmbeddingGenerator(TimeSpan delay) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly FakeEmbeddingGenerator _inner = new();

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, CancellationToken.None);
            var result = await _inner.GenerateAsync(values, options, CancellationToken.None);
            Completed.TrySetResult();
            return result;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
