namespace AgentFramework.Models;

/// <summary>The models the application can call, keyed by canonical catalog id.</summary>
public interface IModelRegistry
{
    /// <summary>Every registered model, in registration order.</summary>
    IReadOnlyList<RegisteredModel> Models { get; }

    /// <summary>The registration for a catalog id or alias, or <c>null</c>.</summary>
    RegisteredModel? Find(string idOrAlias);
}
