using AgentFramework.Testing;

namespace AgentFramework.Examples.Tests.QuickStart;

/// <summary>The README's quick start is the compiled example, character for character (CI builds and runs the example).</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void TheReadmesQuickStartBlock_IsTheExamplesProgram()
    {
        var program = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "examples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).ReplaceLineEndings("\n");

        var region = Between(program, "// quickstart:begin\n", "// quickstart:end").TrimEnd('\n');
        var section = Between(readme, "## Quick start\n", "\n## ");
        var block = Between(section, "```csharp\n", "\n```");

        Assert.Equal(region, block);
        Assert.Contains("using AgentFramework;", block, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start.Trim()}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end.Trim()}' not found after '{start.Trim()}'");
        return text[from..to];
    }
}
