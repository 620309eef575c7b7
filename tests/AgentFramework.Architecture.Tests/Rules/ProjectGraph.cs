using System.Xml.Linq;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>The project-reference graph read from the csproj files, the same graph the packages' NuGet dependencies come from.</summary>
internal static class ProjectGraph
{
    /// <summary>Full paths of every project reachable from <paramref name="projectFile"/> (itself excluded).</summary>
    public static IReadOnlyList<string> Reachable(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(Path.GetFullPath(projectFile)));
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in References(next))
                {
                    pending.Push(reference);
                }
            }
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }

    /// <summary>Full paths of the projects <paramref name="projectFile"/> references directly.</summary>
    public static IEnumerable<string> References(string projectFile)
    {
        var directory = Path.GetDirectoryName(projectFile)!;
        return XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Where(include => !include.Contains("@(", StringComparison.Ordinal))
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))));
    }
}
