using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AgentFramework.Catalog;

namespace AgentFramework.Steps.Resolution;

/// <summary>A parameter whose value is part of the cache scope.</summary>
internal sealed class ResolvedScopeParameter
{
    /// <summary>Creates the parameter.</summary>
    public ResolvedScopeParameter(string parameterName, string scopeField, int position, bool isTenantScope)
    {
        ParameterName = parameterName;
        ScopeField = scopeField;
        Position = position;
        IsTenantScope = isTenantScope;
    }

    /// <summary>The parameter name.</summary>
    public string ParameterName { get; }

    /// <summary>The scope field (the parameter name unless <c>[CacheKey(Name = …)]</c>).</summary>
    public string ScopeField { get; }

    /// <summary>The parameter position.</summary>
    public int Position { get; }

    /// <summary>True for <c>[CacheScope]</c> (tenant/user identity), false for <c>[CacheKey]</c>.</summary>
    public bool IsTenantScope { get; }
}
