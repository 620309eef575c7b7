using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgentFramework.Catalog;

namespace AgentFramework.Steps.Resolution;

/// <summary>
/// The one implementation of what a step's attributes mean, compiled into the runtime (fed by reflection)
/// and the analyzer (fed by Roslyn symbols), so build-time and run-time verdicts cannot drift apart.
/// </summary>
/// <remarks>
/// <para><b>Precedence</b>, highest first: the step method (together with the methods it overrides) &gt; the
/// interface method(s) it implements &gt; its class (together with base classes) &gt; the assembly.</para>
/// <list type="bullet">
/// <item><c>[Requires]</c>: per capability, the highest layer that names the capability sets its level; within one
/// layer the strongest declaration wins. <c>CapabilityLevel.None</c> in a higher layer cancels a lower one.</item>
/// <item><c>[RequiresFeatures]</c> are combined from every layer; the largest <c>[MinContextWindow]</c> applies.</item>
/// <item><c>[UseModel]</c>, <c>[Budget]</c>, <c>[SemanticCache]</c>, <c>[ExpectedVolume]</c> and the
/// <c>[AgentStep]</c> <c>Name</c>/<c>Description</c>: the nearest declaration wins.</item>
/// <item><c>[NoCache]</c> and <c>[HasSideEffects]</c> apply wherever they are written (turning a cache off is never overridden).</item>
/// <item><c>[CacheScope]</c>/<c>[CacheKey]</c> on a parameter of the method or of the interface method apply;
/// the method's <c>[CacheKey(Name)]</c> wins.</item>
/// </list>
/// <para>Two interface methods that the same method implements and that declare a single-valued attribute
/// differently are a conflict (an error) unless the method itself declares it.</para>
/// <para>The default step id is <c>{DeclaringType}.{Method}</c> without an <c>Async</c> suffix, of the method that
/// runs (for an interface-declared step, the implementing class's method).</para>
/// <para><b>Invalid values</b> (undefined enum values, non-positive budget or context window, negative or
/// non-finite volume, a threshold outside [0, 1], a negative TTL, an empty step id, model id or cache-key
/// name, two parameters on one scope field, a scope parameter whose values all print the same) are
/// reported in <see cref="ResolvedStep.Errors"/> and the attribute concerned is ignored. The analyzer reports
/// them as AGF0008; the runtime refuses the step at startup.</para>
/// </remarks>
internal static class StepDeclarationResolver
{
    private const int BudgetPolicyRefuse = 0;
    private const int BudgetPolicyDowngrade = 1;

    private static readonly ModelFeatures AllFeatures = Enum.GetValues(typeof(ModelFeatures)).Cast<ModelFeatures>().Aggregate(ModelFeatures.None, (a, f) => a | f);

    /// <summary>The default step id of a method: <c>{TypeName}.{MethodName}</c> without an <c>Async</c> suffix.</summary>
    public static string DefaultStepId(string typeName, string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
        return typeName + "." + name;
    }

    /// <summary>Resolves what <paramref name="declaration"/> declares.</summary>
    public static ResolvedStep Resolve(StepDeclaration declaration)
    {
        var context = new Context(declaration);
        return context.Resolve();
    }

    private sealed class Layer
    {
        // The parts of Where: it is only spelled out for an error, and most steps have none.
        private readonly string _label;
        private readonly StepMember? _member;
        private readonly string? _name;

        public Layer(StepSite site, StepMember member)
        {
            Site = site;
            _label = "method";
            _member = member;
            Attributes = member.Attributes;
        }

        public Layer(StepSite site, string label, string? name, IReadOnlyList<StepAttributeData> attributes)
        {
            Site = site;
            _label = label;
            _name = name;
            Attributes = attributes;
        }

        public StepSite Site { get; }

        /// <summary>"method 'A.M'", "class 'A'", "the assembly": how messages name the declaration.</summary>
        public string Where =>
            _member != null ? _label + " '" + _member.DisplayName + "'" : _name != null ? _label + " '" + _name + "'" : _label;

