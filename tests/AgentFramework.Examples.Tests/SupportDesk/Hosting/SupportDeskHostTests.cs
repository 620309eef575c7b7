using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AgentFramework.Ledger;
using AgentFramework.OpenAI;
using SupportDesk.Hosting;
using SupportDesk.Job;
using SupportDesk.Workload;

namespace AgentFramework.Examples.Tests.SupportDesk.Hosting;

public sealed class SupportDeskHostTests
{
    private static IConfiguration Endpoints(Uri endpoint, params string[] models) => new ConfigurationBuilder()
        .AddInMemoryCollection(models.SelectMany(m => new[]
        {
            new KeyValuePair<string, string?>($"AgentFramework:Models:{m}:Provider", "Compatible"),
            new KeyValuePair<string, string?>($"AgentFramework:Models:{m}:Endpoint", endpoint.ToString()),
        }))
        .Build();

    [Fact]
    public async Task WithoutEndpoints_OfflineStandInPlaysCatalogModels()
    {
        await using var host = SupportDeskHost.Build(new SupportDeskSettings { Cache = false }, new ConfigurationBuilder().Build());
        Assert.Equal(ModelMode.Offline, host.Mode);
        Assert.Equal(host.Models.Count, host.StandIns.Count);
        Assert.Contains("claude-opus-4-1", host.Models);
        Assert.Contains("gpt-4.1-nano", host.Models);
    }

    [Fact]
    public async Task ConfiguredEndpoints_MakeSameJobRunLiveOverHttp()
    {
        await using var server = new LoopbackChatServer();
        var configuration = Endpoints(server.BaseAddress, "gpt-4.1-mini", "gpt-4.1", "claude-opus-4-1");
        await using var host = SupportDeskHost.Build(new SupportDeskSettings { LatencyScale = 0 }, configuration);
        Assert.Equal(ModelMode.Live, host.Mode);
        Assert.Empty(host.StandIns);

        var tickets = WorkloadFile.Read(SupportDeskApp.SmallWorkload).Take(15).ToList();
        var result = await SupportDeskJob.RunAsync(host, tickets, "small-15", cacheEnabled: true, "claude-opus-4-1");
        var ledger = host.Services.GetRequiredService<ICostLedger>().GetSnapshot();

        Assert.Equal("live", result.Mode);
        Assert.True(result.Succeeded, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => c.Detail).Concat(result.Errors)));
        Assert.Equal(server.Requests, ledger.Total.Calls);
        Assert.Equal(server.PromptTokens, ledger.Total.InputTokens);
        Assert.All(result.Outcomes, o => Assert.Empty(o.Problems));
    }

    [Fact]
    public void MisconfiguredEndpoint_IsClearError()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("AgentFramework:Models:gpt-4.1-mini:Provider", "Compatible")])
            .Build();
        var ex = Assert.Throws<ModelEndpointConfigurationException>(() => SupportDeskHost.Build(new SupportDeskSettings(), configuration));
        Assert.Contains("Endpoint", ex.Message, StringComparison.Ordinal);
    }
}
