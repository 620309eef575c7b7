using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers;

/// <summary>Where an attribute and its arguments are written, for diagnostics that point at them.</summary>
internal static class AttributeLocations
{
    /// <summary>The location of a single-argument attribute's first argument (or the attribute).</summary>
    public static Location? Argument(AttributeData attribute, CancellationToken cancellationToken, out bool isStringLiteral)
    {
        isStringLiteral = false;
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is AttributeSyntax attributeSyntax)
        {
            var args = attributeSyntax.ArgumentList?.Arguments;
            if (args.HasValue && args.Value.Count > 0)
            {
                var expression = args.Value[0].Expression;
                isStringLiteral = expression.IsKind(SyntaxKind.StringLiteralExpression);
                return expression.GetLocation();
            }
        }

        return syntax?.GetLocation();
    }

    /// <summary>The location of an attribute application, or <c>null</c> when it is not in source.</summary>
    public static Location? Attribute(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    /// <summary>The first constructor argument when it is a string constant.</summary>
    public static string? StringArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
            ? attribute.ConstructorArguments[0].Value as string
            : null;
}
