using System.ComponentModel.DataAnnotations;
using AgentFramework.SemanticKernel.Selection;
using AgentFramework.Steps;

namespace AgentFramework.SemanticKernel.DependencyInjection;

/// <summary>Options for hosting AgentFramework in Semantic Kernel.</summary>
public sealed class AgentFrameworkKernelOptions
{
    /// <summary>
    /// The step id of chat calls made outside any step (e.g. a direct <c>ChatHistory</c> call with no step bound).
    /// <value>Defaults to <c>"SemanticKernel.Chat"</c>.</value>
    /// </summary>
    [Required]
    public string DefaultStepId { get; set; } = "SemanticKernel.Chat";

    /// <summary>
    /// The requirements of chat calls made outside any step.
    /// <value>Defaults to <c>null</c>: a step named <see cref="DefaultStepId"/> with no declared needs, which the router sends to the cheapest registered model.</value>
    /// </summary>
    public StepRequirements? DefaultStep { get; set; }

    /// <summary>
    /// Whether the chat service runs Semantic Kernel's automatic function calling
    /// (<c>UseKernelFunctionInvocation()</c>) when execution settings ask for it.
    /// <value>Defaults to <c>true</c>.</value>
    /// </summary>
    public bool EnableFunctionInvocation { get; set; } = true;

    /// <summary>
    /// Whether to register <see cref="CapabilityServiceSelector"/> as the kernel's <c>IAIServiceSelector</c>.
    /// <value>Defaults to <c>true</c>.</value>
    /// </summary>
    public bool UseCapabilitySelector { get; set; } = true;
}
