using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentFramework.Steps.Resolution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers;

/// <summary>
/// The steps of one compilation, resolved once through the shared resolver however many rules read them. Every
/// analyzer gets the same instance for the same <see cref="Compilation"/> (<see cref="For"/>), so a step is
/// resolved once per compilation, not once per rule family. Thread-safe.
/// </summary>
/// <remarks>
/// It holds what depends on the compilation only (symbols, declarations, their locations); the catalog and the
/// .editorconfig options can change without the compilation changing (an AdditionalFile edit in the IDE), so
/// each analyzer reads those at its own compilation start.
/// </remarks>
internal sealed class StepCache
{
    // Lock stripes of the step map: the analyzer's threads write it at once, and a 2-core default leaves them waiting on each other.
    private const int ConcurrencyLevel = 64;

    private static readonly ConditionalWeakTable<Compilation, StepCache> Caches = new ConditionalWeakTable<Compilation, StepCache>();
    private static readonly ConditionalWeakTable<Compilation, StepCache>.CreateValueCallback Create = c => new StepCache(c);

    private readonly StepSymbolAdapter _adapter;

    // Every family writes here at once from the analyzer's threads: enough lock stripes, and a start size large
    // enough per stripe that a few thousand steps cause no resize (a resize takes every stripe and stalls every writer).
    private readonly ConcurrentDictionary<IMethodSymbol, StepInfo?> _steps =
        new ConcurrentDictionary<IMethodSymbol, StepInfo?>(ConcurrencyLevel, 64 * ConcurrencyLevel, SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<IMethodSymbol, StepInfo?> _inherited = new ConcurrentDictionary<IMethodSymbol, StepInfo?>(SymbolEqualityComparer.Default);

    // Per syntax tree (by its position in the compilation), a slot per method declaration; see Resolve.
    private Dictionary<int, StepSlot>?[]? _slots;

    private StepCache(Compilation compilation)
    {
        Known = KnownSymbols.Create(compilation);
        _adapter = new StepSymbolAdapter(Known);
        Filter = new StepSyntaxFilter(compilation);
        Generated = new GeneratedFiles(compilation);
    }

    /// <summary>The attribute and settings types of the compilation.</summary>
    public KnownSymbols Known { get; }

    /// <summary>The syntactic pre-filter.</summary>
    public StepSyntaxFilter Filter { get; }

    /// <summary>The compilation's generated files, where no step diagnostic is reported.</summary>
    public GeneratedFiles Generated { get; }

    /// <summary>The cache of <paramref name="compilation"/> (created by the first rule that asks).</summary>
    public static StepCache For(Compilation compilation) => Caches.GetValue(compilation, Create);

    /// <summary>
    /// The step <paramref name="method"/> declares with attributes of its own, or <c>null</c>. This is the path every
    /// method of the compilation takes, so the syntax is looked at first: a method whose attribute lists name no step
    /// attribute is not bound at all.
    /// </summary>
    public StepInfo? DeclaredStep(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if ((method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation) ||
            !Filter.MayDeclareStep(method, cancellationToken))
        {
            return null;
        }

        return Resolve(method, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="DeclaredStep"/>, but also for methods that are steps only through an interface or base method.
    /// Not pre-filtered: callers reach it only from syntax that already looked like a binding.
    /// </summary>
    public StepInfo? StepIncludingInherited(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (CarriesOurAttributes(method))
        {
            return Resolve(method, cancellationToken);
        }

        return _inherited.TryGetValue(method, out var step) ? step : _inherited.GetOrAdd(method, Build(method, cancellationToken));
    }

    /// <summary>The step a method with our attributes declares (by symbol: the pre-filter's "maybe" is confirmed here).</summary>
    /// <remarks>
    /// The families ask for the same method at the same moment (the driver runs their symbol actions side by side).
    /// A method declared once in a tree of this compilation has a slot of its own, found without a lock: the first
    /// family builds the step and the others wait for it, instead of each building it and then queueing on the same
    /// lock stripe of a shared map. Anything else (partial methods, constructed or metadata methods, local
    /// functions) goes through the map: look-up first, then build; two threads may build it, the first stored wins.
    /// </remarks>
    private StepInfo? Resolve(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (Slot(method, cancellationToken) is StepSlot slot)
        {
            if (Volatile.Read(ref slot.Resolved))
            {
                return slot.Step;
            }

            lock (slot)
            {
                if (!slot.Resolved)
                {
                    slot.Step = CarriesOurAttributes(method) ? Build(method, cancellationToken) : null;
                    Volatile.Write(ref slot.Resolved, true);
                }

                return slot.Step;
            }
        }

        if (_steps.TryGetValue(method, out var step))
        {
            return step;
        }

        return _steps.GetOrAdd(method, CarriesOurAttributes(method) ? Build(method, cancellationToken) : null);
    }

    /// <summary>The slot of a method declared once in source (a definition), or <c>null</c>.</summary>
    private StepSlot? Slot(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var references = method.DeclaringSyntaxReferences;
        if (references.Length != 1 || !ReferenceEquals(method.OriginalDefinition, method) ||
            method.PartialDefinitionPart != null || method.PartialImplementationPart != null)
        {
            return null;
        }

        var tree = references[0].SyntaxTree;
        var position = Filter.TreePosition(tree, out var treeCount);
        if (position < 0)
        {
            return null;
        }

        var trees = Volatile.Read(ref _slots);
        if (trees == null)
        {
            var fresh = new Dictionary<int, StepSlot>?[treeCount];
            trees = Interlocked.CompareExchange(ref _slots, fresh, null) ?? fresh;
        }

        var slots = Volatile.Read(ref trees[position]);
        if (slots == null)
        {
            // Built outside any lock: two threads may both build a tree's slots, and the first published wins.
            var fresh = MethodSlots(tree, cancellationToken);
            slots = Interlocked.CompareExchange(ref trees[position], fresh, null) ?? fresh;
        }

        return slots.TryGetValue(references[0].Span.Start, out var slot) ? slot : null;
    }

    /// <summary>One empty slot per method declared in <paramref name="tree"/>, by the start of its declaration (bodies are not walked).</summary>
    private static Dictionary<int, StepSlot> MethodSlots(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var slots = new Dictionary<int, StepSlot>();
        var root = tree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(n => n == root || n is BaseNamespaceDeclarationSyntax || n is TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax)
            {
                slots[node.SpanStart] = new StepSlot();
            }
        }

        return slots;
    }

    private bool CarriesOurAttributes(IMethodSymbol method)
    {
        foreach (var a in method.GetAttributes())
        {
            if (_adapter.TryGetKind(a.AttributeClass, out var kind) && kind != StepAttributeKind.CacheKey && kind != StepAttributeKind.CacheScope)
            {
                return true;
            }
        }

        return false;
    }

    private StepInfo? Build(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if ((method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation) || method.ContainingType == null)
        {
            return null;
        }

        var resolved = _adapter.Resolve(method);
        if (!resolved.IsStep)
        {
            return null;
        }

        var info = new StepInfo(method, resolved);
        if (resolved.Binding?.Origin is AttributeData binding)
        {
            var location = AttributeLocations.Argument(binding, cancellationToken, out var literal) ?? method.Locations.FirstOrDefault();
            if (location != null)
            {
                info.Binding = new ModelBinding(resolved.BoundModelId!, location, literal);
            }
        }

        if (resolved.HasVolume)
        {
            info.Volume = new StepVolume(resolved.CallsPerDay, resolved.InputTokens, resolved.OutputTokens);
        }

        if (resolved.BudgetSite == StepSite.Method && resolved.BudgetAttribute?.Origin is AttributeData budget)
        {
            info.BudgetLocation = AttributeLocations.Attribute(budget, cancellationToken);
        }

        if (resolved.SemanticCacheSite == StepSite.Method && resolved.SemanticCache?.Origin is AttributeData cache)
        {
            info.SemanticCacheLocation = AttributeLocations.Attribute(cache, cancellationToken);
        }

        return info;
    }

    /// <summary>Where one method's step is kept once resolved (guarded by its own lock while it is built).</summary>
    private sealed class StepSlot
    {
        public bool Resolved;
        public StepInfo? Step;
    }
}
