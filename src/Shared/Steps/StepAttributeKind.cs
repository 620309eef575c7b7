using System;
using System.Collections.Generic;

namespace AgentFramework.Steps.Resolution;

/// <summary>The attributes step resolution reads. Adapters map attribute types to these by full name or symbol.</summary>
internal enum StepAttributeKind
{
    /// <summary><c>AgentFramework.AgentStepAttribute</c>.</summary>
    AgentStep,

    /// <summary><c>AgentFramework.RequiresAttribute</c>.</summary>
    Requires,

    /// <summary><c>AgentFramework.RequiresFeaturesAttribute</c>.</summary>
    RequiresFeatures,

    /// <summary><c>AgentFramework.MinContextWindowAttribute</c>.</summary>
    MinContextWindow,

    /// <summary><c>AgentFramework.UseModelAttribute</c>.</summary>
    UseModel,

    /// <summary><c>AgentFramework.ExpectedVolumeAttribute</c>.</summary>
    ExpectedVolume,

    /// <summary><c>AgentFramework.BudgetAttribute</c>.</summary>
    Budget,

    /// <summary><c>AgentFramework.SemanticCacheAttribute</c>.</summary>
    SemanticCache,

    /// <summary><c>AgentFramework.NoCacheAttribute</c>.</summary>
    NoCache,

    /// <summary><c>AgentFramework.HasSideEffectsAttribute</c>.</summary>
    HasSideEffects,

    /// <summary><c>AgentFramework.CacheKeyAttribute</c> (parameters).</summary>
    CacheKey,

    /// <summary><c>AgentFramework.CacheScopeAttribute</c> (parameters).</summary>
    CacheScope,

    /// <summary><c>Microsoft.SemanticKernel.KernelFunctionAttribute</c>.</summary>
    KernelFunction,
}
