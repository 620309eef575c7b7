using AgentFramework.VectorSearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentFramework.VectorIndex.Tests;

public sealed class EmbeddedVectorIndexServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddEmbeddedVectorIndex_RegistersOneConfiguredSingleton_UsingTheRegisteredClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddEmbeddedVectorIndex(o => o.Dimensions = 4);
        await using var provider = services.BuildServiceProvider();

        var index = provider.GetRequiredService<IVectorIndex>();
        Assert.IsType<EmbeddedVectorIndex>(index);
        Assert.Same(index, provider.GetRequiredService<IVectorIndex>());
        Assert.Same(index, provider.GetRequiredService<EmbeddedVectorIndex>());
        Assert.Equal(4, index.Dimensions);

        var scope = VectorScope.Of(("t", "1"));
        await index.UpsertAsync(new VectorEntry("x", new float[] { 1, 0, 0, 0 }, scope, expiresAt: time.GetUtcNow().AddMinutes(1)));
        Assert.Equal(1, await index.CountAsync());
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await index.CountAsync());
    }

    [Fact]
    public void AddEmbeddedVectorIndex_KeepsAnIndexRegisteredEarlier()
    {
        var existing = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 3 });
        var services = new ServiceCollection().AddSingleton<IVectorIndex>(existing);
        services.AddEmbeddedVectorIndex();
        using var provider = services.BuildServiceProvider();
        Assert.Same(existing, provider.GetRequiredService<IVectorIndex>());
    }

    [Fact]
    public void InvalidOptions_FailAtStart_WithTheSettingNamed()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedVectorIndex(o => o.Capacity = 0);
        using var provider = services.BuildServiceProvider();

        // What a host runs at start (ValidateOnStart); without a host the first resolve fails the same way.
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(typeof(EmbeddedVectorIndexOptions), ex.OptionsType);
        Assert.Contains("Capacity must be between 1 and 100000000", ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IVectorIndex>());
    }

    [Fact]
    public void ACrossSettingRule_FailsAtStart_WithTheFixNamed()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedVectorIndex(o => o.Directory = "");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Directory is empty; use null for an in-memory index.", ex.Message, StringComparison.Ordinal);
    }
}
