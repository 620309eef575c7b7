using Xunit;

namespace AgentFramework.Testing;

/// <summary>Finds the repository root and the shared evaluation data next to it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding AgentFramework.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>
    /// The shared data folder: <c>AGENTFRAMEWORK_SHARED_DATA</c> when set, else <c>../shared/data</c> beside the repository.
    /// </summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("AGENTFRAMEWORK_SHARED_DATA") is { Length: > 0 } fromEnv
            ? fromEnv
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>True when the shared data folder exists.</summary>
    public static bool SharedDataAvailable => Directory.Exists(SharedData);

    /// <summary>A file under the shared data folder.</summary>
    public static string SharedFile(params string[] parts) => Path.Combine([SharedData, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AgentFramework.sln was not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fact that is skipped, with the reason shown, when ../shared/data is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public SharedDataFactAttribute()
    {
        if (!TestPaths.SharedDataAvailable)
        {
            Skip = $"Shared evaluation data not found at {TestPaths.SharedData} (set AGENTFRAMEWORK_SHARED_DATA).";
        }
    }
}

/// <summary>A theory that is skipped, with the reason shown, when ../shared/data is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public SharedDataTheoryAttribute()
    {
        if (!TestPaths.SharedDataAvailable)
        {
            Skip = $"Shared evaluation data not found at {TestPaths.SharedData} (set AGENTFRAMEWORK_SHARED_DATA).";
        }
    }
}
