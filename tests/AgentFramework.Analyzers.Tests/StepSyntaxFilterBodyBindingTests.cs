using AgentFramework.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AgentFramework.Analyzers.Tests;

/// <summary>
/// Which methods may bind a model id in their body is answered once per syntax tree, shared by the rule families,
/// from a search of its text for the two names (a walk of every node when an identifier may be spelled with an escape); and a step's parameter attributes are read from its method's declaration. Both are shortcuts for
/// speed: these tests pin that they answer what the per-method look they replaced answered.
/// </summary>
public sealed class StepSyntaxFilterBodyBindingTests
{
    [Fact]
    public async Task MayBindInBody_AnswersPerMethodWhatItsOwnSyntaxHolds()
    {
        var compilation = await AnalyzerRunner.CompileAsync(
            TestSources.Code("""
                public class C
                {
                    public string Reads(ChatOptions o) => o.ModelId ?? "";
                    public void Assigns(ChatOptions o) { o.ModelId = "m"; }
                    public void InLambda(ChatOptions o) { System.Action a = () => { o.ModelId = "m"; }; a(); }
                    public void InLocalFunction(OpenAI.OpenAIClient c) { void Local() => c.GetChatClient("m"); Local(); }
                    public object ExpressionBodied(OpenAI.OpenAIClient c) => c.GetChatClient("m");
                    public void Compound(ChatOptions o) { o.ModelId += "m"; }
                    public ChatOptions Initializer() => new ChatOptions { ModelId = "m" };
                    public class Nested { public void Plain() { } }
                    public void Verbatim(ChatOptions o) { o.@ModelId = "m"; }
                    public void CommentsAndStrings(ChatOptions o) { /* o.ModelId = "m"; */ var s = "o.ModelId = m; c.GetChatClient(m)"; }
                    public void LongerName() { var ModelIds = 1; ModelIds = 2; GetChatClients(); }
                    private static void GetChatClients() { }
                }
                """),
            """
            using Microsoft.Extensions.AI;

            public class D
            {
                public void Other(ChatOptions o) { o.ModelId = "m"; }
                public string? Plain(ChatOptions o) { var s = o.ModelId; return s; }
            }
            """,
            """
            using Microsoft.Extensions.AI;

            // A name spelled with a Unicode escape is invisible to a text search: this tree is walked node by node.
            public class E
            {
                public void Escaped(ChatOptions o) { o.Model\u0049d = "m"; }
                public void Plain(ChatOptions o) { var s = o.ModelId; }
            }
            """);
        var filter = new StepSyntaxFilter(compilation);
        var methods = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .Select(m => (IMethodSymbol)compilation.GetSemanticModel(t).GetDeclaredSymbol(m)!))
            .ToList();
        bool May(IMethodSymbol m) => filter.MayBindInBody(m, CancellationToken.None);

        // The definition it replaced: some node of the method's own syntax may bind a model.
        Assert.All(methods, m => Assert.Equal(
            m.DeclaringSyntaxReferences.Any(r => r.GetSyntax().DescendantNodes().Any(StepSyntaxFilter.MayBindModel)),
            May(m)));
        var yes = methods.Where(May).Select(m => m.ContainingType.Name + "." + m.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(["C.Assigns", "C.ExpressionBodied", "C.InLambda", "C.InLocalFunction", "C.Initializer", "C.Verbatim", "D.Other", "E.Escaped"], yes);
    }

    [Fact]
    public async Task Diagnostics_ParameterAttributesOfExtensionAndArglistSteps()
    {
        // An extension method's 'this' parameter and an __arglist method (whose syntax has one parameter more than
        // its symbol) take the two ways of reading parameter attributes; both must see the [CacheKey] clash.
        var source = TestSources.Code("""
            public static class Extensions
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public static Task<string> QuoteAsync(this string question, [CacheKey(Name = "x")] string a, [CacheKey(Name = "x")] string b) => Task.FromResult(question);
            }

            public class Args
            {
                [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
                public string Quote(string question, [CacheKey(Name = "x")] string a, [CacheKey(Name = "x")] string b, __arglist) => question;
            }
            """);

        var result = await AnalyzerRunner.RunAsync(source);

        Assert.Empty(result.Exceptions);
        var clashes = result.Diagnostics.Where(d => d.Id == "AGF0008").ToList();
        Assert.Equal(2, clashes.Count);
        Assert.All(clashes, d => Assert.Contains("to the same cache scope field 'x'", d.GetMessage(), StringComparison.Ordinal));
        var tree = result.Diagnostics[0].Location.SourceTree!.ToString();
        Assert.All(clashes, d => Assert.Equal("b", tree.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
    }
}
