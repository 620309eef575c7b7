using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Rules;

/// <summary>
/// The catalog-override rule: an <c>agentframework.models.json</c> AdditionalFile that cannot be read is reported
/// in that file, where the error is, and ignored (the embedded catalog still applies). AGF0007.
/// </summary>
/// <remarks>Every callback swallows unexpected exceptions: a broken file must never produce AD0001.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatalogOverrideAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGF0007: malformed catalog override.</summary>
    internal static readonly DiagnosticDescriptor InvalidCatalogOverride = DiagnosticDescriptors.Create(
        RuleIdentifiers.InvalidCatalogOverride,
        "Model catalog override is invalid",
        "The model catalog override '{0}' is invalid and was ignored: {1}",
        DiagnosticDescriptors.CatalogCategory,
        DiagnosticSeverity.Warning,
        "The agentframework.models.json AdditionalFile must use the catalog schema; until it does, the analyzer uses the embedded catalog only.");

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(InvalidCatalogOverride);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterAdditionalFileAction(AnalyzeOverrideFile);
    }

    private static void AnalyzeOverrideFile(AdditionalFileAnalysisContext context)
    {
        try
        {
            var file = context.AdditionalFile;
            if (!CatalogCache.IsOverrideFile(file.Path))
            {
                return;
            }

            var text = file.GetText(context.CancellationToken);
            if (text == null)
            {
                return;
            }

            var snapshot = CatalogCache.Get(text.ToString());
            if (snapshot.OverrideError == null)
            {
                return;
            }

            var span = CatalogCache.ErrorSpan(snapshot, text);
            var location = Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(
                InvalidCatalogOverride,
                location,
                CatalogCache.OverrideFileName,
                snapshot.OverrideError));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException))
        {
            AnalyzerGuard.NoteSwallowed();
        }
    }
}
