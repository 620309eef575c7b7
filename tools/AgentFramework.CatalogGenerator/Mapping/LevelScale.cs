using System.Globalization;

namespace AgentFramework.CatalogGenerator.Mapping;

/// <summary>
/// Thresholds that turn one benchmark's score into a <see cref="CapabilityLevel"/>: the level is the
/// highest whose threshold the score meets; below <see cref="Basic"/> there is no level.
/// </summary>
/// <param name="Benchmark">The benchmark name as evidence rows carry it.</param>
/// <param name="Source">The source whose score is read (a benchmark can come from several sources).</param>
/// <param name="Basic">Minimum score for Basic.</param>
/// <param name="Standard">Minimum score for Standard.</param>
/// <param name="Advanced">Minimum score for Advanced.</param>
/// <param name="Frontier">Minimum score for Frontier; <c>null</c> when this evidence can never prove Frontier.</param>
/// <param name="IsProxy">True when the benchmark measures general ability rather than the capability itself.</param>
internal sealed record LevelScale(
    string Benchmark,
    string Source,
    double Basic,
    double Standard,
    double Advanced,
    double? Frontier,
    bool IsProxy = false)
{
    /// <summary>The level a score earns on this scale; <see cref="CapabilityLevel.None"/> below Basic.</summary>
    public CapabilityLevel LevelFor(double score)
    {
        if (double.IsNaN(score))
        {
            return CapabilityLevel.None;
        }

        if (Frontier is { } f && score >= f)
        {
            return CapabilityLevel.Frontier;
        }

        if (score >= Advanced)
        {
            return CapabilityLevel.Advanced;
        }

        if (score >= Standard)
        {
            return CapabilityLevel.Standard;
        }

        return score >= Basic ? CapabilityLevel.Basic : CapabilityLevel.None;
    }

    /// <summary>The benchmark label written into evidence: proxies say so.</summary>
    public string EvidenceLabel => IsProxy ? Benchmark + " (general-ability proxy)" : Benchmark;

    /// <summary>One line for the catalog's <c>levelMapping</c> documentation.</summary>
    public string Describe() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} [{1}]{2}: basic>={3}, standard>={4}, advanced>={5}, {6}",
        Benchmark,
        Source,
        IsProxy ? " (general-ability proxy)" : string.Empty,
        Basic,
        Standard,
        Advanced,
        Frontier is { } f ? "frontier>=" + f.ToString(CultureInfo.InvariantCulture) : "never frontier");
}
