using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentFramework.Analyzers;

/// <summary>
/// A model id bound in a step's body: a string constant assigned to <c>ChatOptions.ModelId</c> or
/// <c>PromptExecutionSettings.ModelId</c> (or a derived settings type), or passed as the first argument of
/// <c>GetChatClient</c>, inside the step or a lambda or local function of it.
/// </summary>
/// <remarks>
/// Operation actions over every assignment and call of a compilation would make the analyzer pay for binding
/// every method body. Instead a symbol-start action looks at each method's syntax: only a method whose body
/// contains an assignment to something named <c>ModelId</c> or a call of something named <c>GetChatClient</c>
/// (<see cref="StepSyntaxFilter.MayBindInBody"/>, one walk per tree shared by the families), and that then resolves to a step, gets operation actions, scoped
/// to that method alone.
/// </remarks>
internal static class BodyBinding
{
    /// <summary>Calls <paramref name="onBinding"/> for every model id bound in the body of a step.</summary>
    public static void Register(CompilationStartAnalysisContext context, StepCache steps, Action<OperationAnalysisContext, StepInfo, ModelBinding> onBinding)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                try
                {
                    if (!(start.Symbol is IMethodSymbol method) ||
                        (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation) ||
                        !steps.Filter.MayBindInBody(method, start.CancellationToken) ||
                        !(steps.StepIncludingInherited(method, start.CancellationToken) is StepInfo step))
                    {
                        return;
                    }

                    var known = steps.Known;
                    start.RegisterOperationAction(
                        operation =>
                        {
                            try
                            {
                                if (TryFind(operation.Operation, known, out var binding))
                                {
                                    onBinding(operation, step, binding);
                                }
                            }
                            catch (Exception ex) when (!(ex is OperationCanceledException))
                            {
                                AnalyzerGuard.NoteSwallowed();
                            }
                        },
                        OperationKind.SimpleAssignment,
                        OperationKind.Invocation);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    AnalyzerGuard.NoteSwallowed();
                }
            },
            SymbolKind.Method);
    }

    /// <summary>The binding <paramref name="operation"/> writes, when it assigns or passes a model id constant.</summary>
    private static bool TryFind(IOperation operation, KnownSymbols known, out ModelBinding binding)
    {
        binding = null!;
        var value = ModelIdValue(operation, known);
        if (value == null || !value.ConstantValue.HasValue || !(value.ConstantValue.Value is string id) || string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var syntax = value.Syntax;
        binding = new ModelBinding(id, syntax.GetLocation(), syntax.IsKind(SyntaxKind.StringLiteralExpression));
        return true;
    }

    /// <summary>The value a <c>ModelId</c> settings property is assigned, or the first string argument of <c>GetChatClient</c>.</summary>
    private static IOperation? ModelIdValue(IOperation operation, KnownSymbols known)
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
