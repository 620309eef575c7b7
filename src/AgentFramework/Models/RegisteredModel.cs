using AgentFramework.Catalog;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>A chat client registered for one catalog model.</summary>
/// <param name="Model">The catalog card (ids and aliases are resolved to it).</param>
/// <param name="Client">The client that serves the model.</param>
public sealed record RegisteredModel(ModelCard Model, IChatClient Client);
