using System.Diagnostics;
using AgentFramework.Testing;

namespace AgentFramework.CatalogGenerator.Tests;

/// <summary>Runs the built tool as a process, so the command-line wiring itself is exercised.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("agf-exe-");

    public void Dispose() => _temp.Delete(recursive: true);

    [SharedDataFact]
    public void Options_reach_the_generator_and_exit_codes_reach_the_shell()
    {
        var output = Path.Combine(_temp.FullName, "catalog.json");
        var data = TestPaths.SharedFile("models");

        var write = Run("--data", data, "--out", output);
        Assert.True(write.Code == 0, write.Stderr);
        Assert.True(File.Exists(output));

        Assert.Equal(0, Run("--data", data, "--out", output, "--check").Code);

        File.AppendAllText(output, " ");
        var stale = Run("--data", data, "--out", output, "--check");
        Assert.Equal(1, stale.Code);
        Assert.Contains("Catalog check failed", stale.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsOptions()
    {
        var help = Run("--help");
        Assert.Equal(0, help.Code);
        foreach (var option in new[] { "--data", "--out", "--check" })
        {
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownOptions_AreRejected() => Assert.NotEqual(0, Run("--no-such-option").Code);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var dll = typeof(GeneratorCli).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the generator did not finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