        public IReadOnlyList<StepAttributeData> Attributes { get; }

        public StepAttributeData? Find(StepAttributeKind kind)
        {
            foreach (var a in Attributes)
            {
                if (a.Kind == kind)
                {
                    return a;
                }
            }

            return null;
        }
    }

    private sealed class Found
    {
        public Found(StepAttributeData attribute, Layer layer)
        {
            Attribute = attribute;
            Layer = layer;
        }

        public StepAttributeData Attribute { get; }

        public Layer Layer { get; }
    }

    private sealed class Context
    {
        private readonly StepDeclaration _d;
        private readonly List<StepDeclarationError> _errors = new List<StepDeclarationError>();
        private readonly List<Layer> _methodChain = new List<Layer>();
        private readonly List<Layer> _interfaces = new List<Layer>();
        private readonly List<StepMember> _interfaceMembers;
        private readonly List<Layer> _types = new List<Layer>();
        private readonly Layer _assembly;

        public Context(StepDeclaration declaration)
        {
            _d = declaration;
            _methodChain.Add(new Layer(StepSite.Method, declaration.Method));
            foreach (var m in declaration.Overridden)
            {
                _methodChain.Add(new Layer(StepSite.Overridden, m));
            }

            // Adapters enumerate interfaces in their own order: sort so messages and tie-breaks never depend on it.
            _interfaceMembers = new List<StepMember>(declaration.InterfaceMembers);
            if (_interfaceMembers.Count > 1)
            {
                _interfaceMembers = _interfaceMembers.OrderBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
            }

            foreach (var m in _interfaceMembers)
            {
                // Named like any method: an interface method that is a step of its own reports the same error with the same text.
                _interfaces.Add(new Layer(StepSite.Interface, m));
            }

            foreach (var t in declaration.TypeChain)
            {
                _types.Add(new Layer(StepSite.Type, "class", t.TypeName, t.Attributes));
            }

            _assembly = new Layer(StepSite.Assembly, "the assembly", null, declaration.Assembly);
        }

        public ResolvedStep Resolve()
        {
            var result = new ResolvedStep();
            var agentStepOnMethodChain = AnyFind(_methodChain, StepAttributeKind.AgentStep);
            var agentStepOnInterface = AnyFind(_interfaces, StepAttributeKind.AgentStep);
            var kernelFunction = AnyFind(_methodChain, StepAttributeKind.KernelFunction);
            var ours = AnyMarksStep(_methodChain) || AnyMarksStep(_interfaces) || AnyMarksStep(_types);
            result.IsStep = agentStepOnMethodChain || agentStepOnInterface || (kernelFunction && ours);
            result.DeclaresStep = result.IsStep &&
                (_methodChain[0].Find(StepAttributeKind.AgentStep) != null || _methodChain[0].Find(StepAttributeKind.KernelFunction) != null);

            result.StepId = AgentStepText("Name", allowCtorArgument: true, mustNotBeBlank: true)
                ?? DefaultStepId(_d.Method.TypeName, _d.Method.MethodName);
            result.Description = AgentStepText("Description", allowCtorArgument: false, mustNotBeBlank: false);

            var levels = ResolveLevels();
            var features = ModelFeatures.None;
            var minContext = 0;
            foreach (var layer in AllLayers())
            {
                foreach (var a in layer.Attributes)
                {
                    if (a.Kind == StepAttributeKind.RequiresFeatures && TryInt(a.Argument(0), out var f))
                    {
                        if ((f & ~(int)AllFeatures) != 0)
                        {
                            Error(layer, a, string.Format(CultureInfo.InvariantCulture, "declares an undefined feature: RequiresFeatures((ModelFeatures){0}); use the ModelFeatures flags", f));
                        }
                        else
                        {
                            features |= (ModelFeatures)f;
                        }
                    }
                    else if (a.Kind == StepAttributeKind.MinContextWindow && TryInt(a.Argument(0), out var tokens))
                    {
                        if (tokens <= 0)
                        {
                            Error(layer, a, string.Format(CultureInfo.InvariantCulture, "declares MinContextWindow({0}); it must be positive", tokens));
                        }
                        else
                        {
                            minContext = Math.Max(minContext, tokens);
                        }
                    }
                }
            }

            ResolveBinding(result);
            ResolveVolume(result);
            ResolveBudget(result);
            ResolveCache(result);
            result.ScopeParameters = ResolveScopeParameters();
            result.Needs = new ModelNeeds(levels, features, minContext, result.InputTokens, result.OutputTokens);
            result.Errors = _errors;
            return result;
        }

