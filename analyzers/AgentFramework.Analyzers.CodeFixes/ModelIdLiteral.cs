using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers;

/// <summary>Finds and rewrites the string literal a model-binding diagnostic points at (shared by the code fixes).</summary>
internal static class ModelIdLiteral
{
    /// <summary>The literal at the diagnostic, or null when the id comes from a constant or an expression (the user decides where it comes from).</summary>
    public static LiteralExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal : null;
    }

    /// <summary>Replaces <paramref name="literal"/> with <paramref name="modelId"/>, keeping its trivia.</summary>
    public static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string modelId, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root == null)
        {
            return document;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(modelId))
            .WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
