using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentFramework.Analyzers.Rules;

/// <summary>
/// The cache-safety rule: a cached step must not have side effects, and a cacheable step whose parameter names a
/// user or tenant must make that parameter part of the cache scope. AGF0006.
/// </summary>
/// <remarks>Every callback swallows unexpected exceptions: half-typed code must never produce AD0001.</remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheSafetyAnalyzer : StepRuleAnalyzer
{
    /// <summary>AGF0006: unsafe cache.</summary>
    internal static readonly DiagnosticDescriptor UnsafeCache = DiagnosticDescriptors.Create(
        RuleIdentifiers.UnsafeCache,
        "Cached step may serve the wrong answer",
        "Step '{0}' is unsafe to cache: {1}",
        DiagnosticDescriptors.CachingCategory,
        DiagnosticSeverity.Warning,
        "A step with side effects must not be answered from a cache (the side effect would be skipped), and a cached step whose parameters identify a user or tenant must make that identifier part of the cache scope, or one user's answer is served to another.");

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(UnsafeCache);

    private static readonly string[] IdentityStems =
    {
        "user", "tenant", "customer", "account", "org", "organization", "organisation", "member", "owner",
        "principal", "subscriber", "client", "employee", "patient", "person", "workspace", "company",
    };

    private static readonly string[] IdentitySuffixes = { "id", "key", "name", "email", "guid", "no", "number" };

    // Every normalized name that reads as an identity, built once: one look-up per parameter instead of
    // concatenating each stem with each suffix for every parameter of every step.
    private static readonly HashSet<string> IdentityNames = BuildIdentityNames();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    /// <summary>
    /// True when a parameter name reads as a user, tenant or customer identity: letters and digits only,
    /// lower-cased, it is <c>email</c>, <c>upn</c>, <c>userprincipalname</c>, a stem (<c>user</c>, <c>tenant</c>, …)
    /// or a stem followed by a suffix (<c>id</c>, <c>key</c>, <c>name</c>, …).
    /// </summary>
    internal static bool LooksLikeIdentity(string name) => IdentityNames.Contains(Normalize(name));

    /// <inheritdoc />
    private protected override void OnStepCompilationStart(CompilationStartAnalysisContext context, StepCache steps)
    {
        var state = new CompilationState(steps);
        context.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
    }

    /// <summary>Letters and digits of <paramref name="name"/>, lower-cased (the name itself when it already is).</summary>
    private static string Normalize(string name)
    {
        var clean = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) || char.ToLowerInvariant(c) != c)
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static HashSet<string> BuildIdentityNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "email", "upn", "userprincipalname" };
        foreach (var stem in IdentityStems)
        {
            names.Add(stem);
            foreach (var suffix in IdentitySuffixes)
            {
                names.Add(stem + suffix);
            }
        }

        return names;
    }

    /// <summary>Per-compilation state shared by the actions (thread-safe).</summary>
    private sealed class CompilationState
    {
        private readonly StepCache _steps;

        public CompilationState(StepCache steps)
        {
            _steps = steps;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            try
            {
                if (!(context.Symbol is IMethodSymbol method) || method.Locations.Length == 0 || IsPartialImplementation(method) ||
                    !(_steps.DeclaredStep(method, context.CancellationToken) is StepInfo step))
                {
                    return;
                }

                CheckCache(_steps.Generated.OutsideGeneratedFiles(context.ReportDiagnostic, context.CancellationToken), step, method.Locations[0]);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                AnalyzerGuard.NoteSwallowed();
            }
        }

        private void CheckCache(Action<Diagnostic> report, StepInfo step, Location stepLocation)
        {
            if (step.IsCached && step.HasSideEffects)
            {
                report(Diagnostic.Create(
                    UnsafeCache,
                    step.SemanticCacheLocation ?? stepLocation,
                    step.StepId,
                    "it is marked [HasSideEffects] and [SemanticCache]; a cached answer would skip the side effect, so remove [SemanticCache] (or use [NoCache])"));
                return;
            }

            // The runtime cache fronts every step without [NoCache]/[HasSideEffects], so identity parameters matter
            // on those steps whether or not they carry [SemanticCache].
            if (!step.IsCacheable)
            {
                return;
            }

            var known = _steps.Known;
            foreach (var parameter in step.Method.Parameters)
            {
                if (!LooksLikeIdentity(parameter.Name) || parameter.Locations.Length == 0)
                {
                    continue;
                }

                // Marked here, or on the interface or overridden method's parameter (the resolver merged those).
                var scoped = IsScopeParameter(parameter, known) || IsResolvedScopeParameter(step, parameter.Ordinal);
                if (!scoped)
                {
                    report(Diagnostic.Create(
                        UnsafeCache,
                        parameter.Locations[0],
                        step.StepId,
                        "parameter '" + parameter.Name + "' looks like a user or tenant identifier but is not part of the cache scope; mark it [CacheScope] (or [CacheKey]) so one user's cached answer is never served to another"));
                }
            }
        }

        private static bool IsScopeParameter(IParameterSymbol parameter, KnownSymbols known)
        {
            foreach (var a in parameter.GetAttributes())
            {
                if (KnownSymbols.Is(a.AttributeClass, known.CacheScope) || KnownSymbols.Is(a.AttributeClass, known.CacheKey))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsResolvedScopeParameter(StepInfo step, int ordinal)
        {
            foreach (var p in step.Resolved.ScopeParameters)
            {
                if (p.Position == ordinal)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
