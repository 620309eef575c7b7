using AgentFramework.Testing;

namespace AgentFramework.CatalogGenerator.Tests;

public sealed class GeneratorCliTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("agf-cli-");

    private static string ModelsDir => TestPaths.SharedFile("models");

    public void Dispose() => _temp.Delete(recursive: true);

    [SharedDataFact]
    public void Writes_utf8_without_bom_then_check_passes_and_detects_an_edit()
    {
        var output = Path.Combine(_temp.FullName, "sub", "catalog.json");
        var (code, stdout, _) = Run(output, check: false);
        Assert.Equal(0, code);
        Assert.Contains("Wrote", stdout, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(output);
        Assert.NotEqual(0xEF, bytes[0]);

        Assert.Equal(0, Run(output, check: true).Code);

        File.WriteAllText(output, File.ReadAllText(output).Replace("\"gpt-4.1-nano\"", "\"gpt-4.1-nano-edited\"", StringComparison.Ordinal));
        var (failed, _, stderr) = Run(output, check: true);
        Assert.Equal(1, failed);
        Assert.Contains("differs", stderr, StringComparison.Ordinal);
        Assert.Contains("line", stderr, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void Check_against_a_missing_file_fails_without_writing_it()
    {
        var output = Path.Combine(_temp.FullName, "absent.json");
        var (code, _, stderr) = Run(output, check: true);
        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void BadDataFolder_Exits2WithMessage()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GeneratorCli.Run(Path.Combine(_temp.FullName, "none"), Path.Combine(_temp.FullName, "out.json"), false, stdout, stderr);
        Assert.Equal(2, code);
        Assert.StartsWith("Catalog generation failed:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryRoot_IsFound() =>
        Assert.Equal(Path.GetFullPath(TestPaths.RepoRoot), Path.GetFullPath(GeneratorCli.FindRepoRoot()!));

    private static (int Code, string Stdout, string Stderr) Run(string output, bool check)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GeneratorCli.Run(ModelsDir, output, check, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
