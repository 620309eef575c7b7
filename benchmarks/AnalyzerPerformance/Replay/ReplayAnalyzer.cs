using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AnalyzerPerformance.Replay;

/// <summary>
/// Reports, without analysing anything, the warnings listed in the AdditionalFile <c>agf-replay.tsv</c>
/// (id, path relative to the project, span start, span length, message; one per line, tab-separated).
/// </summary>
/// <remarks>
/// The benchmark's baseline for the cost of the warnings themselves: the compiler checks each reported warning for
/// <c>[SuppressMessage]</c> and prints it, whatever analyzer reported it. The ids are the AgentFramework ones so the
/// project's <c>.editorconfig</c> applies to both the same way.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplayAnalyzer : DiagnosticAnalyzer
{
    private const string ReplayFileName = "agf-replay.tsv";

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> Rules = Enumerable.Range(1, 8)
        .Select(n => "AGF000" + n)
        .ToImmutableDictionary(id => id, id => new DiagnosticDescriptor(id, "Replayed " + id, "{0}", "Replay", DiagnosticSeverity.Warning, isEnabledByDefault: true));

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Rules.Values.ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var file = start.Options.AdditionalFiles.FirstOrDefault(f => Path.GetFileName(f.Path) == ReplayFileName);
            var text = file?.GetText(start.CancellationToken);
            if (text == null)
            {
                return;
            }

            var byPath = Parse(text).ToLookup(w => w.RelativePath, StringComparer.Ordinal);
            start.RegisterSyntaxTreeAction(tree =>
            {
                var path = tree.Tree.FilePath.Replace('\\', '/');
                foreach (var group in byPath)
                {
                    if (!path.EndsWith("/" + group.Key, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var warning in group)
                    {
                        var location = Location.Create(tree.Tree, new TextSpan(warning.Start, warning.Length));
                        tree.ReportDiagnostic(Diagnostic.Create(Rules[warning.Id], location, warning.Message));
                    }
                }
            });
        });
    }

    private static IEnumerable<(string Id, string RelativePath, int Start, int Length, string Message)> Parse(SourceText text)
    {
        foreach (var line in text.Lines)
        {
            var fields = line.ToString().Split('\t');
            if (fields.Length == 5 && Rules.ContainsKey(fields[0]) && int.TryParse(fields[2], out var start) && int.TryParse(fields[3], out var length))
            {
                yield return (fields[0], fields[1], start, length, fields[4]);
            }
        }
    }
}
