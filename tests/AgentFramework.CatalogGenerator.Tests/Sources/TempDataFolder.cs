using System.Text;

namespace AgentFramework.CatalogGenerator.Tests.Sources;

/// <summary>A throw-away data folder for source-reader tests.</summary>
internal sealed class TempDataFolder : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("agf-data-");

    public string Path => _dir.FullName;

    public TempDataFolder With(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text, new UTF8Encoding(false));
        return this;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
