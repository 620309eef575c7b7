using System.CommandLine;
using Spectre.Console;
using SupportDesk.Job;
using SupportDesk.Workload;

// Redirected output (CI logs, pasted READMEs) gets a wide table instead of an 80-column squeeze.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
}

var workload = new Option<FileInfo?>("--workload", "-w") { Description = "The workload file (JSON lines). Default: the bundled 360-ticket workload." };
var small = new Option<bool>("--small") { Description = "Use the bundled 40-ticket workload (what CI runs)." };
var output = new Option<DirectoryInfo>("--out", "-o")
{
    Description = "Folder for supportdesk-report.json and supportdesk-report.html.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "supportdesk")),
};
var noCache = new Option<bool>("--no-cache") { Description = "Run without the semantic cache, to compare." };
var latency = new Option<double?>("--latency-scale") { Description = "Multiplier on the offline stand-in's simulated latency (default 0.01; 0 = no waiting)." };

var root = new RootCommand("SupportDesk: a customer-support agent run over a ticket workload, showing what routing and the semantic cache save. Offline by default.")
{
    workload, small, output, noCache, latency,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var path = parse.GetValue(workload)?.FullName ?? (parse.GetValue(small) ? SupportDeskApp.SmallWorkload : SupportDeskApp.DefaultWorkload);
    var request = new RunRequest(path, parse.GetValue(output)!.FullName, !parse.GetValue(noCache), parse.GetValue(latency));
    var (_, exitCode) = await SupportDeskApp.RunAsync(request, SupportDeskApp.LoadConfiguration(), AnsiConsole.Console, cancellationToken);
    return exitCode;
});

var generateOut = new Option<DirectoryInfo>("--out", "-o")
{
    Description = "Folder to write tickets.jsonl and tickets-small.jsonl into.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("examples", "SupportDesk", "data")),
};
var generate = new Command("generate", "Regenerate the bundled workloads (deterministic: same seed, same files).") { generateOut };
generate.SetAction(parse =>
{
    var dir = parse.GetValue(generateOut)!.FullName;
    foreach (var (name, count, seed) in new[] { ("tickets.jsonl", 360, 2026), ("tickets-small.jsonl", 40, 7) })
    {
        var tickets = WorkloadGenerator.Generate(count, seed);
        WorkloadFile.Write(Path.Combine(dir, name), tickets);
        Console.WriteLine($"{Path.Combine(dir, name)}: {tickets.Count} tickets ({string.Join(", ", tickets.GroupBy(t => t.Kind).Select(g => $"{g.Count()} {g.Key}"))})");
    }

    return 0;
});
root.Subcommands.Add(generate);

return await root.Parse(args).InvokeAsync();
