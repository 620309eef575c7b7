using System.Text;
using AgentFramework.Testing;

namespace AgentFramework.CatalogGenerator.Tests;

public sealed class CatalogGeneratorServiceTests
{
    private static string ModelsDir => TestPaths.SharedFile("models");

    private static string CommittedPath => Path.Combine(TestPaths.RepoRoot, "src", "Shared", "Catalog", "agentframework.catalog.json");

    [SharedDataFact]
    public void Generating_twice_gives_identical_bytes_equal_to_the_committed_catalog()
    {
        var first = GeneratorCli.Utf8NoBom.GetBytes(CatalogGeneratorService.Generate(ModelsDir));
        var second = GeneratorCli.Utf8NoBom.GetBytes(CatalogGeneratorService.Generate(ModelsDir));

        Assert.Equal(first, second);
        var committed = File.ReadAllBytes(CommittedPath);
        Assert.True(
            committed.AsSpan().SequenceEqual(first),
            "The committed catalog is stale: run 'dotnet run --project tools/AgentFramework.CatalogGenerator' and commit the result.");
    }

    [SharedDataFact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var german = CatalogGeneratorService.Generate(ModelsDir);
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal(CatalogGeneratorService.Generate(ModelsDir), german);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void MissingFolderOrFile_IsClearError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "agf-no-such-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DirectoryNotFoundException>(() => CatalogGeneratorService.Generate(missing));
        Assert.Contains("--data", ex.Message, StringComparison.Ordinal);

        var partial = Directory.CreateTempSubdirectory("agf-catalog-");
        try
        {
            File.WriteAllText(Path.Combine(partial.FullName, "epoch_capabilities_index.csv"), "x\n", Encoding.UTF8);
            var lacks = Assert.Throws<DirectoryNotFoundException>(() => CatalogGeneratorService.Generate(partial.FullName));
            Assert.Contains("litellm_model_prices_and_context_window.json", lacks.Message, StringComparison.Ordinal);
        }
        finally
        {
            partial.Delete(recursive: true);
        }
    }
}
