using System;

namespace AgentFramework
{
    /// <summary>
    /// Binds a step (or every step of a class) to one catalog model, bypassing cost-based routing.
    /// </summary>
    /// <remarks>
    /// <para>The analyzer reports a warning when the bound model costs several times more than the
    /// cheapest model meeting the declared needs (AGF0001), and an error when it lacks a declared
    /// capability or feature (AGF0002). Its code fix rewrites the id.</para>
    /// <para>At run time a bound step is always sent to this model (it must be registered); fallback
    /// on failure still goes to the next cheapest sufficient model.</para>
    /// <example>
    /// <code>
    /// [AgentStep, Requires(Capability.Reasoning, CapabilityLevel.Frontier)]
    /// [UseModel("claude-opus-4-1")]
    /// public Task&lt;string&gt; EscalateAsync(string caseFile) { ... }
    /// </code>
    /// </example>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
    public sealed class UseModelAttribute : Attribute
    {
        /// <summary>Binds to <paramref name="modelId"/>.</summary>
        /// <param name="modelId">A catalog model id or alias, e.g. <c>"gpt-4.1-mini"</c>.</param>
        public UseModelAttribute(string modelId)
        {
            ModelId = modelId;
        }

        /// <summary>The bound model id or alias.</summary>
        public string ModelId { get; }
    }
}
