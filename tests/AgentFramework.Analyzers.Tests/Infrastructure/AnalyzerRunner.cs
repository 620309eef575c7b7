using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the analyzer directly on a compilation, for tests that assert relations (the embedded catalog
/// changes as prices do) or that feed it broken code with compiler errors the verifier would insist on.
/// </summary>
internal static class AnalyzerRunner
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(
        () => ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public sealed record Result(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions);

    /// <summary>A compilation of <paramref name="sources"/> (files /0/Test0.cs, /0/Test1.cs, …) against .NET 8 and the attributes.</summary>
    public static async Task<CSharpCompilation> CompileAsync(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: "/0/Test" + i + ".cs")),
            [.. await References.Value, TestSources.Abstractions],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static async Task<Result> RunAsync(string source, string? catalog = null, string? editorConfig = null) =>
        await RunAsync(await CompileAsync(source), catalog, editorConfig);

    /// <summary>Runs every analyzer over files with the given paths; <paramref name="treeOptions"/> stands in for .editorconfig's <c>generated_code</c>.</summary>
    public static async Task<Result> RunAsync(IReadOnlyList<(string Path, string Source)> files, string? catalog = null, SyntaxTreeOptionsProvider? treeOptions = null)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, path: f.Path)),
            [.. await References.Value, TestSources.Abstractions],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable).WithSyntaxTreeOptionsProvider(treeOptions));
        // The compiler fills both from .editorconfig: the compilation's tree options and the analyzers' per-file options.
        AnalyzerConfigOptionsProvider? perFile = treeOptions is null ? null : new GeneratedCodeOptionsProvider(treeOptions);
        return await RunAsync(compilation, catalog, editorConfig: null, perFile);
    }

    private static async Task<Result> RunAsync(CSharpCompilation compilation, string? catalog, string? editorConfig, AnalyzerConfigOptionsProvider? optionsProvider = null)
    {
        var additional = catalog is null
            ? ImmutableArray<AdditionalText>.Empty
            : [new InMemoryAdditionalText(Verify.CatalogPath, catalog)];
        var options = new AnalyzerOptions(additional, optionsProvider ?? new OptionsProvider(Parse(editorConfig)));
        var exceptions = new List<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(
            AllAnalyzers.Create(),
            new CompilationWithAnalyzersOptions(options, (ex, _, _) => { lock (exceptions) { exceptions.Add(ex); } }, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        return new Result(diagnostics.Where(d => d.Id.StartsWith("AGF", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray(), exceptions);
    }

    private static Dictionary<string, string> Parse(string? editorConfig)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in (editorConfig ?? string.Empty).Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return values;
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Per file, <c>generated_code = true|false</c> as the tree options say (nothing else set).</summary>
    private sealed class GeneratedCodeOptionsProvider(SyntaxTreeOptionsProvider treeOptions) : AnalyzerConfigOptionsProvider
    {
        private static readonly OptionsProvider Empty = new([]);

        public override AnalyzerConfigOptions GlobalOptions => Empty.GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            treeOptions.IsGenerated(tree, CancellationToken.None) switch
            {
                GeneratedKind.MarkedGenerated => new OptionsProvider(new() { ["generated_code"] = "true" }).GlobalOptions,
                GeneratedKind.NotGenerated => new OptionsProvider(new() { ["generated_code"] = "false" }).GlobalOptions,
                _ => Empty.GlobalOptions,
            };

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.GlobalOptions;
    }

    private sealed class OptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
