using System.Xml.Linq;

namespace AgentFramework.Architecture.Tests.Rules;

/// <summary>
/// A file's namespace is its project's root namespace plus the folders between the project and the file (what IDE0130
/// checks at build). Checked here from the sources as well because IDE0130 skips every file whose top-level type has
/// another declaration, and every <c>[LoggerMessage]</c> class is partial with a generated half: those files would
/// otherwise drift unnoticed. The one exception is the registration-extension convention of
/// <see cref="NamespaceRules"/>.
/// </summary>
internal static class FolderNamespaces
{
    /// <summary>The namespace a file in <paramref name="relativeDirectory"/> (relative to its project, '/'-separated) must declare.</summary>
    public static string Expected(string rootNamespace, string relativeDirectory) =>
        string.Join('.', new[] { rootNamespace }.Concat(relativeDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>The project's <c>RootNamespace</c>, or its file name when it sets none (the SDK's default).</summary>
    public static string RootNamespace(string projectFile) =>
        XDocument.Load(projectFile).Descendants("RootNamespace").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? Path.GetFileNameWithoutExtension(projectFile);

    /// <summary>
    /// The source files of <paramref name="projectFile"/>'s folder whose namespace is not the one of their folder, as
    /// <c>path: declared -&gt; expected</c> with paths relative to <paramref name="repoRoot"/>.
    /// </summary>
    public static IReadOnlyList<string> Offenders(string projectFile, string repoRoot) =>
        Offenders(projectFile, RootNamespace(projectFile), repoRoot);

    /// <summary>As <see cref="Offenders(string, string)"/>, against a given root namespace.</summary>
    public static IReadOnlyList<string> Offenders(string projectFile, string rootNamespace, string repoRoot)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var relativeDirectory = Path.GetRelativePath(projectDirectory, Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (relativeDirectory.Split('/').Any(part => part is "obj" or "bin"))
            {
                continue;
            }

            var declared = SourceFile.DeclaredNamespace(File.ReadAllText(file));
            var expected = Expected(rootNamespace, relativeDirectory == "." ? "" : relativeDirectory);
            if (declared is null || declared == expected || NamespaceRules.IsRegistrationExtension(declared, Path.GetFileNameWithoutExtension(file)))
            {
                continue;
            }

            offenders.Add($"{Path.GetRelativePath(repoRoot, file).Replace('\\', '/')}: {declared} -> {expected}");
        }

        return [.. offenders.Order(StringComparer.Ordinal)];
    }
}
