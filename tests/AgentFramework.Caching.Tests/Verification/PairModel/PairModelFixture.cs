using System.Text.Json;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Testing;

namespace AgentFramework.Caching.Tests.Verification.PairModel;

/// <summary>The shipped pair model, fp32 and int8, loaded once for the tests that read it.</summary>
public sealed class PairModelFixture : IDisposable
{
    private readonly Lazy<Caching.Verification.PairModel.PairModel> _float32;
    private readonly Lazy<Caching.Verification.PairModel.PairModel> _int8;
    private readonly Lazy<Caching.Verification.PairModel.PairModel> _int8MatMuls;

    public PairModelFixture()
    {
        _float32 = new(() => Caching.Verification.PairModel.PairModel.LoadFloat32(PairModelFiles.DefaultBaseModelPath, PairModelFiles.ReadEmbeddedDelta()!));
        _int8 = new(() => Caching.Verification.PairModel.PairModel.LoadDefault());
        _int8MatMuls = new(() => Caching.Verification.PairModel.PairModel.LoadDefault(int8MatMuls: true));
    }

    internal Caching.Verification.PairModel.PairModel Float32 => _float32.Value;

    /// <summary>The serving model: int8 word-embedding table, float MatMuls.</summary>
    internal Caching.Verification.PairModel.PairModel Int8 => _int8.Value;

    /// <summary>The opt-in model with int8 MatMuls (per-token activation scales, smoothed).</summary>
    internal Caching.Verification.PairModel.PairModel Int8MatMuls => _int8MatMuls.Value;

    public static ReferenceFile Reference { get; } = JsonSerializer.Deserialize<ReferenceFile>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Verification", "PairModel", "pair-model.reference.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    /// <summary>The agent pairs of the repository (agent-slots.csv and the training half of agent-holdout.csv).</summary>
    public static IReadOnlyList<(string Asked, string Stored, bool Duplicate)> AgentPairs { get; } = ReadAgentPairs();

    public void Dispose()
    {
        if (_float32.IsValueCreated)
        {
            _float32.Value.Dispose();
        }

        if (_int8.IsValueCreated)
        {
            _int8.Value.Dispose();
        }

        if (_int8MatMuls.IsValueCreated)
        {
            _int8MatMuls.Value.Dispose();
        }
    }

    private static List<(string, string, bool)> ReadAgentPairs()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "benchmarks", "AgentFramework.CacheQuality", "data");
        var result = new List<(string, string, bool)>();
        result.AddRange(Csv(Path.Combine(folder, "agent-slots.csv"), int.MaxValue));

        // Rows 1-150 only: rows 151-300 are the never-inspected test half.
        result.AddRange(Csv(Path.Combine(folder, "agent-holdout.csv"), 150));
        return result;
    }

    /// <summary>The first <paramref name="limit"/> pairs of a pair CSV (question1, question2, is_duplicate).</summary>
    internal static IEnumerable<(string Asked, string Stored, bool Duplicate)> Csv(string path, int limit) =>
        PairCsv.Read(path).Take(limit).Select(p => (p.Query, p.Cached, p.Duplicate));

    public sealed record ReferenceFile(string DeltaSha256, string BaseModelSha256, int Layers, int MaxSideTokens, List<ReferencePair> Pairs);

    public sealed record ReferencePair(string Asked, string Stored, int Label, long[] InputIds, long[] TokenTypeIds, double Logit);
}
