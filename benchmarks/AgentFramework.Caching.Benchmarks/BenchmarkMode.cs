namespace AgentFramework.Caching.Benchmarks;

/// <summary>Quick mode shrinks the stored-entry counts so CI finishes fast.</summary>
public static class BenchmarkMode
{
    public static bool Quick { get; set; }
}
