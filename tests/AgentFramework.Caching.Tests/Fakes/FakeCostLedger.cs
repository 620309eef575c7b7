using System.Collections.Concurrent;
using AgentFramework.Ledger;

namespace AgentFramework.Caching.Tests.Fakes;

/// <summary>Records what the cache reports, for assertions.</summary>
internal sealed class FakeCostLedger : ICostLedger
{
    public ConcurrentQueue<CacheLookupRecord> Lookups { get; } = new();

    public void RecordCall(in ModelCallRecord record)
    {
    }

    public void RecordCacheLookup(in CacheLookupRecord record) => Lookups.Enqueue(record);

    public double SpentSince(string stepId, DateTimeOffset since) => 0;

    public LedgerSnapshot GetSnapshot() => throw new NotSupportedException();
}
