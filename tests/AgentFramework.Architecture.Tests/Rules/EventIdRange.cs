namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The event ids one package may log with; <see cref="None"/> for a package that logs nothing.</summary>
internal sealed record EventIdRange(string Package, int First, int Last)
{
    /// <summary>A package that must not declare any logged message.</summary>
    public static EventIdRange None(string package) => new(package, 0, -1);

    /// <summary>True when the package may log at all.</summary>
    public bool AllowsLogging => Last >= First;

    /// <summary>True when <paramref name="id"/> lies in the range.</summary>
    public bool Contains(int id) => id >= First && id <= Last;

    /// <summary>True when the two ranges share an id.</summary>
    public bool Overlaps(EventIdRange other) =>
        AllowsLogging && other.AllowsLogging && First <= other.Last && other.First <= Last;

    /// <inheritdoc />
    public override string ToString() => AllowsLogging ? $"{Package} {First}–{Last}" : $"{Package} (logs nothing)";
}
