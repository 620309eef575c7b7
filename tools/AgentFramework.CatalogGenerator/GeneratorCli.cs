using System.Text;

namespace AgentFramework.CatalogGenerator;

/// <summary>The command's behaviour, separate from argument parsing so tests can call it.</summary>
internal static class GeneratorCli
{
    /// <summary>UTF-8 without a byte-order mark: the catalog's encoding.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Default catalog path relative to the repository root.</summary>
    public const string DefaultOut = "src/Shared/Catalog/agentframework.catalog.json";

    /// <summary>Generates (or checks) the catalog; returns the process exit code.</summary>
    public static int Run(string? dataDir, string? outFile, bool check, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var repoRoot = FindRepoRoot();
            var data = dataDir ?? DefaultDataDir(repoRoot)
                ?? throw new DirectoryNotFoundException("AgentFramework.sln was not found above the current folder; pass --data and --out.");
            var output = outFile ?? (repoRoot != null ? Path.GetFullPath(Path.Combine(repoRoot, DefaultOut)) : null)
                ?? throw new DirectoryNotFoundException("AgentFramework.sln was not found above the current folder; pass --out.");

            var bytes = Utf8NoBom.GetBytes(CatalogGeneratorService.Generate(data));
            if (check)
            {
                if (!File.Exists(output))
                {
                    stderr.WriteLine($"Catalog check failed: {output} does not exist. Run the generator without --check to create it.");
                    return 1;
                }

                var existing = File.ReadAllBytes(output);
                if (existing.AsSpan().SequenceEqual(bytes))
                {
                    stdout.WriteLine($"Catalog is up to date: {output} ({bytes.Length:N0} bytes) matches {data}.");
                    return 0;
                }

                stderr.WriteLine($"Catalog check failed: {output} differs from what {data} generates ({Describe(existing, bytes)}). " +
                                 "Run 'dotnet run --project tools/AgentFramework.CatalogGenerator' and commit the result.");
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.WriteAllBytes(output, bytes);
            stdout.WriteLine($"Wrote {output} ({bytes.Length:N0} bytes) from {data}.");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException or System.Text.Json.JsonException)
        {
            stderr.WriteLine("Catalog generation failed: " + ex.Message);
            return 2;
        }
    }

    /// <summary>
    /// <c>$AGENTFRAMEWORK_SHARED_DATA/models</c> when that variable is set (the same override the tests use),
    /// else <c>../shared/data/models</c> beside the repository root.
    /// </summary>
    public static string? DefaultDataDir(string? repoRoot)
    {
        var shared = Environment.GetEnvironmentVariable("AGENTFRAMEWORK_SHARED_DATA");
        if (!string.IsNullOrEmpty(shared))
        {
            return Path.GetFullPath(Path.Combine(shared, "models"));
        }

        return repoRoot != null ? Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "data", "models")) : null;
    }

    /// <summary>The folder holding AgentFramework.sln, searched upward from the current folder, then from the tool's own folder.</summary>
    public static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static string Describe(byte[] existing, byte[] generated)
    {
        var a = Utf8NoBom.GetString(existing).Split('\n');
        var b = Utf8NoBom.GetString(generated).Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return $"first difference at line {i + 1}: committed '{Trim(a[i])}' vs generated '{Trim(b[i])}'";
            }
        }

        return $"committed has {a.Length} lines, generated has {b.Length}";
    }

    private static string Trim(string line) => line.Length > 120 ? line[..120] + "…" : line;
}
