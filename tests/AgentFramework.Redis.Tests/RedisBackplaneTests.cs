using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentFramework.Redis.Tests;

/// <summary>Connection settings of <see cref="RedisBackplane"/>.</summary>
public sealed class RedisBackplaneTests
{
    [Fact]
    public async Task ConnectionOptions_FailFast_WithTheConfiguredTimeouts()
    {
        await using var backplane = new RedisBackplane(Options.Create(new RedisCacheBackplaneOptions
        {
            Configuration = "redis.internal:6380,password=secret,abortConnect=true,syncTimeout=60000",
            ConnectTimeout = TimeSpan.FromMilliseconds(750),
            OperationTimeout = TimeSpan.FromMilliseconds(300),
            ConfigureConnection = o => o.ClientName = "agent-7",
        }));

        var options = backplane.ConnectionOptions;
        Assert.False(options.AbortOnConnectFail); // overrides abortConnect=true: an absent Redis never fails startup
        Assert.Equal(750, options.ConnectTimeout);
        Assert.Equal(300, options.SyncTimeout); // overrides syncTimeout=60000
        Assert.Equal(300, options.AsyncTimeout);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal("secret", options.Password);
        Assert.Equal("agent-7", options.ClientName);
        Assert.Equal("redis.internal:6380", Assert.Single(options.EndPoints).ToString()!.Replace("Unspecified/", string.Empty, StringComparison.Ordinal));
        Assert.False(backplane.IsConnected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,,")]
    public void AConfigurationWithoutAServer_IsRejectedClearly(string configuration)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RedisBackplane(Options.Create(new RedisCacheBackplaneOptions { Configuration = configuration })));
        Assert.Contains("Configuration", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreLocalAndShort()
    {
        var options = new RedisCacheBackplaneOptions();
        Assert.Equal("127.0.0.1:6379", options.Configuration);
        Assert.True(options.OperationTimeout <= TimeSpan.FromSeconds(1));
        Assert.True(options.ConnectTimeout <= TimeSpan.FromSeconds(2));
        Assert.True(options.UseAsDistributedCache);
        Assert.True(options.UseForInvalidation);
    }
}
