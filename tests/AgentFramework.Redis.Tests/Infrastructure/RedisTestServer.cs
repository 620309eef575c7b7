using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AgentFramework.Redis.Tests.Infrastructure;

/// <summary>
/// The shared Redis the tests use: <c>AGENTFRAMEWORK_REDIS</c> (a StackExchange.Redis configuration string)
/// or 127.0.0.1:6379, which <c>.ci/setup-redis.sh</c> starts.
/// </summary>
internal static class RedisTestServer
{
    public const string EnvironmentVariable = "AGENTFRAMEWORK_REDIS";

    private static readonly Lazy<bool> Reachable = new(Probe);

    public static string Configuration =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : "127.0.0.1:6379";

    public static bool Available => Reachable.Value;

    /// <summary>The port of the first configured endpoint.</summary>
    public static int Port => ConfigurationOptions.Parse(Configuration).EndPoints[0] switch
    {
        DnsEndPoint dns => dns.Port,
        IPEndPoint ip => ip.Port,
        var other => throw new InvalidOperationException($"Unsupported endpoint {other}."),
    };

    public static string SkipReason =>
        $"No Redis answered PING at {Configuration}: run .ci/setup-redis.sh (installs and starts Debian's redis-server on 127.0.0.1:6379) or set {EnvironmentVariable} to a StackExchange.Redis configuration string.";

    /// <summary>A prefix unique to one test, so tests sharing the server never see each other's keys or messages.</summary>
    public static string UniquePrefix(string test) => $"aftest:{test}:{Guid.NewGuid():N}:";

    private static bool Probe()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Configuration);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 1000;
            options.ConnectRetry = 1;
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ArgumentException or SocketException)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs the shared Redis and says so when skipped.</summary>
internal sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisTestServer.Available)
        {
            Skip = RedisTestServer.SkipReason;
        }
    }
}

/// <summary>A fact that starts and kills its own <c>redis-server</c> process, so it needs the binary on PATH.</summary>
internal sealed class RedisServerBinaryFactAttribute : FactAttribute
{
    public RedisServerBinaryFactAttribute()
    {
        if (PrivateRedisServer.BinaryPath is null)
        {
            Skip = "redis-server is not on PATH: run .ci/setup-redis.sh (installs Debian's redis-server) to run the stop/restart tests.";
        }
    }
}

/// <summary>
/// A <c>redis-server</c> process owned by one test, on a free loopback port, that the test can kill and
/// restart (on the same port) to simulate Redis dying mid-run and coming back.
/// </summary>
internal sealed class PrivateRedisServer : IAsyncDisposable
{
    private Process? _process;

    private PrivateRedisServer(int port) => Port = port;

    public static string? BinaryPath { get; } = FindOnPath("redis-server");

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public bool Running => _process is { HasExited: false };

    public static async Task<PrivateRedisServer> StartAsync()
    {
        var server = new PrivateRedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        if (Running)
        {
            return;
        }

        var info = new ProcessStartInfo(BinaryPath ?? throw new InvalidOperationException("redis-server not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await PingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer within 10 s.");
    }

    /// <summary>Kills the server process (SIGKILL: no goodbye to connected clients, like a crash).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var read = await stream.ReadAsync(buffer, cts.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>Polls a condition that another process or connection makes true asynchronously.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }
}

/// <summary>
/// Reads Redis directly to wait for HybridCache's L2 write, which happens in the background after the
/// caller already has its answer (write-behind): another instance can only be served once it has landed.
/// </summary>
internal static class L2
{
    public static async Task WaitForEntryAsync(string configuration, string prefix, string containing)
    {
        if (!await HasEntryAsync(configuration, prefix, containing, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"No L2 entry under '{prefix}' containing '{containing}' appeared within the timeout.");
        }
    }

    public static async Task<bool> HasEntryAsync(string configuration, string prefix, string containing, TimeSpan timeout)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var server = connection.GetServers()[0];
        var db = connection.GetDatabase();
        var found = await Eventually.TrueAsync(async () =>
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "afcache:x:*"))
            {
                var value = await db.HashGetAsync(key, "data"); // RedisCache keeps each entry as a hash
                if (value.HasValue && System.Text.Encoding.UTF8.GetString((byte[])value!).Contains(containing, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }, timeout);
        return found;
    }
}
