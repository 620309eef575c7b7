using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentFramework.Analyzers;

/// <summary>
/// For AGF0003 (a model id the catalog does not know): offers each of the closest catalog ids as a
/// replacement for the string literal, closest first — the usual cause is a typo or a retired id.
/// </summary>
/// <remarks>
/// The candidates travel in the diagnostic's properties, so the fix offers exactly the ids the message
/// lists. There is no Fix All: which id was meant is a decision per binding.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseClosestCatalogModelCodeFixProvider))]
[Shared]
public sealed class UseClosestCatalogModelCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence-key prefix of this provider's actions; the replacement id follows it.</summary>
    public const string EquivalenceKeyPrefix = "AgentFramework.UseClosestCatalogModel:";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnknownModel);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ClosestModelsProperty, out var closest) || string.IsNullOrEmpty(closest))
            {
                continue;
            }

            var literal = ModelIdLiteral.Find(root, diagnostic);
            if (literal == null)
            {
                continue;
            }

            foreach (var id in closest!.Split(','))
            {
                var target = id;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use '" + target + "' (closest catalog id)",
                        ct => ModelIdLiteral.ReplaceAsync(context.Document, literal, target, ct),
                        EquivalenceKeyPrefix + target),
                    diagnostic);
            }
        }
    }
}
