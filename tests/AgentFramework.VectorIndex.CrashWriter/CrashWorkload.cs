using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.CrashWriter;

/// <summary>The deterministic workload the crash writer runs and the crash test checks against.</summary>
public static class CrashWorkload
{
    /// <summary>Vector dimension.</summary>
    public const int Dimensions = 64;

    /// <summary>The id of step <paramref name="i"/>.</summary>
    public static string Id(int i) => $"e{i}";

    /// <summary>The scope of step <paramref name="i"/> (five tenants).</summary>
    public static VectorScope Scope(int i) => VectorScope.Of(("tenant", $"t{i % 5}"));

    /// <summary>The payload of step <paramref name="i"/>.</summary>
    public static string Payload(int i) => $"payload-{i}";

    /// <summary>The unit vector of step <paramref name="i"/>, reproducible from <paramref name="i"/> alone.</summary>
    public static float[] Vector(int i)
    {
        var random = new Random(i);
        var v = new float[Dimensions];
        double sum = 0;
        for (var d = 0; d < v.Length; d++)
        {
            v[d] = (float)(random.NextDouble() - 0.5);
            sum += v[d] * (double)v[d];
        }

        var inv = (float)(1 / Math.Sqrt(sum));
        for (var d = 0; d < v.Length; d++)
        {
            v[d] *= inv;
        }

        return v;
    }

    /// <summary>The entry written at step <paramref name="i"/>.</summary>
    public static VectorEntry Entry(int i) => new(Id(i), Vector(i), Scope(i), Payload(i), [$"step{i % 3}"]);

    /// <summary>Whether step <paramref name="i"/> also deletes an earlier entry, and which.</summary>
    public static bool DeletesAt(int i, out int victim)
    {
        victim = i - 5;
        return i % 10 == 9 && victim >= 0;
    }

    /// <summary>Whether entry <paramref name="i"/> is ever deleted by the workload.</summary>
    public static bool IsEverDeleted(int i) => DeletesAt(i + 5, out _);
}
