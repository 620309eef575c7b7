using System.Globalization;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>The entry counts a run uses: <c>VECTOR_BENCH_SIZES</c> (comma-separated), set by Program from quick/full mode.</summary>
public static class Sizes
{
    public static IEnumerable<int> Scan => Parse("VECTOR_BENCH_SIZES", "10000");

    public static IEnumerable<int> Ann => Parse("VECTOR_BENCH_ANN_SIZES", "10000");

    public static IEnumerable<int> Write => Parse("VECTOR_BENCH_WRITE_SIZES", "10000");

    private static IEnumerable<int> Parse(string variable, string fallback) =>
        (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback)
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture));
}
