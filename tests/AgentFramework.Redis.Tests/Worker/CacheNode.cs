using System.Collections.Concurrent;
using AgentFramework.Caching;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFramework.Redis.TestWorker;

/// <summary>
/// One cache "instance" as an application would build it: its own service provider (own HybridCache L1),
/// Redis as L2 and invalidation bus, the exact tier only, fronting <see cref="CountingFakeModel"/>.
/// Used in-process by the tests and out-of-process by the worker.
/// </summary>
public sealed class CacheNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CacheNode(ServiceProvider services, string name, CountingFakeModel model, ConcurrentQueue<string> warnings)
    {
        _services = services;
        Name = name;
        Model = model;
        Warnings = warnings;
        Cache = services.GetRequiredService<SemanticCache>();
        Backplane = services.GetRequiredService<RedisBackplane>();
        Bus = services.GetRequiredService<RedisCacheInvalidationBus>();
        Client = new SemanticCachingChatClient(model, Cache);
    }

    public string Name { get; }

    public CountingFakeModel Model { get; }

    public SemanticCache Cache { get; }

    public RedisBackplane Backplane { get; }

    public RedisCacheInvalidationBus Bus { get; }

    public IChatClient Client { get; }

    /// <summary>Warnings and errors logged by the node.</summary>
    public ConcurrentQueue<string> Warnings { get; }

    /// <summary>Builds a node. <paramref name="prefix"/> isolates a test's keys and channel on a shared server.</summary>
    public static async Task<CacheNode> StartAsync(string redisConfiguration, string prefix, string name, Action<RedisCacheBackplaneOptions>? tweak = null)
    {
        var warnings = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new QueueLoggerProvider(warnings)));
        services.AddSemanticCache(o =>
        {
            o.EnableSemanticTier = false;
            o.InstanceId = name;
            o.LocalCacheExpiration = TimeSpan.FromMinutes(5);
        });
        services.AddRedisCacheBackplane(o =>
        {
            o.Configuration = redisConfiguration;
            o.InstanceName = prefix;
            o.Channel = prefix + "invalidation";
            o.FaultCooldown = TimeSpan.FromMilliseconds(200);

            // The scale-out tests are about sharing, not timeouts: on a loaded 2-core machine a Redis round trip
            // can exceed the 500 ms default, and the cache then (correctly) fails open and calls the model. The
            // timeout tests pass the default back in through tweak.
            o.OperationTimeout = TimeSpan.FromSeconds(3);
            tweak?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        var node = new CacheNode(provider, name, new CountingFakeModel(name), warnings);

        // The cache subscribed in its constructor (in the background); wait until it is live.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await node.Bus.EnsureSubscribedAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return node;
    }

    /// <summary>Asks the model (through the cache) about <paramref name="prompt"/> for <paramref name="tenant"/>.</summary>
    public async Task<string> AskAsync(string tenant, string prompt)
    {
        var options = new ChatOptions { AdditionalProperties = new() { [SemanticCacheProperties.TenantScope] = tenant } };
        var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options);
        return response.Text;
    }

    public ValueTask InvalidateTenantAsync(string tenant) => Cache.InvalidateScopeAsync(tenant);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(sink, categoryName);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}

/// <summary>
/// A fake model — the one boundary these machines cannot reach (no paid endpoint). Answers with its node
/// name and a call number, so a test can tell an upstream answer from a cached one and whose it was.
/// </summary>
public sealed class CountingFakeModel(string name) : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _calls);
        var prompt = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"{name}#{n}: {prompt}"))
        {
            FinishReason = ChatFinishReason.Stop,
            ModelId = "fake-model",
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scale-out tests do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, "fake-model") : null;

    public void Dispose()
    {
    }
}
