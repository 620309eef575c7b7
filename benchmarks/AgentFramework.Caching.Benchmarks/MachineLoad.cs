namespace AgentFramework.Caching.Benchmarks;

/// <summary>The machine's load, printed beside every figure (the benchmarks run on shared machines).</summary>
internal static class MachineLoad
{
    /// <summary>The 1-, 5- and 15-minute load averages, or "n/a" off Linux.</summary>
    public static string Averages() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
