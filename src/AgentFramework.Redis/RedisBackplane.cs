using System.Diagnostics.Metrics;
using AgentFramework.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentFramework.Redis;

/// <summary>
/// The one Redis connection a process shares between the L2 cache and the invalidation bus, plus its
/// fault accounting.
/// </summary>
/// <remarks>
/// The connection never blocks startup and never throws for an absent server
/// (<c>AbortOnConnectFail = false</c>): it keeps reconnecting in the background while commands fail fast
/// (<see cref="BacklogPolicy.FailFast"/>), and every fault is logged, counted in <see cref="FaultCount"/>
/// and in the <c>agentframework.redis.faults</c> counter of the "AgentFramework" meter.
/// </remarks>
public sealed partial class RedisBackplane : IAsyncDisposable, IDisposable
{
    /// <summary>The meter the fault counter belongs to (shared with the rest of AgentFramework).</summary>
    public const string MeterName = AgentFrameworkTelemetry.MeterName;

    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _faults;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private long _faultCount;
    private int _down;
    private int _disposed;

    /// <summary>Creates the backplane; the connection is opened on first use.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Logs faults and reconnections.</param>
    /// <param name="meterFactory">Creates the "AgentFramework" meter; without it a standalone meter is used.</param>
    /// <exception cref="ArgumentException">The configuration string cannot be parsed.</exception>
    public RedisBackplane(IOptions<RedisCacheBackplaneOptions> options, ILogger<RedisBackplane>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ConnectionOptions = BuildConfiguration(Options);
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _faults = _meter.CreateCounter<long>(AgentFrameworkTelemetry.Instruments.RedisFaults, unit: "{fault}", description: "Redis operations that failed or timed out; the cache failed open.");
        _connection = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The settings.</summary>
    public RedisCacheBackplaneOptions Options { get; }

    /// <summary>The StackExchange.Redis options actually used (timeouts and fail-fast applied).</summary>
    public ConfigurationOptions ConnectionOptions { get; }

    /// <summary>How many Redis operations have failed since start.</summary>
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>Whether the connection is currently up (false before first use).</summary>
    public bool IsConnected => _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully && _connection.Value.Result.IsConnected;

    /// <summary>The shared connection, opened on first call (never throws for an unreachable server).</summary>
    public Task<IConnectionMultiplexer> GetConnectionAsync()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _connection.Value;
    }

    /// <summary>Logs and counts a fault the caller absorbed.</summary>
    /// <param name="operation">What failed (e.g. <c>l2-get</c>, <c>publish</c>).</param>
    /// <param name="exception">The error.</param>
    /// <param name="repeated">A retry of something already reported: counted, but logged at debug level only.</param>
    internal void RecordFault(string operation, Exception exception, bool repeated = false)
    {
        Interlocked.Increment(ref _faultCount);
        _faults.Add(1, new KeyValuePair<string, object?>(AgentFrameworkTelemetry.Tags.RedisOperation, operation));
        if (repeated)
        {
            Log.RepeatedFault(_logger, operation, exception.GetType().Name, exception.Message);
        }
        else
        {
            Log.Fault(_logger, operation, exception.GetType().Name, exception.Message, exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_connection.IsValueCreated)
        {
            var connection = await _connection.Value.ConfigureAwait(false);
            await connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static ConfigurationOptions BuildConfiguration(RedisCacheBackplaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new ArgumentException("RedisCacheBackplaneOptions.Configuration must name a server, e.g. 127.0.0.1:6379.", nameof(options));
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"RedisCacheBackplaneOptions.Configuration '{options.Configuration}' is not a valid StackExchange.Redis configuration: {ex.Message}", nameof(options), ex);
        }

        if (parsed.EndPoints.Count == 0)
        {
            throw new ArgumentException($"RedisCacheBackplaneOptions.Configuration '{options.Configuration}' names no server.", nameof(options));
        }

        parsed.AbortOnConnectFail = false;
        parsed.ConnectTimeout = ToMilliseconds(options.ConnectTimeout);
        parsed.SyncTimeout = ToMilliseconds(options.OperationTimeout);
        parsed.AsyncTimeout = ToMilliseconds(options.OperationTimeout);
        parsed.ConnectRetry = 1;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        parsed.ReconnectRetryPolicy = new LinearRetry(500);
        options.ConfigureConnection?.Invoke(parsed);
        return parsed;
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        // AbortOnConnectFail = false: returns even when no server answers, and keeps retrying in the background.
        var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionOptions.Clone()).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) =>
        {
            // Reconnect attempts fail every half second while Redis is down: warn once per outage, not per attempt.
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                Log.ConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString(), e.Exception);
            }
            else
            {
                Log.ReconnectFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
            }
        };
        connection.ConnectionRestored += (_, e) =>
        {
            Interlocked.Exchange(ref _down, 0);
            Log.ConnectionRestored(_logger, e.EndPoint?.ToString() ?? "?");
        };
        if (!connection.IsConnected)
        {
            Interlocked.Exchange(ref _down, 1);
            Log.NotConnectedAtStart(_logger, Options.Configuration);
        }

        return connection;
    }

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Warning, "Redis {Operation} failed ({ExceptionType}: {Reason}); the cache failed open.", EventName = "Fault")]
        public static partial void Fault(ILogger logger, string operation, string exceptionType, string reason, Exception exception);

        [LoggerMessage(5002, LogLevel.Warning, "Redis connection to {EndPoint} failed ({FailureType}); retrying in the background.", EventName = "ConnectionFailed")]
        public static partial void ConnectionFailed(ILogger logger, string endPoint, string failureType, Exception? exception);

        [LoggerMessage(5003, LogLevel.Information, "Redis connection to {EndPoint} restored.", EventName = "ConnectionRestored")]
        public static partial void ConnectionRestored(ILogger logger, string endPoint);

        [LoggerMessage(5004, LogLevel.Warning, "Redis at {Configuration} is not reachable at startup; the cache runs without it and keeps retrying.", EventName = "NotConnectedAtStart")]
        public static partial void NotConnectedAtStart(ILogger logger, string configuration);

        [LoggerMessage(5006, LogLevel.Debug, "Redis {Operation} failed again ({ExceptionType}: {Reason}).", EventName = "RepeatedFault")]
        public static partial void RepeatedFault(ILogger logger, string operation, string exceptionType, string reason);

        [LoggerMessage(5005, LogLevel.Debug, "Redis reconnect to {EndPoint} failed ({FailureType}); still retrying.", EventName = "ReconnectFailed")]
        public static partial void ReconnectFailed(ILogger logger, string endPoint, string failureType);
    }
}
