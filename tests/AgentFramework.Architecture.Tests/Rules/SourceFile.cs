using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The top-level types one source file declares, read with Roslyn's parser (no compilation needed).</summary>
internal static class SourceFile
{
    /// <summary>Names of the types declared directly in a namespace or at file level (nested types excluded).</summary>
    public static IReadOnlyList<string> TopLevelTypeNames(string text) =>
        [.. CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot()
            .DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .Select(NameOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// True when the file is named after the one type it declares: <c>Type.cs</c>, or <c>Type.Concern.cs</c> for a
    /// partial class split by concern. A file that declares no type (top-level statements) is fine.
    /// </summary>
    public static bool IsNamedAfterItsType(string path, string text)
    {
        var names = TopLevelTypeNames(text);
        return names.Count == 0 || (names.Count == 1 && names[0] == Path.GetFileName(path).Split('.')[0]);
    }

    /// <summary>The name of the file's first namespace declaration, or <c>null</c> when it declares none.</summary>
    public static string? DeclaredNamespace(string text) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot()
            .DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<BaseNamespaceDeclarationSyntax>()
            .Select(n => n.Name.ToString())
            .FirstOrDefault();

    private static string? NameOf(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
        _ => null,
    };
}
