using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentFramework.Analyzers
{
    /// <summary>
    /// A model id bound in a step's body: a string constant assigned to <c>ChatOptions.ModelId</c> or
    /// <c>PromptExecutionSettings.ModelId</c> (or a derived settings type), or passed as the first argument of
    /// <c>GetChatClient</c>, inside the step or a lambda or local function of it.
    /// </summary>
    /// <remarks>
    /// Rules register a syntax-node action for <see cref="SyntaxKinds"/> and call <see cref="TryFind"/>: every
    /// assignment and call of the compilation reaches it, so it looks at the syntax first (<see cref="StepSyntaxFilter.MayBindModel"/>)
    /// and asks the semantic model only about assignments to a <c>ModelId</c> and calls of a <c>GetChatClient</c>.
    /// </remarks>
    internal static class BodyBinding
    {
        /// <summary>The syntax kinds that can bind a model id in a body.</summary>
        public static readonly ImmutableArray<SyntaxKind> SyntaxKinds = ImmutableArray.Create(SyntaxKind.SimpleAssignmentExpression, SyntaxKind.InvocationExpression);

        /// <summary>The step and the binding written at the context's node, when it binds a model id inside a step.</summary>
        public static bool TryFind(SyntaxNodeAnalysisContext context, StepCache cache, out StepInfo step, out ModelBinding binding)
        {
            step = null!;
            binding = null!;
            if (!StepSyntaxFilter.MayBindModel(context.Node))
            {
                return false;
            }

            var value = ModelIdValue(context.SemanticModel.GetOperation(context.Node, context.CancellationToken), cache.Known);
            if (value == null || !value.ConstantValue.HasValue || !(value.ConstantValue.Value is string id) || string.IsNullOrWhiteSpace(id))
            {
                return false;
            }

            // Lambdas and local functions inside a step belong to the step.
            var symbol = context.ContainingSymbol;
            while (symbol is IMethodSymbol inner && (inner.MethodKind == MethodKind.LambdaMethod || inner.MethodKind == MethodKind.LocalFunction))
            {
                symbol = inner.ContainingSymbol;
            }

            if (!(symbol is IMethodSymbol method) || !(cache.StepIncludingInherited(method, context.CancellationToken) is StepInfo found))
            {
                return false;
            }

            var syntax = value.Syntax;
            step = found;
            binding = new ModelBinding(id, syntax.GetLocation(), syntax.IsKind(SyntaxKind.StringLiteralExpression));
            return true;
        }

        /// <summary>The value a <c>ModelId</c> settings property is assigned, or the first string argument of <c>GetChatClient</c>.</summary>
        private static IOperation? ModelIdValue(IOperation? operation, KnownSymbols known)
        {
            if (operation is ISimpleAssignmentOperation assignment)
            {
                if (!(assignment.Target is IPropertyReferenceOperation property) || property.Property.Name != StepSyntaxFilter.ModelIdProperty)
                {
                    return null;
                }

                var owner = property.Property.ContainingType;
                var receiver = property.Instance?.Type;
                var isSettings =
                    KnownSymbols.InheritsFrom(owner, known.ChatOptions) || KnownSymbols.InheritsFrom(owner, known.PromptExecutionSettings) ||
                    KnownSymbols.InheritsFrom(receiver, known.ChatOptions) || KnownSymbols.InheritsFrom(receiver, known.PromptExecutionSettings);
                return isSettings ? assignment.Value : null;
            }

            if (operation is IInvocationOperation invocation && invocation.TargetMethod.Name == StepSyntaxFilter.GetChatClientMethod)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter != null && argument.Parameter.Ordinal == 0 &&
                        argument.Parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }
    }
}
