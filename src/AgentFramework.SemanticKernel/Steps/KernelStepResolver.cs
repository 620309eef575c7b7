using AgentFramework.Runtime;
using AgentFramework.Steps;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Steps;

/// <summary>Works out the <see cref="StepContext"/> a kernel function call runs in.</summary>
internal static class KernelStepResolver
{
    /// <summary>
    /// The step of <paramref name="function"/> called with <paramref name="arguments"/>, or <c>null</c> when it is
    /// not a step. Precedence: <see cref="StepKernelArguments.WithStep"/>, then the function's metadata, then
    /// its underlying method's attributes. The tenant comes from a <see cref="CacheScopeAttribute"/> parameter,
    /// else <see cref="StepKernelArguments.WithTenant"/>, else the enclosing step (a tool call made for a
    /// tenant's request belongs to that tenant).
    /// </summary>
    public static StepContext? Resolve(KernelFunction function, KernelArguments? arguments, StepContext? outer)
    {
        var tenant = StepKernelArguments.GetString(arguments, StepKernelArguments.TenantArgument) ?? outer?.TenantScope;
        var conversation = StepKernelArguments.GetString(arguments, StepKernelArguments.ConversationArgument);

        if (arguments?.GetStep() is { } explicitStep)
        {
            return new StepContext(explicitStep, tenantScope: tenant, conversationId: conversation);
        }

        var method = function.GetStepMethod();
        if (method is not null)
        {
            var parameters = method.GetParameters();
            var values = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                if (arguments is not null && parameters[i].Name is { } name && arguments.TryGetValue(name, out var value))
                {
                    values[i] = value;
                }
            }

            return StepContextFactory.Create(method, values, new StepInvocation(tenant, conversation));
        }

        return function.GetStepRequirements() is { } step ? new StepContext(step, tenantScope: tenant, conversationId: conversation) : null;
    }
}
