using AgentFramework.Catalog;
using AgentFramework.OpenAI;
using AgentFramework.Routing;
using AgentFramework.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SupportDesk.Hosting;
using SupportDesk.Reporting;
using SupportDesk.Workload;

namespace SupportDesk.Job;

/// <summary>What the command line asked for.</summary>
/// <param name="WorkloadPath">The workload file.</param>
/// <param name="OutputDirectory">Where the JSON and HTML reports go.</param>
/// <param name="Cache">False runs without the semantic cache (to compare).</param>
/// <param name="LatencyScale">Overrides the stand-in's latency scale, when given.</param>
public sealed record RunRequest(string WorkloadPath, string OutputDirectory, bool Cache = true, double? LatencyScale = null);

/// <summary>The main job end to end: configuration, run with a progress bar, reports, exit code.</summary>
public static class SupportDeskApp
{
    /// <summary>The full workload, relative to the application folder.</summary>
    public static string DefaultWorkload => Path.Combine(AppContext.BaseDirectory, "data", "tickets.jsonl");

    /// <summary>The small workload CI runs.</summary>
    public static string SmallWorkload => Path.Combine(AppContext.BaseDirectory, "data", "tickets-small.jsonl");

    /// <summary>Reads configuration: <c>appsettings.json</c> beside the app, then environment variables.</summary>
    public static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Runs the job and writes the reports; returns the result (null when it could not start) and the exit code.</summary>
    public static async Task<(JobResult? Result, int ExitCode)> RunAsync(RunRequest request, IConfiguration configuration, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(console);
        var settings = configuration.GetSection(SupportDeskSettings.Section).Get<SupportDeskSettings>() ?? new SupportDeskSettings();
        settings.Cache &= request.Cache;
        if (request.LatencyScale is { } scale)
        {
            settings.LatencyScale = scale;
        }

        IReadOnlyList<Ticket> tickets;
        try
        {
            tickets = WorkloadFile.Read(request.WorkloadPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLine("[red]Cannot read the workload:[/] " + Markup.Escape(ex.Message));
            return (null, 2);
        }

        SupportDeskHost host;
        try
        {
            host = SupportDeskHost.Build(settings, configuration);
        }
        catch (Exception ex) when (ex is ModelEndpointConfigurationException or UnknownModelException or InvalidOperationException)
        {
            console.MarkupLine("[red]Cannot set up the models:[/] " + Markup.Escape(ex.Message));
            return (null, 2);
        }

        await using var _ = host;

        // Route every step before the first ticket, so a missing pinned model or an unmet need is one clear message.
        var router = host.Services.GetRequiredService<ModelRouter>();
        foreach (var step in SupportDeskJob.StepMethods.Select(StepRequirements.For))
        {
            try
            {
                router.Route(step);
            }
            catch (Exception ex) when (ex is ModelNotRegisteredException or NoSufficientModelException or UnknownModelException)
            {
                console.MarkupLine($"[red]Step '{Markup.Escape(step.StepId)}' cannot run with the configured models:[/] " + Markup.Escape(ex.Message));
                return (null, 2);
            }
        }

        console.MarkupLine($"[bold]SupportDesk[/]: {tickets.Count} tickets from {Markup.Escape(Path.GetFileName(request.WorkloadPath))}.");
        console.MarkupLine("Models: " + (host.Mode == ModelMode.Offline
            ? "[yellow]OFFLINE STAND-IN[/] (deterministic answers, real tokenizer, catalog prices; no network)."
            : "[green]live endpoints[/] (" + Markup.Escape(string.Join(", ", host.Models)) + ")."));
        console.MarkupLine("Cache: " + (settings.Cache ? "semantic (local ONNX embeddings + embedded vector index)." : "off."));

        JobResult result = null!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("tickets", maxValue: tickets.Count);
                var progress = new SynchronousProgress<JobProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tickets {p.Done}/{p.Total}, hits {p.Hits}/{p.Lookups}, {HtmlReport.Usd(p.CostUsd)} vs {HtmlReport.Usd(p.NaiveCostUsd)}");
                });
                result = await SupportDeskJob.RunAsync(host, tickets, Path.GetFileName(request.WorkloadPath), settings.Cache, settings.BaselineModel, progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

        ConsoleReport.Write(console, result);
        var json = JsonReport.Write(result, request.OutputDirectory);
        var html = HtmlReport.Write(result, request.OutputDirectory);
        console.MarkupLine($"Reports: {Markup.Escape(Path.GetFullPath(json))}, {Markup.Escape(Path.GetFullPath(html))}");
        if (!result.Succeeded)
        {
            console.MarkupLine("[red]The run FAILED its checks (see above).[/]");
        }

        return (result, result.Succeeded ? 0 : 1);
    }

    // Progress<T> posts to the thread pool; the progress bar wants the value now.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
