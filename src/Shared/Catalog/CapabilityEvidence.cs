using System;
using System.Collections.Generic;

namespace AgentFramework.Catalog;

/// <summary>The evidence behind one capability level of one model.</summary>
internal sealed class CapabilityEvidence
{
    /// <summary>Creates evidence.</summary>
    public CapabilityEvidence(CapabilityLevel level, string benchmark, double score, string source)
    {
        Level = level;
        Benchmark = benchmark ?? string.Empty;
        Score = score;
        Source = source ?? string.Empty;
    }

    /// <summary>The level the evidence supports.</summary>
    public CapabilityLevel Level { get; }

    /// <summary>The benchmark or index the score comes from (e.g. <c>GPQA Diamond</c>).</summary>
    public string Benchmark { get; }

    /// <summary>The score as published (fractions in [0, 1] for accuracies; index points otherwise).</summary>
    public double Score { get; }

    /// <summary>The data file or publisher the score was read from.</summary>
    public string Source { get; }
}
