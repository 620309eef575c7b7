using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentFramework.Analyzers;

/// <summary>
/// Rewrites the model id a step is bound to (the <c>[UseModel]</c> argument or the string literal
/// assigned to <c>ModelId</c> / passed to <c>GetChatClient</c>) to the cheapest catalog model that
/// meets the step's declared needs, for AGF0001 (over-provisioned) and AGF0002 (under-provisioned).
/// </summary>
/// <remarks>
/// The replacement id travels in the diagnostic's properties, so the fix and the analyzer can never
/// disagree about which model is cheapest. Every action shares one equivalence key, so Fix All in
/// document, project or solution applies them together.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCheapestSufficientModelCodeFixProvider))]
[Shared]
public sealed class UseCheapestSufficientModelCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of every action this provider registers.</summary>
    public const string EquivalenceKey = "AgentFramework.UseCheapestSufficientModel";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.OverProvisionedModel, RuleIdentifiers.UnderProvisionedModel);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SuggestedModelProperty, out var suggested) ||
                string.IsNullOrEmpty(suggested))
            {
                continue;
            }

            var literal = ModelIdLiteral.Find(root, diagnostic);
            if (literal == null)
            {
                continue;
            }

            var target = suggested!;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use '" + target + "', the cheapest model that meets the declared needs",
                    ct => ModelIdLiteral.ReplaceAsync(context.Document, literal, target, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
