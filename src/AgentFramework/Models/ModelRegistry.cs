using AgentFramework.Catalog;
using Microsoft.Extensions.AI;

namespace AgentFramework.Models;

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
