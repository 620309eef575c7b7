using System.CommandLine;
using AgentFramework.CatalogGenerator;

var dataOption = new Option<DirectoryInfo?>("--data")
{
    Description = "Folder holding the litellm, Epoch and llm-stats files (default: $AGENTFRAMEWORK_SHARED_DATA/models, else ../shared/data/models beside the repository root).",
};
var outOption = new Option<FileInfo?>("--out")
{
    Description = "Catalog file to write or check (default: src/Shared/Catalog/agentframework.catalog.json under the repository root).",
};
var checkOption = new Option<bool>("--check")
{
    Description = "Regenerate in memory and compare byte for byte with --out; exit 1 when they differ. Writes nothing.",
};

var root = new RootCommand("Generates the AgentFramework model catalog (prices, limits, features, evidenced capability levels).")
{
    dataOption,
    outOption,
    checkOption,
};

root.SetAction(parse => GeneratorCli.Run(
    parse.GetValue(dataOption)?.FullName,
    parse.GetValue(outOption)?.FullName,
    parse.GetValue(checkOption),
    Console.Out,
    Console.Error));

return root.Parse(args).Invoke();
