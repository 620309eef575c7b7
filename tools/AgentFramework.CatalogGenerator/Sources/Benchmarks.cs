namespace AgentFramework.CatalogGenerator.Sources;

/// <summary>The benchmark names written into evidence records.</summary>
internal static class Benchmarks
{
    /// <summary>Epoch Capabilities Index (index points, not a fraction).</summary>
    public const string Eci = "ECI";

    /// <summary>GPQA Diamond as run by Epoch.</summary>
    public const string GpqaDiamond = "GPQA Diamond";

    /// <summary>GPQA as reported to llm-stats (mostly the Diamond subset, vendor-run).</summary>
    public const string Gpqa = "GPQA";

    /// <summary>MATH, hardest (level 5) problems, as run by Epoch.</summary>
    public const string MathLevel5 = "MATH level 5";

    /// <summary>Epoch's OTIS Mock AIME 2024-2025.</summary>
    public const string OtisMockAime = "OTIS Mock AIME 2024-2025";

    /// <summary>SWE-bench Verified.</summary>
    public const string SweBenchVerified = "SWE-bench Verified";

    /// <summary>MMLU.</summary>
    public const string Mmlu = "MMLU";

    /// <summary>MMLU-Pro.</summary>
    public const string MmluPro = "MMLU-Pro";

    /// <summary>Multilingual MMLU.</summary>
    public const string Mmmlu = "MMMLU";

    /// <summary>MATH (all levels).</summary>
    public const string Math = "MATH";

    /// <summary>AIME 2024.</summary>
    public const string Aime2024 = "AIME 2024";

    /// <summary>HumanEval.</summary>
    public const string HumanEval = "HumanEval";

    /// <summary>LiveCodeBench.</summary>
    public const string LiveCodeBench = "LiveCodeBench";

    /// <summary>TAU-bench, retail domain.</summary>
    public const string TauBenchRetail = "TAU-bench Retail";

    /// <summary>Berkeley Function-Calling Leaderboard.</summary>
    public const string Bfcl = "BFCL";
}
