using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AgentFramework.Analyzers;

/// <summary>
/// The syntactic pre-filter: tells from syntax alone, without binding anything, whether a declaration may carry
/// one of the attributes that make a step, and whether an expression may bind a model id. Only what passes is
/// resolved by symbol, so code without steps costs a look at its attribute lists and nothing more.
/// </summary>
/// <remarks>
/// It must never say "no" to something the symbol check would accept, so it errs towards "maybe": an attribute
/// matches by its rightmost simple name (<c>AgentStep</c>, <c>AgentStepAttribute</c>, <c>AgentFramework.AgentStep</c>,
/// <c>global::AgentFramework.AgentStepAttribute</c>, <c>af::AgentStep</c>), and a <c>using</c> alias anywhere in
/// the compilation whose target names one of them (or another such alias) makes the alias name match everywhere.
/// One instance per compilation, thread-safe.
/// </remarks>
internal sealed class StepSyntaxFilter
{
    private const string AttributeSuffix = "Attribute";

    /// <summary>
    /// Simple names of the attributes that can make a method a step or bind a class (each with and without the
    /// <c>Attribute</c> suffix). <c>[CacheKey]</c>/<c>[CacheScope]</c> are left out: on their own they never make a step.
    /// </summary>
    private static readonly HashSet<string> StepAttributeNames = WithSuffixes(
        "AgentStep",
        "Requires",
        "RequiresFeatures",
        "MinContextWindow",
        "UseModel",
        "ExpectedVolume",
        "Budget",
        "SemanticCache",
        "NoCache",
        "HasSideEffects",
        "KernelFunction");

    private readonly Compilation _compilation;

    // Per syntax tree (by its position in the compilation), the spans of every node that has a possible model binding
    // below it; built by one walk of the tree the first time a method of it is asked about, then shared by every rule
    // family. Slots are published with a compare-exchange: no lock for the analyzer's threads to queue on.
    private Dictionary<SyntaxTree, int>? _treeIndex;
    private HashSet<TextSpan>?[]? _bindingContainers;

    // Alias names whose target is a step attribute; computed on first need (most files use no alias at all).
    private HashSet<string>? _aliases;

