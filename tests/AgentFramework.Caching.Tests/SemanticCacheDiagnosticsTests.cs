using AgentFramework.Caching.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AgentFramework.Caching.Tests;

public sealed class SemanticCacheDiagnosticsTests
{
    [Fact]
    public async Task BrokenHybridCache_FailsOpen_ForBothCallShapes()
    {
        using var host = new CacheTestHost(hybrid: new FailingHybridCache());
        var response = await host.Client.GetResponseAsync(CacheTestHost.Ask("What is a monad?"));
        var streamed = await host.Client.GetStreamingResponseAsync(CacheTestHost.Ask("What is a functor?")).ToChatResponseAsync();

        Assert.Equal("[gpt-4.1-mini] What is a monad?", response.Text);
        Assert.Equal("[gpt-4.1-mini] What is a functor?", streamed.Text);
        Assert.Equal(2, host.Model.Calls);
        Assert.True(host.Cache.FaultCount >= 2);
    }

    [Fact]
    public async Task Instruments_CountHitsMissesVetoesAndSavings()
    {
        using var host = new CacheTestHost(o => o.Threshold = 0.5);
        using var hits = new MetricCollector<long>(host.MeterFactory, "AgentFramework", "agentframework.cache.hits");
        using var misses = new MetricCollector<long>(host.MeterFactory, "AgentFramework", "agentframework.cache.misses");
        using var vetoes = new MetricCollector<long>(host.MeterFactory, "AgentFramework", "agentframework.cache.vetoes");
        using var tokens = new MetricCollector<long>(host.MeterFactory, "AgentFramework", "agentframework.cache.tokens_saved");
        using var duration = new MetricCollector<double>(host.MeterFactory, "AgentFramework", "agentframework.cache.lookup.duration");

        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I enable dark mode?"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I enable dark mode?"));
        await host.Client.GetResponseAsync(CacheTestHost.Ask("How do I disable dark mode?"));

        Assert.Contains(hits.GetMeasurementSnapshot(), m => m.Value == 1 && (string?)m.Tags[AgentFramework.Telemetry.AgentFrameworkTelemetry.Tags.CacheTier] == "exact");
        Assert.Equal(2, misses.GetMeasurementSnapshot().Count);
        Assert.Contains(vetoes.GetMeasurementSnapshot(), m => (string?)m.Tags[AgentFramework.Telemetry.AgentFrameworkTelemetry.Tags.CacheReason] == "slot-guard:antonym");
        Assert.Contains(tokens.GetMeasurementSnapshot(), m => m.Value == 1500);
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count);
    }
}
