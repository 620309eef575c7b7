using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AgentFramework.Steps;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace AgentFramework.Tests.Steps;

/// <summary>
/// The analyzer and the runtime resolve steps with one shared resolver fed by two adapters. This compiles one
/// fixture set (Steps/Fixtures), resolves every method through the Roslyn-symbol adapter (from the compilation)
/// and the reflection adapter (from the emitted, loaded assembly), and asserts the two agree, and that each
/// fixture's <c>[Expect]</c> fragments hold.
/// </summary>
/// <remarks>
/// The analyzer compiles its own internal copy of the shared sources, so this assembly sees only the runtime's: it
/// reaches the analyzer's adapter by name (<see cref="SymbolAdapter"/>), not through InternalsVisibleTo, which would
/// make every shared type name ambiguous here.
/// </remarks>
public sealed class StepResolutionParityTests(ITestOutputHelper output)
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [Fact]
    public void BothAdapters_ResolveEveryFixtureIdentically()
    {
        var compilation = Compile();
        var assembly = Load(compilation, out var context);
        try
        {
            var adapter = new SymbolAdapter(compilation);
            var failures = new List<string>();
            var compared = 0;
            var steps = 0;
            var invalid = 0;

            void Compare(string name, string fromSymbols, string fromReflection, IEnumerable<string> expected)
            {
                compared++;
                steps += fromSymbols.StartsWith("step=yes", StringComparison.Ordinal) ? 1 : 0;
                invalid += fromSymbols.Contains("errors=[", StringComparison.Ordinal) ? 1 : 0;
                if (!string.Equals(fromSymbols, fromReflection, StringComparison.Ordinal))
                {
                    failures.Add($"{name}: adapters disagree\n  symbols:    {fromSymbols}\n  reflection: {fromReflection}");
                }

                foreach (var fragment in expected)
                {
                    if (!fromSymbols.Contains(fragment, StringComparison.Ordinal))
                    {
                        failures.Add($"{name}: expected '{fragment}' in\n  {fromSymbols}");
                    }
                }
            }

            foreach (var type in FixtureTypes(compilation))
            {
                var runtimeType = assembly.GetType(type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName, throwOnError: true)!;
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsCase))
                {
                    var methodInfo = Assert.Single(runtimeType.GetMethods(Declared), m => m.Name == method.MetadataName);
                    Compare(
                        type.MetadataName + "." + method.MetadataName,
                        adapter.Describe(method),
                        ReflectionStepAdapter.Resolve(methodInfo).Describe(),
                        Expectations(method));
                }
            }

            // Closed generic types and methods resolve like their definitions.
            var genericAgent = compilation.GetTypeByMetadataName("Fixtures.GenericAgent`1")!;
            var closedAgent = assembly.GetType("Fixtures.GenericAgent`1", throwOnError: true)!.MakeGenericType(typeof(string));
            foreach (var name in new[] { "SummarizeAsync", "ConvertAsync" })
            {
                var symbol = genericAgent.GetMembers(name).OfType<IMethodSymbol>().Single();
                var info = closedAgent.GetMethod(name)!;
                if (info.IsGenericMethodDefinition)
                {
                    info = info.MakeGenericMethod(typeof(int));
                }

                Compare("GenericAgent<string>." + name, adapter.Describe(symbol), ReflectionStepAdapter.Resolve(info).Describe(), Expectations(symbol));
            }

            // A base-class method that implements an interface only the derived class declares, seen from the derived class.
            var derived = compilation.GetTypeByMetadataName("Fixtures.ImplementedByBase")!;
            var baseMethod = compilation.GetTypeByMetadataName("Fixtures.HelperBase")!.GetMembers("ExtractAsync").OfType<IMethodSymbol>().Single();
            Compare(
                "ImplementedByBase.ExtractAsync",
                adapter.Describe(baseMethod, derived),
                ReflectionStepAdapter.Resolve(assembly.GetType("Fixtures.ImplementedByBase", throwOnError: true)!.GetMethod("ExtractAsync")!).Describe(),
                ["step=yes;", "id=HelperBase.Extract;", "bound=other-model@Interface;"]);

            output.WriteLine($"{compared} methods compared: {steps} steps, {invalid} with invalid declarations, {failures.Count} failures");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.True(compared >= 80, $"{compared} cases compared");
            Assert.True(steps >= 40, $"{steps} step cases");
            Assert.True(invalid >= 20, $"{invalid} invalid cases");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Disagreement_WouldBeSeen()
    {
        // Guards the test above against comparing two copies of one adapter: the same fixture method, resolved
        // with and without the interface that declares it, must describe differently.
        var compilation = Compile();
        var adapter = new SymbolAdapter(compilation);
        var method = compilation.GetTypeByMetadataName("Fixtures.HelperBase")!.GetMembers("ExtractAsync").OfType<IMethodSymbol>().Single();
        var derived = compilation.GetTypeByMetadataName("Fixtures.ImplementedByBase")!;
        Assert.NotEqual(adapter.Describe(method), adapter.Describe(method, derived));
    }

    private static bool IsCase(IMethodSymbol method) =>
        !method.IsImplicitlyDeclared && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.ExplicitInterfaceImplementation);

    private static IEnumerable<INamedTypeSymbol> FixtureTypes(Compilation compilation)
    {
        var ns = compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Fixtures");
        return ns.GetTypeMembers().Where(t => t.Name != "ExpectAttribute" && !t.IsRecord).OrderBy(t => t.MetadataName, StringComparer.Ordinal);
    }

    private static IEnumerable<string> Expectations(IMethodSymbol method) =>
        method.GetAttributes()
            .Where(a => a.AttributeClass?.Name == "ExpectAttribute")
            .Select(a => (string)a.ConstructorArguments[0].Value!);

    private static CSharpCompilation Compile()
    {
        var sources = typeof(StepResolutionParityTests).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("StepFixtures/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = typeof(StepResolutionParityTests).Assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), new CSharpParseOptions(LanguageVersion.Latest), path: n);
            })
            .ToList();
        Assert.Equal(2, sources.Count);

        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "StepFixtures",
            sources,
            [.. platform, MetadataReference.CreateFromFile(typeof(AgentStepAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        return compilation;
    }

    private static Assembly Load(CSharpCompilation compilation, out AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // AgentFramework.Abstractions resolves from the default context, so attribute types are the runtime's own.
        context = new AssemblyLoadContext("step-fixtures", isCollectible: true);
        return context.LoadFromStream(image);
    }

    /// <summary>The analyzer's <c>StepSymbolAdapter</c>, bound by name; a renamed member fails here with its name.</summary>
    private sealed class SymbolAdapter
    {
        private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        private readonly object _adapter;
        private readonly MethodInfo _resolve;

        public SymbolAdapter(Compilation compilation)
        {
            var analyzers = Assembly.Load("AgentFramework.Analyzers");
            var knownSymbols = analyzers.GetType("AgentFramework.Analyzers.KnownSymbols", throwOnError: true)!;
            var adapterType = analyzers.GetType("AgentFramework.Analyzers.StepSymbolAdapter", throwOnError: true)!;
            var create = knownSymbols.GetMethod("Create", Members, [typeof(Compilation)]) ?? throw new MissingMethodException(knownSymbols.FullName, "Create(Compilation)");
            _adapter = Activator.CreateInstance(adapterType, create.Invoke(null, [compilation]))!;
            _resolve = adapterType.GetMethod("Resolve", Members, [typeof(IMethodSymbol), typeof(INamedTypeSymbol)])
                ?? throw new MissingMethodException(adapterType.FullName, "Resolve(IMethodSymbol, INamedTypeSymbol)");
        }

        /// <summary>The canonical text of the step the analyzer resolves for <paramref name="method"/>.</summary>
        public string Describe(IMethodSymbol method, INamedTypeSymbol? implementingType = null)
        {
            var resolved = _resolve.Invoke(_adapter, [method, implementingType])!;
            var describe = resolved.GetType().GetMethod("Describe", Members, Type.EmptyTypes) ?? throw new MissingMethodException(resolved.GetType().FullName, "Describe()");
            return (string)describe.Invoke(resolved, null)!;
        }
    }
}