    public StepSyntaxFilter(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>The property name a model id is assigned to (<c>ChatOptions.ModelId</c>, <c>PromptExecutionSettings.ModelId</c>).</summary>
    public const string ModelIdProperty = "ModelId";

    /// <summary>The method whose first argument binds a model id (<c>OpenAIClient.GetChatClient</c>).</summary>
    public const string GetChatClientMethod = "GetChatClient";

    /// <summary>
    /// False when neither the method's declaration nor (for a partial method) its other part carries an attribute
    /// whose name could be a step attribute: such a method cannot declare a step of its own.
    /// </summary>
    public bool MayDeclareStep(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (MayCarryStepAttribute(method.DeclaringSyntaxReferences, cancellationToken))
        {
            return true;
        }

        // The attributes of a partial method are merged from both parts.
        var otherPart = method.PartialImplementationPart ?? method.PartialDefinitionPart;
        return otherPart != null && MayCarryStepAttribute(otherPart.DeclaringSyntaxReferences, cancellationToken);
    }

    /// <summary>False when no declaration of <paramref name="type"/> carries an attribute whose name could be a step attribute.</summary>
    public bool MayCarryStepAttribute(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        MayCarryStepAttribute(type.DeclaringSyntaxReferences, cancellationToken);

    /// <summary>
    /// True for an assignment to something named <c>ModelId</c> and for a call of something named
    /// <c>GetChatClient</c>: the only expressions that can bind a model id in a step's body.
    /// </summary>
    public static bool MayBindModel(SyntaxNode node)
    {
        switch (node)
        {
            case AssignmentExpressionSyntax assignment:
                return assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsNamed(assignment.Left, ModelIdProperty);
            case InvocationExpressionSyntax invocation:
                return IsNamed(invocation.Expression, GetChatClientMethod);
            default:
                return false;
        }
    }

    /// <summary>
    /// True when the syntax of <paramref name="method"/> contains an expression that may bind a model id
    /// (<see cref="MayBindModel"/>), nothing bound to tell. Each tree is walked once, whichever family asks first.
    /// </summary>
    public bool MayBindInBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (BindingContainers(reference.SyntaxTree, cancellationToken).Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="name"/> (the rightmost simple name of an attribute) could be a step attribute.</summary>
    public bool IsCandidate(string name, CancellationToken cancellationToken) =>
        StepAttributeNames.Contains(name) || Aliases(cancellationToken).Contains(name);

    private bool MayCarryStepAttribute(ImmutableArray<SyntaxReference> references, CancellationToken cancellationToken)
    {
        foreach (var reference in references)
        {
            var node = reference.GetSyntax(cancellationToken);
            if (!(node is MemberDeclarationSyntax member))
            {
                // Not a declaration we know the shape of: let the symbol check decide.
                return true;
            }

            foreach (var list in member.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    var name = RightmostName(attribute.Name);
                    if (name != null && IsCandidate(name, cancellationToken))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The position of <paramref name="tree"/> among the compilation's trees, or -1 for a tree outside it; per-tree
    /// state indexed by it can be published lock-free. <paramref name="treeCount"/> is the number of trees.
    /// </summary>
    public int TreePosition(SyntaxTree tree, out int treeCount)
    {
        var index = Volatile.Read(ref _treeIndex);
        if (index == null)
        {
            // Built once, then only read. Two threads may both build it, and they build the same map.
            index = new Dictionary<SyntaxTree, int>();
            foreach (var t in _compilation.SyntaxTrees)
            {
                index[t] = index.Count;
            }

            index = Interlocked.CompareExchange(ref _treeIndex, index, null) ?? index;
        }

        treeCount = index.Count;
        return index.TryGetValue(tree, out var position) ? position : -1;
    }

    private HashSet<TextSpan> BindingContainers(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var slot = TreePosition(tree, out var treeCount);
        var known = slot >= 0;
        var slots = Volatile.Read(ref _bindingContainers);
        if (slots == null)
        {
            var fresh = new HashSet<TextSpan>?[treeCount];
            slots = Interlocked.CompareExchange(ref _bindingContainers, fresh, null) ?? fresh;
        }

        if (known && Volatile.Read(ref slots[slot]) is HashSet<TextSpan> cached)
        {
            return cached;
        }

        // Computed outside any lock: two threads may both look, and they find the same spans.
        var spans = new HashSet<TextSpan>();
        var root = tree.GetRoot(cancellationToken);
        var text = tree.GetText(cancellationToken).ToString();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
        {
            // An identifier may be spelled with Unicode escapes (Model\u0049d), which the text search below cannot see.
            foreach (var node in root.DescendantNodes())
            {
                AddContainers(node, spans);
            }
        }
        else
        {
            // Every node MayBindModel accepts holds an identifier token spelled ModelId or GetChatClient, so finding those
            // names in the text and trying the ancestors of each token finds the same nodes as a walk of every node of the
            // tree, which was most of the filter's cost.
            AddContainersOfName(root, text, ModelIdProperty, spans);
            AddContainersOfName(root, text, GetChatClientMethod, spans);
        }

        // A tree outside the compilation (never expected) is answered without being kept.
        return known ? Interlocked.CompareExchange(ref slots[slot], spans, null) ?? spans : spans;
    }

    /// <summary>Adds the containers of every node above an identifier token named <paramref name="name"/> in <paramref name="text"/>.</summary>
    private static void AddContainersOfName(SyntaxNode root, string text, string name, HashSet<TextSpan> spans)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            // Text in a comment, a string or a longer name finds a token of another name (or kind) and is skipped.
            var token = root.FindToken(at);
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name)
            {
                continue;
            }

            for (var node = token.Parent; node != null; node = node.Parent)
            {
                AddContainers(node, spans);
            }
        }
    }

    /// <summary>When <paramref name="node"/> may bind a model, adds the span of each of its ancestors.</summary>
    private static void AddContainers(SyntaxNode node, HashSet<TextSpan> spans)
    {
        if (MayBindModel(node))
        {
            // A method's syntax contains the binding when it is one of the node's ancestors (same span, same text).
            for (var ancestor = node.Parent; ancestor != null && spans.Add(ancestor.Span); ancestor = ancestor.Parent)
            {
            }
        }
    }

    private HashSet<string> Aliases(CancellationToken cancellationToken)
    {
        var aliases = Volatile.Read(ref _aliases);
        if (aliases == null)
        {
            // Computed outside any lock: two threads may both compute it, and they compute the same set.
            aliases = CollectAliases(cancellationToken);
            aliases = Interlocked.CompareExchange(ref _aliases, aliases, null) ?? aliases;
        }

        return aliases;
    }

    /// <summary>
    /// Every alias name (global, file or namespace scope, in any file: a superset is safe) whose target's rightmost
    /// name is a step attribute or, transitively, another such alias.
    /// </summary>
    private HashSet<string> CollectAliases(CancellationToken cancellationToken)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                CollectAliases(root.Usings, root.Members, pairs);
            }
        }

        var aliases = new HashSet<string>(StringComparer.Ordinal);
        bool added;
        do
        {
            added = false;
            foreach (var pair in pairs)
            {
                if (!aliases.Contains(pair.Key) && (StepAttributeNames.Contains(pair.Value) || aliases.Contains(pair.Value)))
                {
                    aliases.Add(pair.Key);

                    // [X] also finds an alias named XAttribute, as it finds a type named XAttribute.
                    if (pair.Key.EndsWith(AttributeSuffix, StringComparison.Ordinal) && pair.Key.Length > AttributeSuffix.Length)
                    {
                        aliases.Add(pair.Key.Substring(0, pair.Key.Length - AttributeSuffix.Length));
                    }

                    added = true;
                }
            }
        }
        while (added);

        return aliases;
    }

