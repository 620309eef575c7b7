using AgentFramework.Ledger;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportDesk.Hosting;
using SupportDesk.Job;
using SupportDesk.Workload;

namespace AgentFramework.Examples.Tests.SupportDesk.Job;

/// <summary>Runs the main job once on the small workload (offline stand-in, real cache, no simulated latency) for the tests that read its figures.</summary>
public sealed class SmallWorkloadRun : IAsyncLifetime
{
    public IReadOnlyList<Ticket> Tickets { get; private set; } = [];

    public JobResult Result { get; private set; } = null!;

    public LedgerSnapshot Ledger { get; private set; } = null!;

    public SupportDeskHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tickets = WorkloadFile.Read(SupportDeskApp.SmallWorkload);
        var settings = new SupportDeskSettings { LatencyScale = 0 };
        Host = SupportDeskHost.Build(settings, new ConfigurationBuilder().Build());
        Result = await SupportDeskJob.RunAsync(Host, Tickets, "tickets-small.jsonl", cacheEnabled: true, settings.BaselineModel);
        Ledger = Host.Services.GetRequiredService<ICostLedger>().GetSnapshot();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
