using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers.Tests.Infrastructure;

/// <summary>Source snippets, the test catalog and references shared by the analyzer tests.</summary>
internal static class TestSources
{
    /// <summary>
    /// The real attribute assembly, so tests exercise the attributes users write. It is copied beside the tests
    /// but not referenced by them (see the project file), so it is found by file name.
    /// </summary>
    public static MetadataReference Abstractions { get; } =
        MetadataReference.CreateFromFile(Path.Combine(AppContext.BaseDirectory, "AgentFramework.Abstractions.dll"));

    public const string Usings = """
        using System;
        using System.Threading.Tasks;
        using AgentFramework;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;

        """;

    /// <summary>
    /// Minimal stand-ins for Microsoft.Extensions.AI, Semantic Kernel and the OpenAI SDK (named as
    /// stand-ins: the analyzer recognises these types by full name only).
    /// </summary>
    public const string StandIns = """

        namespace Microsoft.Extensions.AI
        {
            public class ChatOptions { public string? ModelId { get; set; } }
        }

        namespace Microsoft.SemanticKernel
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class KernelFunctionAttribute : System.Attribute { }
            public class PromptExecutionSettings { public string? ModelId { get; set; } }
        }

        namespace Microsoft.SemanticKernel.Connectors.OpenAI
        {
            public sealed class OpenAIPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings { }
        }

        namespace OpenAI
        {
            public sealed class ChatClient { }
            public sealed class OpenAIClient { public ChatClient GetChatClient(string model) => new ChatClient(); }
        }
        """;

    /// <summary>
    /// A catalog override with three synthetic models priced far below any real model, so the
    /// expectations hold whatever the embedded catalog contains: each tier is 10x the one below.
    /// </summary>
    public const string TestCatalog = """
        {
          "models": [
            {"id":"af-small","provider":"test","inputPerMillion":0.0001,"outputPerMillion":0.0004,"contextWindow":128000,"maxOutputTokens":8000,
             "features":["toolCalling","structuredOutput"],
             "capabilities":{"classification":{"level":"standard"},"extraction":{"level":"standard"},"summarization":{"level":"basic"}}},
            {"id":"af-medium","provider":"test","inputPerMillion":0.001,"outputPerMillion":0.004,"contextWindow":200000,"maxOutputTokens":8000,
             "features":["toolCalling","structuredOutput","vision"],
             "capabilities":{"classification":{"level":"advanced"},"extraction":{"level":"advanced"},"summarization":{"level":"advanced"},
                             "writing":{"level":"advanced"},"reasoning":{"level":"standard"}}},
            {"id":"af-large","aliases":["af-large-2025"],"provider":"test","inputPerMillion":0.01,"outputPerMillion":0.04,"contextWindow":1000000,"maxOutputTokens":32000,
             "features":["toolCalling","structuredOutput","vision","promptCaching","reasoning"],
             "capabilities":{"classification":{"level":"frontier"},"extraction":{"level":"frontier"},"summarization":{"level":"frontier"},
                             "translation":{"level":"frontier"},"writing":{"level":"frontier"},"conversation":{"level":"frontier"},
                             "reasoning":{"level":"frontier"},"math":{"level":"frontier"},"coding":{"level":"frontier"},"toolUse":{"level":"frontier"}}}
          ]
        }
        """;

    /// <summary>Wraps a snippet with the usings and the stand-in types.</summary>
    public static string Code(string body) => Usings + body + StandIns;
}
