using AgentFramework.Architecture.Tests.Rules;
using AgentFramework.Testing;

namespace AgentFramework.Architecture.Tests;

/// <summary>House rules about where code lives: one type per file named after it, namespaces under the package's root.</summary>
public sealed class SourceLayoutTests
{
    // Files that still declare more than one type, kept until the work reshaping those folders has landed (the
    // runtime and the cache are being re-cut for the public-API pass; StepModel goes with the analyzer's layout).
    // The list may only shrink: a listed file that is fixed fails the test until it is taken off, and a new
    // offender fails it at once.
    private static readonly string[] KnownOffenders =
    [
        "src/AgentFramework.Caching/Semantic/CachedEntryPayload.cs",
        "src/AgentFramework.Caching/Verification/ICacheHitVerifier.cs",
        "src/AgentFramework/DependencyInjection/AgentFrameworkBuilder.cs",
        "src/AgentFramework/Ledger/ITokenCounter.cs",
        "src/AgentFramework/Ledger/LedgerRecords.cs",
        "src/AgentFramework/Ledger/LedgerSnapshot.cs",
        "src/AgentFramework/Models/ModelRegistry.cs",
        "src/AgentFramework/Routing/RoutingDecision.cs",
        "src/AgentFramework/Routing/RoutingExceptions.cs",
        "src/AgentFramework/Runtime/AgentRunner.cs",
        "src/AgentFramework/Runtime/StepChatClient.cs",
        "src/AgentFramework/Runtime/StepInvocation.cs",
        "src/AgentFramework/Steps/StepBindingValidator.cs",
        "src/AgentFramework/Steps/StepRequirements.cs",
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

    private static IEnumerable<string> Sources() =>
        new[] { "src", "analyzers", Path.Combine("tools", "AgentFramework.CatalogGenerator") }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(p => !Relative(p).Split('/').Any(part => part is "obj" or "bin"));

    private static string Relative(string path) => Path.GetRelativePath(TestPaths.RepoRoot, path).Replace('\\', '/');
}
