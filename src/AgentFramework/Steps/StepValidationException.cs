namespace AgentFramework.Steps;

/// <summary>
/// Thrown when an agent is resolved (or the host starts) and one of its steps cannot run: an invalid
/// declaration, a <see cref="UseModelAttribute"/> id that is not in the catalog or has no registered client,
/// or needs that no registered model meets. Raised before any step runs, so a misconfiguration fails
/// the application at startup rather than at the first call.
/// </summary>
public sealed class StepValidationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">One message per problem, each naming the step and the fix.</param>
    public StepValidationException(IReadOnlyList<string> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>One message per problem, each naming the step and the fix.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? problems[0]
            : $"{problems.Count} agent steps cannot run:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems);
    }
}
