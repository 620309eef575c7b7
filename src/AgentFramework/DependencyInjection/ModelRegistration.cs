using Microsoft.Extensions.AI;

namespace AgentFramework.DependencyInjection;

/// <summary>A model registration collected by <see cref="AgentFrameworkBuilder.AddModel(string, IChatClient)"/>.</summary>
/// <param name="ModelId">A catalog id or alias.</param>
/// <param name="Factory">Creates the client that serves the model.</param>
public sealed record ModelRegistration(string ModelId, Func<IServiceProvider, IChatClient> Factory);