        private static bool AnyFind(List<Layer> layers, StepAttributeKind kind)
        {
            foreach (var layer in layers)
            {
                if (layer.Find(kind) != null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyMarksStep(List<Layer> layers)
        {
            foreach (var layer in layers)
            {
                foreach (var a in layer.Attributes)
                {
                    if (StepAttributeData.MarksStep(a.Kind))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private IEnumerable<Layer> AllLayers()
        {
            foreach (var l in _methodChain)
            {
                yield return l;
            }

            foreach (var l in _interfaces)
            {
                yield return l;
            }

            foreach (var l in _types)
            {
                yield return l;
            }

            yield return _assembly;
        }

        private void Error(Layer layer, StepAttributeData? attribute, string problem, int? parameter = null) =>
            _errors.Add(new StepDeclarationError(layer.Where + " " + problem + ".", layer.Site, attribute, parameter));

        /// <summary>The nearest explicit <c>[AgentStep]</c> Name or Description (method chain, then interfaces).</summary>
        private string? AgentStepText(string property, bool allowCtorArgument, bool mustNotBeBlank)
        {
            foreach (var layer in _methodChain)
            {
                if (layer.Find(StepAttributeKind.AgentStep) is StepAttributeData a && Explicit(a, layer) is string value)
                {
                    return value;
                }
            }

            string? chosen = null;
            Layer? chosenLayer = null;
            foreach (var layer in _interfaces)
            {
                if (layer.Find(StepAttributeKind.AgentStep) is StepAttributeData a && Explicit(a, layer) is string value)
                {
                    if (chosen == null)
                    {
                        chosen = value;
                        chosenLayer = layer;
                    }
                    else if (!string.Equals(chosen, value, StringComparison.Ordinal))
                    {
                        Error(layer, null, string.Format(
                            CultureInfo.InvariantCulture,
                            "declares [AgentStep] {0} \"{1}\" while {2} declares \"{3}\" for the same method '{4}'; declare it on '{4}' to choose",
                            property,
                            value,
                            chosenLayer!.Where,
                            chosen,
                            _d.Method.DisplayName));
                    }
                }
            }

            return chosen;

            string? Explicit(StepAttributeData a, Layer layer)
            {
                object? raw = a.HasNamed(property) ? a.Named(property) : allowCtorArgument ? a.Argument(0) : null;
                if (!(raw is string text))
                {
                    return null;
                }

                if (mustNotBeBlank && text.Trim().Length == 0)
                {
                    Error(layer, a, "declares an empty step id ([AgentStep(\"" + text + "\")]); give it a name, or remove it to use the default '"
                        + DefaultStepId(_d.Method.TypeName, _d.Method.MethodName) + "'");
                    return null;
                }

                return text;
            }
        }

        private Dictionary<Capability, CapabilityLevel> ResolveLevels()
        {
            // Lowest precedence first; each higher layer overrides per capability.
            var levels = new Dictionary<Capability, CapabilityLevel>();
            Apply(levels, Merge(new[] { _assembly }));
            Apply(levels, Merge(_types));
            Apply(levels, Merge(_interfaces));
            Apply(levels, Merge(_methodChain));
            return levels;
        }

        private static void Apply(Dictionary<Capability, CapabilityLevel> levels, Dictionary<Capability, CapabilityLevel> layer)
        {
            foreach (var pair in layer)
            {
                levels[pair.Key] = pair.Value;
            }
        }

        /// <summary>The strongest level per capability across <paramref name="layers"/>, which count as one layer.</summary>
        private Dictionary<Capability, CapabilityLevel> Merge(IEnumerable<Layer> layers)
        {
            var merged = new Dictionary<Capability, CapabilityLevel>();
            foreach (var layer in layers)
            {
                foreach (var a in layer.Attributes)
                {
                    if (a.Kind != StepAttributeKind.Requires || !TryInt(a.Argument(0), out var capability))
                    {
                        continue;
                    }

                    var level = TryInt(a.Argument(1), out var l) ? l : (int)CapabilityLevel.Standard;
                    if (!Enum.IsDefined(typeof(Capability), capability) || !Enum.IsDefined(typeof(CapabilityLevel), level))
                    {
                        Error(layer, a, string.Format(
                            CultureInfo.InvariantCulture,
                            "declares an undefined capability or level: Requires({0}, {1}); use the Capability and CapabilityLevel values",
                            Enum.IsDefined(typeof(Capability), capability) ? "Capability." + (Capability)capability : "(Capability)" + capability,
                            Enum.IsDefined(typeof(CapabilityLevel), level) ? "CapabilityLevel." + (CapabilityLevel)level : "(CapabilityLevel)" + level));
                        continue;
                    }

                    var cap = (Capability)capability;
                    var lvl = (CapabilityLevel)level;
                    merged[cap] = merged.TryGetValue(cap, out var existing) && existing > lvl ? existing : lvl;
                }
            }

            return merged;
        }

        /// <summary>
        /// The nearest declaration of a single-valued attribute: the method chain, then the interfaces (which must
        /// agree), then (when <paramref name="includeTypes"/>) the class chain.
        /// </summary>
        private Found? Nearest(StepAttributeKind kind, bool includeTypes)
        {
            foreach (var layer in _methodChain)
            {
                if (layer.Find(kind) is StepAttributeData a)
                {
                    return new Found(a, layer);
                }
            }

            Found? first = null;
            foreach (var layer in _interfaces)
            {
                if (layer.Find(kind) is StepAttributeData a)
                {
                    if (first == null)
                    {
                        first = new Found(a, layer);
                    }
                    else if (!string.Equals(first.Attribute.ArgumentText(), a.ArgumentText(), StringComparison.Ordinal))
                    {
                        // No attribute: the conflict belongs to the implementing method, where it is resolved.
                        Error(layer, null, string.Format(
                            CultureInfo.InvariantCulture,
                            "declares [{0}({1})] while {2} declares [{0}({3})] for the same method '{4}'; declare it on '{4}' to choose",
                            kind,
                            a.ArgumentText(),
                            first.Layer.Where,
                            first.Attribute.ArgumentText(),
                            _d.Method.DisplayName));
                    }
                }
            }

            if (first != null || !includeTypes)
            {
                return first;
            }

            foreach (var layer in _types)
            {
                if (layer.Find(kind) is StepAttributeData a)
                {
                    return new Found(a, layer);
                }
            }

            return null;
        }

        private bool AnyOf(StepAttributeKind kind, bool includeTypes) =>
            AnyFind(_methodChain, kind) || AnyFind(_interfaces, kind) || (includeTypes && AnyFind(_types, kind));

        private void ResolveBinding(ResolvedStep result)
        {
            var found = Nearest(StepAttributeKind.UseModel, includeTypes: true);
            if (found == null || !(found.Attribute.Argument(0) is string id))
            {
                return;
            }

            if (id.Trim().Length == 0)
            {
                Error(found.Layer, found.Attribute, "declares [UseModel] with an empty model id; name a catalog model, or remove [UseModel] to let the router choose");
                return;
            }

            result.BoundModelId = id;
            result.Binding = found.Attribute;
            result.BindingSite = found.Layer.Site;
        }

        private void ResolveVolume(ResolvedStep result)
        {
            var found = Nearest(StepAttributeKind.ExpectedVolume, includeTypes: false);
            if (found == null)
            {
                return;
            }

            var a = found.Attribute;
            var calls = TryDouble(a.Named("CallsPerDay"), out var c) ? c : 0;
            var input = TryInt(a.Named("InputTokens"), out var i) ? i : 0;
            var output = TryInt(a.Named("OutputTokens"), out var o) ? o : 0;
            if (double.IsNaN(calls) || double.IsInfinity(calls) || calls < 0 || input < 0 || output < 0)
            {
                Error(found.Layer, a, string.Format(
                    CultureInfo.InvariantCulture,
                    "declares ExpectedVolume(CallsPerDay = {0}, InputTokens = {1}, OutputTokens = {2}); each must be a finite number, zero or more",
                    StepText.Number(calls),
                    input,
                    output));
                return;
            }

            result.HasVolume = true;
            result.CallsPerDay = calls;
            result.InputTokens = input;
            result.OutputTokens = output;
        }

        private void ResolveBudget(ResolvedStep result)
        {
            var found = Nearest(StepAttributeKind.Budget, includeTypes: true);
            if (found == null || !TryDouble(found.Attribute.Argument(0), out var usd))
            {
                return;
            }

            var policy = TryInt(found.Attribute.Named("Policy"), out var p) ? p : BudgetPolicyRefuse;
            if (!(usd > 0) || double.IsInfinity(usd))
            {
                Error(found.Layer, found.Attribute, "declares Budget(" + StepText.Number(usd) + "); it must be a positive number of US dollars per month");
                return;
            }

            if (policy != BudgetPolicyRefuse && policy != BudgetPolicyDowngrade)
            {
                Error(found.Layer, found.Attribute, string.Format(CultureInfo.InvariantCulture, "declares an undefined budget policy (BudgetPolicy){0}; use BudgetPolicy.Refuse or BudgetPolicy.Downgrade", policy));
                return;
            }

            result.BudgetUsdPerMonth = usd;
            result.BudgetPolicy = policy;
            result.BudgetAttribute = found.Attribute;
            result.BudgetSite = found.Layer.Site;
        }

        private void ResolveCache(ResolvedStep result)
        {
            result.NoCache = AnyOf(StepAttributeKind.NoCache, includeTypes: true);
            result.HasSideEffects = AnyOf(StepAttributeKind.HasSideEffects, includeTypes: false);
            var found = Nearest(StepAttributeKind.SemanticCache, includeTypes: true);
            double? threshold = null;
            int? ttl = null;
            var semantic = true;
            if (found != null)
            {
                result.SemanticCache = found.Attribute;
                result.SemanticCacheSite = found.Layer.Site;
                var a = found.Attribute;
                var t = TryDouble(a.Named("Threshold"), out var td) ? td : 0;
                var seconds = TryInt(a.Named("TtlSeconds"), out var s) ? s : 0;
                semantic = !(a.Named("ExactOnly") is bool exact && exact);
                if (double.IsNaN(t) || t < 0 || t > 1)
                {
                    Error(found.Layer, a, "declares SemanticCache(Threshold = " + StepText.Number(t) + "); it must be in (0, 1], or 0 for the cache's default");
                }
                else if (t > 0)
                {
                    threshold = t;
                }

                if (seconds < 0)
                {
                    Error(found.Layer, a, "declares SemanticCache(TtlSeconds = " + seconds.ToString(CultureInfo.InvariantCulture) + "); it must not be negative (0 means the cache's default)");
                }
                else if (seconds > 0)
                {
                    ttl = seconds;
                }
            }

            if (!result.IsCacheable)
            {
                result.CacheEnabled = false;
                result.CacheSemantic = false;
                return;
            }

            result.CacheEnabled = true;
            result.CacheSemantic = semantic;
            result.CacheThreshold = threshold;
            result.CacheTtlSeconds = ttl;
            result.CacheExplicit = found != null;
        }

        private List<ResolvedScopeParameter> ResolveScopeParameters()
        {
            var result = new List<ResolvedScopeParameter>();
            var members = new List<KeyValuePair<Layer, StepMember>>();
            members.Add(new KeyValuePair<Layer, StepMember>(_methodChain[0], _d.Method));
            for (var i = 0; i < _d.Overridden.Count; i++)
            {
                members.Add(new KeyValuePair<Layer, StepMember>(_methodChain[i + 1], _d.Overridden[i]));
            }

            for (var i = 0; i < _interfaceMembers.Count; i++)
            {
                members.Add(new KeyValuePair<Layer, StepMember>(_interfaces[i], _interfaceMembers[i]));
            }

            foreach (var p in _d.Parameters)
            {
                var tenant = false;
                StepAttributeData? key = null;
                Layer? keyLayer = null;
                Layer? scopeLayer = null;
                foreach (var pair in members)
                {
                    foreach (var a in pair.Value.Parameter(p.Position))
                    {
                        if (a.Kind == StepAttributeKind.CacheScope)
                        {
                            tenant = true;
                            scopeLayer = scopeLayer ?? pair.Key;
                        }
                        else if (a.Kind == StepAttributeKind.CacheKey && key == null)
                        {
                            key = a;
                            keyLayer = pair.Key;
                        }
                    }
                }

                ResolvedScopeParameter scoped;
                if (tenant)
                {
                    scoped = new ResolvedScopeParameter(p.Name, p.Name, p.Position, isTenantScope: true);
                }
                else if (key != null)
                {
                    var name = key.HasNamed("Name") ? key.Named("Name") as string : null;
                    if (name != null && name.Trim().Length == 0)
                    {
                        Error(keyLayer!, key, "declares [CacheKey(Name = \"" + name + "\")] on parameter '" + p.Name + "'; give the scope field a name, or remove Name to use the parameter name", p.Position);
                        name = null;
                    }

                    scoped = new ResolvedScopeParameter(p.Name, name ?? p.Name, p.Position, isTenantScope: false);
                }
                else
                {
                    continue;
                }

                if (p.ValueText == ScopeValueText.Unstable)
                {
                    Error(
                        scopeLayer ?? keyLayer!,
                        null,
                        "marks parameter '" + p.Name + "' of type '" + p.TypeName + "' as part of the cache scope, but that type neither overrides ToString() nor implements IFormattable, so every value gives the same scope text and one caller's cached answer could be served to another; pass an identifier (string, number, Guid) or override ToString()",
                        p.Position);
                    continue;
                }

                result.Add(scoped);
            }

            // Two keyed parameters are needed for a clash.
            var groups = result.Count < 2
                ? Enumerable.Empty<IGrouping<string, ResolvedScopeParameter>>()
                : result.Where(s => !s.IsTenantScope).GroupBy(s => s.ScopeField, StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var list = group.ToList();
                if (list.Count > 1)
                {
                    Error(
                        _methodChain[0],
                        null,
                        "maps parameters " + string.Join(" and ", list.Select(s => "'" + s.ParameterName + "'")) + " to the same cache scope field '" + group.Key
                            + "', so the scope cannot be formed; give each [CacheKey] its own Name",
                        list[1].Position);
                }
            }

            return result;
        }
    }

    private static bool TryInt(object? value, out int result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case short s: result = s; return true;
            case byte b: result = b; return true;
            case long l when l >= int.MinValue && l <= int.MaxValue: result = (int)l; return true;
            default: result = 0; return false;
        }
    }

    private static bool TryDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case int i: result = i; return true;
            case long l: result = l; return true;
            default: result = 0; return false;
        }
    }
}
