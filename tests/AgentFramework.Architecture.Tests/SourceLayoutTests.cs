using AgentFramework.Architecture.Tests.Rules;
using AgentFramework.Testing;

namespace AgentFramework.Architecture.Tests;

/// <summary>House rules about where code lives: one type per file named after it, namespaces under the package's root.</summary>
public sealed class SourceLayoutTests
{
    // Files that still declare more than one type. The list may only shrink: a listed file that is fixed fails the
    // test until it is taken off, and a new offender fails it at once.
    private static readonly string[] KnownOffenders =
    [
        // ICacheHitVerifier with its two argument types (CacheHitCandidate, CacheVerdict). It stays until the pair-model
        // work in Verification/ has landed: that folder is being reworked, and the layout pass touched only its
        // namespace lines there so the merge stays mechanical. Split it into three files with that work.
        "src/AgentFramework.Caching/Verification/ICacheHitVerifier.cs",
    ];

    [Fact]
    public void ShippedAndToolSources_DeclareOneTypePerFile_NamedAfterIt()
    {
        var offenders = Sources().Where(p => !SourceFile.IsNamedAfterItsType(p, File.ReadAllText(p))).Select(Relative).Order(StringComparer.Ordinal).ToList();

        Assert.True(offenders.Except(KnownOffenders).ToList() is [], "Declare one type per file, named after it:" + Environment.NewLine + string.Join(Environment.NewLine, offenders.Except(KnownOffenders)));
        Assert.True(KnownOffenders.Except(offenders).ToList() is [], "Fixed; take these off KnownOffenders:" + Environment.NewLine + string.Join(Environment.NewLine, KnownOffenders.Except(offenders)));
    }

    [Theory]
    [InlineData("Widget.cs", "namespace A;\npublic sealed class Widget { private sealed class Part { } }\n", true)]
    [InlineData("Widget.Storage.cs", "namespace A;\npublic sealed partial class Widget { }\n", true)]
    [InlineData("Program.cs", "System.Console.WriteLine(1);\n", true)]
    [InlineData("Widget.cs", "namespace A;\npublic sealed class Widget { }\npublic enum WidgetKind { A }\n", false)]
    [InlineData("Widgets.cs", "namespace A { public sealed record Widget(int Size); }\n", false)]
    [InlineData("Widget.cs", "namespace A;\npublic delegate void WidgetChanged();\n", false)]
    public void IsNamedAfterItsType_JudgesTopLevelTypesOnly(string file, string text, bool expected)
    {
        Assert.Equal(expected, SourceFile.IsNamedAfterItsType(file, text));
    }

    [Fact]
    public void ShippedTypes_LiveUnderTheirPackagesRootNamespace()
    {
        var offenders = ShippedPackages.Assemblies
            .SelectMany(a => NamespaceRules.Offenders(a, NamespaceRules.RootNamespace(a.GetName().Name!)))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void NamespaceRule_AgainstAnotherPackagesRoot_ReportsEveryType()
    {
        var abstractions = ShippedPackages.Load(ShippedPackages.Abstractions);

        var offenders = NamespaceRules.Offenders(abstractions, ShippedPackages.Caching);

        Assert.Contains("AgentFramework.AgentStepAttribute", offenders);
        Assert.Contains("AgentFramework.Capability", offenders);
    }

    [Fact]
    public void ShippedAndToolSources_DeclareTheNamespaceOfTheirFolder()
    {
        var offenders = Projects().SelectMany(p => FolderNamespaces.Offenders(p, TestPaths.RepoRoot)).ToList();

        Assert.True(offenders.Count == 0, "Declare the namespace of the file's folder (CONTRIBUTING.md, Namespaces):" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void FolderNamespaceRule_AgainstAnotherRoot_ReportsEveryFile()
    {
        var project = Path.Combine(TestPaths.RepoRoot, "src", ShippedPackages.VectorSearch, ShippedPackages.VectorSearch + ".csproj");
        var files = Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
            .Count(p => !Relative(p).Split('/').Any(part => part is "obj" or "bin"));

        var offenders = FolderNamespaces.Offenders(project, "Elsewhere", TestPaths.RepoRoot);

        Assert.True(files > 0);
        Assert.Equal(files, offenders.Count);
    }

    [Theory]
    [InlineData("AgentFramework.Caching", "", "AgentFramework.Caching")]
    [InlineData("AgentFramework.Caching", "Verification/PairModel", "AgentFramework.Caching.Verification.PairModel")]
    [InlineData("AgentFramework", "Steps", "AgentFramework.Steps")]
    public void FolderNamespaces_Expected_IsTheRootPlusTheFolders(string root, string folder, string expected)
    {
        Assert.Equal(expected, FolderNamespaces.Expected(root, folder));
    }

    [Theory]
    [InlineData("Microsoft.Extensions.DependencyInjection", "SemanticCacheServiceCollectionExtensions", true)]
    [InlineData("Microsoft.SemanticKernel", "AgentPluginExtensions", true)]
    [InlineData("Microsoft.Extensions.DependencyInjection", "SemanticCacheStepMiddleware", false)]
    [InlineData("AgentFramework.Caching", "SemanticCacheServiceCollectionExtensions", false)]
    public void IsRegistrationExtension_AllowsOnlyTheConvention(string typeNamespace, string typeName, bool expected)
    {
        Assert.Equal(expected, NamespaceRules.IsRegistrationExtension(typeNamespace, typeName));
    }

    // src/Shared has no project of its own: its files are linked into the runtime and the analyzer (outside both
    // project folders, so IDE0130 skips them too) and keep the namespaces of the runtime's Catalog and Steps folders.
    private static IEnumerable<string> Projects() =>
        new[] { "src", "analyzers", Path.Combine("tools", "AgentFramework.CatalogGenerator") }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !Relative(p).Split('/').Any(part => part is "obj" or "bin"));

    private static IEnumerable<string> Sources() =>
        new[] { "src", "analyzers", Path.Combine("tools", "AgentFramework.CatalogGenerator") }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(p => !Relative(p).Split('/').Any(part => part is "obj" or "bin"));

    private static string Relative(string path) => Path.GetRelativePath(TestPaths.RepoRoot, path).Replace('\\', '/');
}