    private static void CollectAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, List<KeyValuePair<string, string>> pairs)
    {
        foreach (var directive in usings)
        {
            var target = directive.Alias == null ? null : RightmostName(directive.Name);
            if (target != null)
            {
                pairs.Add(new KeyValuePair<string, string>(directive.Alias!.Name.Identifier.ValueText, target));
            }
        }

        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                CollectAliases(ns.Usings, ns.Members, pairs);
            }
        }
    }

    /// <summary><c>C</c> for <c>A.B.C</c>, <c>a::C</c>, <c>C&lt;T&gt;</c> and <c>C</c>; <c>null</c> for anything else.</summary>
    private static string? RightmostName(NameSyntax? name)
    {
        switch (name)
        {
            case SimpleNameSyntax simple:
                return simple.Identifier.ValueText;
            case QualifiedNameSyntax qualified:
                return qualified.Right.Identifier.ValueText;
            case AliasQualifiedNameSyntax aliasQualified:
                return aliasQualified.Name.Identifier.ValueText;
            default:
                return null;
        }
    }

    /// <summary>True when <paramref name="expression"/> names <paramref name="name"/>: <c>x</c>, <c>a.x</c>, <c>a?.x</c>, <c>x&lt;T&gt;</c>, <c>(a.x)</c>.</summary>
    private static bool IsNamed(ExpressionSyntax expression, string name)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        SimpleNameSyntax? simple;
        switch (expression)
        {
            case SimpleNameSyntax s:
                simple = s;
                break;
            case MemberAccessExpressionSyntax memberAccess:
                simple = memberAccess.Name;
                break;
            case MemberBindingExpressionSyntax memberBinding:
                simple = memberBinding.Name;
                break;
            default:
                return false;
        }

        return string.Equals(simple.Identifier.ValueText, name, StringComparison.Ordinal);
    }

    private static HashSet<string> WithSuffixes(params string[] names)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            set.Add(name);
            set.Add(name + AttributeSuffix);
        }

        return set;
    }
}
