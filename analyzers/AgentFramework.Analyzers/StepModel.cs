using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AgentFramework.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentFramework.Analyzers
{
    /// <summary>A model id a step is bound to, and where it is written.</summary>
    internal sealed class ModelBinding
    {
        public ModelBinding(string modelId, Location location, bool isStringLiteral)
        {
            ModelId = modelId;
            Location = location;
            IsStringLiteral = isStringLiteral;
        }

        public string ModelId { get; }

        public Location Location { get; }

        /// <summary>True when <see cref="Location"/> is a string literal the code fix can rewrite.</summary>
        public bool IsStringLiteral { get; }
    }

    /// <summary>The declared traffic of a step.</summary>
    internal sealed class StepVolume
    {
        public StepVolume(double callsPerDay, int inputTokens, int outputTokens)
        {
            CallsPerDay = callsPerDay;
            InputTokens = inputTokens;
            OutputTokens = outputTokens;
        }

        public double CallsPerDay { get; }

        public int InputTokens { get; }

        public int OutputTokens { get; }

        /// <summary>True when a monthly cost can be computed.</summary>
        public bool IsCostable => CallsPerDay > 0 && (InputTokens > 0 || OutputTokens > 0);

        public double MonthlyCost(ModelCard model) => ModelSelection.MonthlyCost(model, CallsPerDay, InputTokens, OutputTokens);
    }

    /// <summary>Everything a step declares, resolved the way the runtime's StepRequirements does.</summary>
    internal sealed class StepInfo
    {
        public StepInfo(IMethodSymbol method, string stepId, ModelNeeds needs)
        {
            Method = method;
            StepId = stepId;
            Needs = needs;
        }

        public IMethodSymbol Method { get; }

        /// <summary><c>{Type}.{Method}</c> without an <c>Async</c> suffix, or <c>[AgentStep(Name)]</c>.</summary>
        public string StepId { get; }

        public ModelNeeds Needs { get; }

        /// <summary>[UseModel] on the method itself.</summary>
        public ModelBinding? MethodBinding { get; set; }

        /// <summary>[UseModel] on the class (or a base class) when the method has none.</summary>
        public ModelBinding? ClassBinding { get; set; }

        public StepVolume? Volume { get; set; }

        public double? BudgetUsdPerMonth { get; set; }

        public Location? BudgetLocation { get; set; }

        /// <summary>True when [SemanticCache] applies (method or class) and no [NoCache] turns it off.</summary>
        public bool IsCached { get; set; }

        /// <summary>
        /// True when the runtime cache would front the step: no [NoCache] (method or class) and no [HasSideEffects].
        /// The runtime caches such steps by default, with or without [SemanticCache].
        /// </summary>
        public bool IsCacheable { get; set; }

        /// <summary>Where [SemanticCache] is written on the method, when it is.</summary>
        public Location? SemanticCacheLocation { get; set; }

        public bool HasSideEffects { get; set; }
    }

    /// <summary>Attributes of one type (and its base types) that apply to its steps.</summary>
    internal sealed class TypeLayer
    {
        public Dictionary<Capability, CapabilityLevel> Levels { get; } = new Dictionary<Capability, CapabilityLevel>();

        public ModelFeatures Features { get; set; }

        public int MinContext { get; set; }

        public ModelBinding? UseModel { get; set; }

        public double? Budget { get; set; }

        public bool SemanticCache { get; set; }

        public bool NoCache { get; set; }

        /// <summary>True when the type (or a base) carries any AgentFramework attribute.</summary>
        public bool HasOurAttributes { get; set; }
    }

    /// <summary>
    /// Resolves steps from symbols. One instance per compilation; layers of types and the assembly
    /// are cached because thousands of steps share them.
    /// </summary>
    internal sealed class StepResolver
    {
        private readonly KnownSymbols _known;
        private readonly IAssemblySymbol _assembly;
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeLayer> _types = new ConcurrentDictionary<INamedTypeSymbol, TypeLayer>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, StepInfo?> _steps = new ConcurrentDictionary<IMethodSymbol, StepInfo?>(SymbolEqualityComparer.Default);
        private TypeLayer? _assemblyLayer;

        public StepResolver(KnownSymbols known, IAssemblySymbol assembly)
        {
            _known = known;
            _assembly = assembly;
        }

        public KnownSymbols Known => _known;

        /// <summary>The step <paramref name="method"/> declares, or <c>null</c> when it is not a step.</summary>
        public StepInfo? Resolve(IMethodSymbol method, CancellationToken cancellationToken) =>
            _steps.GetOrAdd(method, m => Build(m, cancellationToken));

        public TypeLayer LayerOf(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            _types.GetOrAdd(type, t => BuildTypeLayer(t, cancellationToken));

        /// <summary>The location of a single-argument attribute's first argument (or the attribute).</summary>
        public static Location? ArgumentLocation(AttributeData attribute, CancellationToken cancellationToken, out bool isStringLiteral)
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

        public static string? StringArgument(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                ? attribute.ConstructorArguments[0].Value as string
                : null;

        private StepInfo? Build(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType == null)
            {
                return null;
            }

            var attributes = method.GetAttributes();
            AttributeData? agentStep = null;
            var kernelFunction = false;
            var ours = false;
            foreach (var a in attributes)
            {
                if (KnownSymbols.Is(a.AttributeClass, _known.AgentStep))
                {
                    agentStep = a;
                }
                else if (KnownSymbols.Is(a.AttributeClass, _known.KernelFunction))
                {
                    kernelFunction = true;
                }

                ours |= _known.IsOurs(a.AttributeClass);
            }

            // Most methods are not steps: decide that before touching the class or assembly.
            if (agentStep == null && !kernelFunction)
            {
                return null;
            }

            var typeLayer = LayerOf(method.ContainingType, cancellationToken);
            if (agentStep == null && !ours && !typeLayer.HasOurAttributes)
            {
                return null;
            }

            var assemblyLayer = _assemblyLayer ??= BuildLayer(_assembly.GetAttributes(), null, cancellationToken);

            // Capability levels: assembly, then class, then method override per capability (as the runtime).
            var levels = new Dictionary<Capability, CapabilityLevel>(assemblyLayer.Levels);
            foreach (var pair in typeLayer.Levels)
            {
                levels[pair.Key] = pair.Value;
            }

            var methodLayer = BuildLayer(attributes, null, cancellationToken);
            foreach (var pair in methodLayer.Levels)
            {
                levels[pair.Key] = pair.Value;
            }

            var features = assemblyLayer.Features | typeLayer.Features | methodLayer.Features;
            var minContext = Math.Max(assemblyLayer.MinContext, Math.Max(typeLayer.MinContext, methodLayer.MinContext));

            StepVolume? volume = null;
            double? budget = null;
            Location? budgetLocation = null;
            Location? semanticCacheLocation = null;
            bool methodCache = false, methodNoCache = false, sideEffects = false;
            foreach (var a in attributes)
            {
                var c = a.AttributeClass;
                if (KnownSymbols.Is(c, _known.ExpectedVolume))
                {
                    volume = ReadVolume(a);
                }
                else if (KnownSymbols.Is(c, _known.Budget))
                {
                    budget = ReadDouble(a, 0);
                    budgetLocation = a.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
                }
                else if (KnownSymbols.Is(c, _known.SemanticCache))
                {
                    methodCache = true;
                    semanticCacheLocation = a.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
                }
                else if (KnownSymbols.Is(c, _known.NoCache))
                {
                    methodNoCache = true;
                }
                else if (KnownSymbols.Is(c, _known.HasSideEffects))
                {
                    sideEffects = true;
                }
            }

            var needs = new ModelNeeds(levels, features, minContext, volume?.InputTokens ?? 0, volume?.OutputTokens ?? 0);
            var info = new StepInfo(method, StepIdOf(method, agentStep), needs)
            {
                MethodBinding = methodLayer.UseModel,
                ClassBinding = methodLayer.UseModel == null ? typeLayer.UseModel : null,
                Volume = volume,
                BudgetUsdPerMonth = budget ?? typeLayer.Budget,
                BudgetLocation = budgetLocation,
                IsCached = (methodCache || typeLayer.SemanticCache) && !methodNoCache && !typeLayer.NoCache,
                IsCacheable = !methodNoCache && !typeLayer.NoCache && !sideEffects,
                SemanticCacheLocation = semanticCacheLocation,
                HasSideEffects = sideEffects,
            };
            return info;
        }

        private TypeLayer BuildTypeLayer(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            // Attributes are Inherited = true: a base class's declarations apply, the nearest one first.
            var own = BuildLayer(type.GetAttributes(), type, cancellationToken);
            var baseType = type.BaseType;
            if (baseType == null || baseType.SpecialType == SpecialType.System_Object)
            {
                return own;
            }

            var inherited = LayerOf(baseType, cancellationToken);
            foreach (var pair in inherited.Levels)
            {
                own.Levels[pair.Key] = own.Levels.TryGetValue(pair.Key, out var mine) && mine > pair.Value ? mine : pair.Value;
            }

            own.Features |= inherited.Features;
            own.MinContext = Math.Max(own.MinContext, inherited.MinContext);
            own.UseModel ??= inherited.UseModel;
            own.Budget ??= inherited.Budget;
            own.SemanticCache |= inherited.SemanticCache;
            own.NoCache |= inherited.NoCache;
            own.HasOurAttributes |= inherited.HasOurAttributes;
            return own;
        }

        private TypeLayer BuildLayer(IEnumerable<AttributeData> attributes, INamedTypeSymbol? type, CancellationToken cancellationToken)
        {
            var layer = new TypeLayer();
            foreach (var a in attributes)
            {
                var c = a.AttributeClass;
                if (c == null)
                {
                    continue;
                }

                layer.HasOurAttributes |= _known.IsOurs(c);
                if (KnownSymbols.Is(c, _known.Requires))
                {
                    var capability = ReadInt(a, 0);
                    var level = ReadInt(a, 1) ?? (int)CapabilityLevel.Standard;
                    if (capability.HasValue && Enum.IsDefined(typeof(Capability), capability.Value) && Enum.IsDefined(typeof(CapabilityLevel), level))
                    {
                        var cap = (Capability)capability.Value;
                        var lvl = (CapabilityLevel)level;
                        layer.Levels[cap] = layer.Levels.TryGetValue(cap, out var existing) && existing > lvl ? existing : lvl;
                    }
                }
                else if (KnownSymbols.Is(c, _known.RequiresFeatures))
                {
                    layer.Features |= (ModelFeatures)(ReadInt(a, 0) ?? 0);
                }
                else if (KnownSymbols.Is(c, _known.MinContextWindow))
                {
                    layer.MinContext = Math.Max(layer.MinContext, ReadInt(a, 0) ?? 0);
                }
                else if (KnownSymbols.Is(c, _known.UseModel))
                {
                    var id = StringArgument(a);
                    var location = ArgumentLocation(a, cancellationToken, out var literal);
                    if (!string.IsNullOrWhiteSpace(id) && location != null)
                    {
                        layer.UseModel = new ModelBinding(id!, location, literal);
                    }
                }
                else if (type != null && KnownSymbols.Is(c, _known.Budget))
                {
                    layer.Budget = ReadDouble(a, 0);
                }
                else if (type != null && KnownSymbols.Is(c, _known.SemanticCache))
                {
                    layer.SemanticCache = true;
                }
                else if (type != null && KnownSymbols.Is(c, _known.NoCache))
                {
                    layer.NoCache = true;
                }
            }

            return layer;
        }

        private static string StepIdOf(IMethodSymbol method, AttributeData? agentStep)
        {
            if (agentStep != null)
            {
                foreach (var named in agentStep.NamedArguments)
                {
                    if (named.Key == "Name" && named.Value.Value is string n && !string.IsNullOrWhiteSpace(n))
                    {
                        return n;
                    }
                }

                if (StringArgument(agentStep) is string ctorName && !string.IsNullOrWhiteSpace(ctorName))
                {
                    return ctorName;
                }
            }

            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5
                ? method.Name.Substring(0, method.Name.Length - 5)
                : method.Name;
            return method.ContainingType.Name + "." + name;
        }

        private static StepVolume? ReadVolume(AttributeData attribute)
        {
            double calls = 0;
            int input = 0, output = 0;
            foreach (var named in attribute.NamedArguments)
            {
                var value = ToDouble(named.Value);
                if (!value.HasValue || value.Value < 0 || double.IsNaN(value.Value))
                {
                    continue;
                }

                switch (named.Key)
                {
                    case "CallsPerDay": calls = value.Value; break;
                    case "InputTokens": input = (int)Math.Min(int.MaxValue, value.Value); break;
                    case "OutputTokens": output = (int)Math.Min(int.MaxValue, value.Value); break;
                }
            }

            return new StepVolume(calls, input, output);
        }

        private static int? ReadInt(AttributeData attribute, int index)
        {
            if (attribute.ConstructorArguments.Length <= index)
            {
                return null;
            }

            var arg = attribute.ConstructorArguments[index];
            return arg.Kind == TypedConstantKind.Enum || arg.Kind == TypedConstantKind.Primitive ? arg.Value as int? : null;
        }

        private static double? ReadDouble(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index ? ToDouble(attribute.ConstructorArguments[index]) : null;

        private static double? ToDouble(TypedConstant constant)
        {
            if (constant.Kind != TypedConstantKind.Primitive)
            {
                return null;
            }

            switch (constant.Value)
            {
                case double d: return d;
                case float f: return f;
                case int i: return i;
                case long l: return l;
                default: return null;
            }
        }
    }
}
