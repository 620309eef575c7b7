using System.Collections.Concurrent;
using System.Globalization;

namespace SupportDesk.Agent;

/// <summary>Where escalated cases go. In the example an in-memory queue; in production a ticketing system.</summary>
public sealed class LegalQueue
{
    private readonly ConcurrentQueue<LegalCase> _cases = new();
    private int _next;

    /// <summary>The cases opened so far.</summary>
    public IReadOnlyCollection<LegalCase> Cases => _cases;

    /// <summary>Opens a case.</summary>
    public LegalCase Open(string ticketId, string tenant, string memo)
    {
        var id = "LEG-" + Interlocked.Increment(ref _next).ToString("0000", CultureInfo.InvariantCulture);
        var legalCase = new LegalCase(id, ticketId, tenant, memo);
        _cases.Enqueue(legalCase);
        return legalCase;
    }
}
