using AgentFramework.Catalog;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

/// <summary>A chat client registered for one catalog model.</summary>
/// <param name="Model">The catalog card (ids and aliases are resolved to it).</param>
/// <param name="Client">The client that serves the model.</param>
public sealed record RegisteredModel(ModelCard Model, IChatClient Client);

/// <summary>The models the application can call, keyed by canonical catalog id.</summary>
public interface IModelRegistry
{
    /// <summary>Every registered model, in registration order.</summary>
    IReadOnlyList<RegisteredModel> Models { get; }

    /// <summary>The registration for a catalog id or alias, or <c>null</c>.</summary>
    RegisteredModel? Find(string idOrAlias);
}

/// <summary>The default <see cref="IModelRegistry"/>: built once from the builder's registrations.</summary>
internal sealed class ModelRegistry : IModelRegistry
{
    private readonly ModelCatalog _catalog;
    private readonly Dictionary<string, RegisteredModel> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RegisteredModel> _models = [];

    public ModelRegistry(ModelCatalog catalog, IEnumerable<(string Id, IChatClient Client)> registrations)
    {
        _catalog = catalog;
        foreach (var (id, client) in registrations)
        {
            var card = catalog.Get(id);
            if (_byId.ContainsKey(card.Id))
            {
                throw new InvalidOperationException($"Model '{card.Id}' is registered twice (as '{id}').");
            }

            var registered = new RegisteredModel(card, client);
            _byId[card.Id] = registered;
            _models.Add(registered);
        }
    }

    public IReadOnlyList<RegisteredModel> Models => _models;

    public RegisteredModel? Find(string idOrAlias)
    {
        var card = _catalog.Find(idOrAlias);
        return card is not null && _byId.TryGetValue(card.Id, out var registered) ? registered : null;
    }
}
