using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace AgentFramework.SemanticKernel.Tests.Fakes;

/// <summary>Plain Semantic Kernel functions whose needs are declared once, on the class.</summary>
[Requires(Capability.Translation, CapabilityLevel.Basic)]
public sealed class TranslatorPlugin
{
    [KernelFunction, Description("Translate to English")]
    public static string ToEnglish(string text) => text;
}
