using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using AgentFramework.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace AgentFramework.Probe.Tests;

/// <summary>Every instrument any package creates, and every tag it records, is one of AgentFrameworkTelemetry's names.</summary>
public sealed class TelemetryVocabularyTests
{
    [Fact]
    public async Task EveryInstrumentAndTag_OnTheMeter_IsInTheOneVocabulary_AndEveryNameIsUsed()
    {
        var instruments = new ConcurrentDictionary<string, byte>();
        var tags = new ConcurrentDictionary<string, byte>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AgentFrameworkTelemetry.MeterName)
                {
                    instruments.TryAdd(instrument.Name, 0);
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, measured, _) => Record(measured, tags));
        listener.SetMeasurementEventCallback<double>((_, _, measured, _) => Record(measured, tags));
        listener.Start();

        // The whole stack: a routed agent behind the cache (calls, hits, misses, vetoes, bypasses, savings) ...
        using (var directory = new TempDirectory())
        {
            await using var host = ProbeHost.Start(directory.Path);
            foreach (var question in new[] { "How do I reset my password?", "How do I reset my password?", "How can I reset my password?", "How do I enable two-factor authentication?", "How do I disable two-factor authentication?", "  " })
            {
                await host.Agent.AnswerAsync("acme", question);
            }
        }

        // ... and Redis that cannot be reached (backplane faults); cache faults come from an embedder that throws.
        await using (var services = new ServiceCollection().AddLogging().AddMetrics().AddRedisCacheBackplane(o => o.Configuration = ClosedPort()).BuildServiceProvider())
        {
            await services.GetRequiredService<IDistributedCache>().GetAsync("k");
        }

        using (var directory = new TempDirectory())
        {
            await using var host = ProbeHost.Start(directory.Path, embedder: new ThrowingEmbedder());
            await host.Agent.AnswerAsync("acme", "Anything?");
        }

        listener.RecordObservableInstruments();
        Assert.Equal(AgentFrameworkTelemetry.AllInstruments.Order(StringComparer.Ordinal), instruments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AgentFrameworkTelemetry.AllTags.Order(StringComparer.Ordinal), tags.Keys.Order(StringComparer.Ordinal));
    }

    private static void Record(ReadOnlySpan<KeyValuePair<string, object?>> measured, ConcurrentDictionary<string, byte> tags)
    {
        foreach (var tag in measured)
        {
            tags.TryAdd(tag.Key, 0);
        }
    }

    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    private sealed class ThrowingEmbedder : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("embedder down");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
