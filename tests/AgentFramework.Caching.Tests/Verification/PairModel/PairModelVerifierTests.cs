using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentFramework.Caching.Tests.Verification.PairModel;

public sealed class PairModelVerifierTests(PairModelFixture fixture) : IClassFixture<PairModelFixture>
{
    // (asked, stored, served?) — agent requests the shipped default decision (slot guard rules kept + pair model) gets right.
    public static TheoryData<string, string, bool> AgentDecisions => new()
    {
        { "How do I enable two-factor authentication on my account?", "How do I disable two-factor authentication on my account?", false },
        { "What is the status of order 48213?", "What is the status of order 48231?", false },
        { "Convert 100 USD to EUR.", "Convert 100 EUR to USD.", false },
        { "Cancel my subscription.", "Don't cancel my subscription.", false },
        { "How do I lock the screen on a Mac?", "How do I unlock the screen on a Mac?", false },
        { "Show me invoices from March 2024.", "Show me invoices from April 2024.", false },
        { "How do I enable two-factor authentication on my account?", "How can I turn on two-factor authentication for my account?", true },
        { "Translate this sentence into French.", "Please translate this sentence into French", true },
        // Once a known miss (score 1.87 against the overrule bar 2.0; the lexical verifier says p = 0.70): both prompts
        // are short, and a short pair's overrule bar is 1.5.
        { "How much does shipping to Canada cost?", "How much is shipping to Canada?", true },

        // "2FA" is written out before the model reads it.
        { "Please help me enable 2FA for my login.", "How do I enable two-factor authentication on my account?", true },
        { "Please help me enable 2FA for my login.", "How do I disable two-factor authentication on my account?", false },

        // Another action on the same order (not in the training data).
        { "Please start a refund for the red scarf in order 5120", "Please start an exchange for the red scarf in order 5120", false },
    };

    [Theory]
    [MemberData(nameof(AgentDecisions))]
    public void DefaultDecision_OnAgentPairs(string asked, string stored, bool served)
    {
        var pipeline = new VerifierPipeline(DefaultVerifierSet.Create(null, usePairModel: true));
        var accepted = pipeline.Verify(new CacheHitCandidate(asked, stored, 0.9, 0.75), out var verdicts, out _);
        Assert.True(served == accepted, verdicts);
    }

    [Fact]
    public void SoftRule_WhenItFires_TakesTheModelsWord_EvenWhenTheLexicalVerifierAccepts()
    {
        // A negation flip the lexical verifier accepts: without soft rules it is served on the lexical word, no pass;
        // with Negation soft and an unreachable bar, the model must decide, and it cannot clear the bar.
        var candidate = new CacheHitCandidate("Cancel my subscription.", "Don't cancel my subscription.", 0.95, 0.75);
        var lexical = new LearnedHitVerifier(0.0);
        var lexicalOnly = new PairModelVerifier(logger: null, minScore: 1000) { Lexical = lexical };
        var soft = new PairModelVerifier(logger: null, minScore: 1000) { Lexical = lexical, SoftRules = SlotGuardRules.Negation, SoftRuleMargin = 0 };

        Assert.True(lexical.Verify(candidate).Accepted);
        Assert.True(lexicalOnly.Verify(candidate).Accepted);
        var verdict = soft.Verify(candidate);
        Assert.False(verdict.Accepted);
        Assert.Contains("negation", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(1000, soft.Bar(lexicalAccepted: true, softRuleFired: true));
        Assert.Equal(double.NegativeInfinity, soft.Bar(lexicalAccepted: true, softRuleFired: false));
    }

    [Fact]
    public void MissingBaseModel_LogsOneError_AndFallsBackToTheStricterDecision()
    {
        var logs = new FakeLogCollector();
        var verifier = new PairModelVerifier(
            () => Caching.Verification.PairModel.PairModel.LoadDefault(baseModelPath: Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx")),
            new FakeLogger(logs));

        AssertFallback(verifier);
        var errors = logs.GetSnapshot().Where(r => r.Level == LogLevel.Error).ToList();
        Assert.Single(errors);
        Assert.Contains("pair model could not be loaded", errors[0].Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(errors[0].Exception);
        Assert.False(verifier.ModelLoaded);
    }

    [Fact]
    public void DamagedDelta_LogsOneError_AndFallsBackToTheStricterDecision()
    {
        var bytes = PairModelFiles.ReadEmbeddedDelta()!;
        bytes[1000] ^= 0x01;
        var logs = new FakeLogCollector();
        var verifier = new PairModelVerifier(() => Caching.Verification.PairModel.PairModel.LoadDefault(deltaBytes: bytes), new FakeLogger(logs));

        AssertFallback(verifier);
        var error = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.IsType<InvalidDataException>(error.Exception);
    }

    [Fact]
    public void DamagedCachedInt8Copy_IsRebuilt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pair-model-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var baseModel = Path.Combine(folder, "model.onnx");
            File.Copy(PairModelFiles.DefaultBaseModelPath, baseModel);
            File.Copy(Path.Combine(Path.GetDirectoryName(PairModelFiles.DefaultBaseModelPath)!, "vocab.txt"), Path.Combine(folder, "vocab.txt"));
            var delta = PairModelDelta.Parse(PairModelFiles.ReadEmbeddedDelta()!, PairModelFiles.DeltaSha256);
            var path = PairModelFiles.GetOrCreateInt8(baseModel, delta);
            var good = File.ReadAllBytes(path);
            File.WriteAllBytes(path, good[..(good.Length / 2)]);

            Assert.Equal(path, PairModelFiles.GetOrCreateInt8(baseModel, delta));
            Assert.Equal(good, File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Int8Option_RunsTheInt8MatMulModel_AndTheDefaultTheFloatOne()
    {
        // SemanticCacheOptions.UseInt8PairModel reaches the verifier through the default set.
        var int8 = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true, int8PairModel: true)[1]);
        var standard = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true)[1]);
        var pairs = PairModelFixture.Reference.Pairs.Take(8).ToList();

        // The verifier writes short forms out before scoring (the first reference pair holds "2FA").
        Assert.Contains(pairs, p => PairModelShortForms.Expand(p.Stored) != p.Stored);
        Assert.All(pairs, p => Assert.Equal(fixture.Int8MatMuls.Score(PairModelShortForms.Expand(p.Asked), PairModelShortForms.Expand(p.Stored)), int8.Logit(p.Asked, p.Stored)));
        Assert.All(pairs, p => Assert.Equal(fixture.Int8.Score(PairModelShortForms.Expand(p.Asked), PairModelShortForms.Expand(p.Stored)), standard.Logit(p.Asked, p.Stored)));
        Assert.Contains(pairs, p => fixture.Int8MatMuls.Score(p.Asked, p.Stored) != fixture.Int8.Score(p.Asked, p.Stored));
    }

    [Theory]
    [InlineData(0.75)]
    [InlineData(0.85)]
    [InlineData(0.95)]
    public void Int8Option_GivesTheFloatModelsVerdicts_ConfirmingOnlyNearTheBar(double cosine)
    {
        // int8 decides where its score is far from the bar; near it the float model does, so no verdict changes.
        var int8 = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true, int8PairModel: true)[1]);
        var standard = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true)[1]);
        var candidates = PairModelFixture.AgentPairs.Select(p => new CacheHitCandidate(p.Asked, p.Stored, cosine, 0.70)).ToList();

        var verdicts = candidates.Select(c => (Float: standard.Verify(c), Int8: int8.Verify(c))).ToList();

        Assert.All(verdicts, v => Assert.Equal(v.Float.Accepted, v.Int8.Accepted));
        var confirmed = verdicts.Count(v => v.Int8.Reason!.Contains("(float)", StringComparison.Ordinal));
        Assert.InRange(confirmed, 1, candidates.Count / 2);
    }

    [SharedDataFact]
    public void Int8Option_GivesTheFloatModelsVerdicts_OnQqpPairs()
    {
        // Text unlike the agent pairs the margin was first checked on: 400 qqp-dev questions, at three cosines.
        var int8 = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true, int8PairModel: true)[1]);
        var standard = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true)[1]);
        var pairs = PairCsv.Read(TestPaths.SharedFile("cache-eval", "qqp-dev.csv")).Take(400).ToList();

        foreach (var cosine in new[] { 0.75, 0.85, 0.95 })
        {
            var candidates = pairs.Select(p => new CacheHitCandidate(p.Query, p.Cached, cosine, 0.70)).ToList();
            Assert.All(candidates, c => Assert.Equal(standard.Verify(c).Accepted, int8.Verify(c).Accepted));
        }
    }

    [Fact]
    public void Int8ModelUnavailable_LogsOneWarning_AndTheFloatModelDecidesAlone()
    {
        var logs = new FakeLogCollector();
        var verifier = new PairModelVerifier(() => throw new InvalidDataException("no int8 model here"), new FakeLogger(logs), DefaultVerifierSet.OverruleMinScore, confirm: () => fixture.Int8)
        {
            Lexical = new LearnedHitVerifier(),
            LexicalAcceptedMinScore = DefaultVerifierSet.LexicalAcceptedMinScore,
            ShortPairMaxWords = DefaultVerifierSet.ShortPairMaxWords,
            ShortPairMinScore = DefaultVerifierSet.ShortPairOverruleMinScore,
            ShortLexicalAcceptedMinScore = DefaultVerifierSet.ShortPairLexicalAcceptedMinScore,
        };
        var standard = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true)[1]);
        var candidates = PairModelFixture.AgentPairs.Take(60).Select(p => new CacheHitCandidate(p.Asked, p.Stored, 0.85, 0.70)).ToList();

        Assert.All(candidates, c => Assert.Equal(standard.Verify(c).Accepted, verifier.Verify(c).Accepted));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Int8Unavailable", warning.Id.Name);
        var loaded = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "Loaded");
        Assert.Contains("float MatMuls", loaded.Message, StringComparison.Ordinal);
        Assert.All(candidates, c => Assert.DoesNotContain("fallback", verifier.Verify(c).Reason ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void FloatModelUnavailable_VetoesWhatInt8CannotSettle_AndServesNothingTheFloatModelWouldRefuse()
    {
        var logs = new FakeLogCollector();
        var verifier = new PairModelVerifier(() => fixture.Int8MatMuls, new FakeLogger(logs), DefaultVerifierSet.OverruleMinScore, confirm: () => throw new IOException("disk full"))
        {
            Lexical = new LearnedHitVerifier(),
            LexicalAcceptedMinScore = DefaultVerifierSet.LexicalAcceptedMinScore,
            ShortPairMaxWords = DefaultVerifierSet.ShortPairMaxWords,
            ShortPairMinScore = DefaultVerifierSet.ShortPairOverruleMinScore,
            ShortLexicalAcceptedMinScore = DefaultVerifierSet.ShortPairLexicalAcceptedMinScore,
        };
        var standard = Assert.IsType<PairModelVerifier>(SemanticCache.DefaultVerifiers(null, usePairModel: true)[1]);
        var candidates = PairModelFixture.AgentPairs.Select(p => new CacheHitCandidate(p.Asked, p.Stored, 0.85, 0.70)).ToList();

        var verdicts = candidates.Select(c => (Float: standard.Verify(c), Int8: verifier.Verify(c))).ToList();

        Assert.DoesNotContain(verdicts, v => v.Int8.Accepted && !v.Float.Accepted);
        Assert.Contains(verdicts, v => v.Int8.Reason!.Contains("no float model", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.Int8.Accepted);
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal("FloatUnavailable", warning.Id.Name);
        var loaded = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "Loaded");
        Assert.Contains("per-token", loaded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedVerifier_GivesTheSameVerdicts_UnderConcurrency()
    {
        var verifier = new PairModelVerifier(() => fixture.Int8);
        var pairs = PairModelFixture.AgentPairs.Take(96).ToArray();
        var expected = pairs.Select(p => verifier.Verify(new CacheHitCandidate(p.Asked, p.Stored, 0.9, 0.75))).ToArray();
        var actual = new CacheVerdict[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var mine = new CacheVerdict[pairs.Length];
            for (var k = 0; k < pairs.Length; k++)
            {
                var i = (k + (worker * 13)) % pairs.Length;
                mine[i] = verifier.Verify(new CacheHitCandidate(pairs[i].Asked, pairs[i].Stored, 0.9, 0.75));
            }

            actual[worker] = mine;
        });

        Assert.All(actual, verdicts => Assert.Equal(expected, verdicts));
        Assert.True(verifier.ModelLoaded);
    }

    [Fact]
    public void ShortPairBar_AppliesToLexicalAcceptsWhenBothPromptsAreShort_AndNeverLowersTheBar()
    {
        static PairModelVerifier With(int words, double shortBar) =>
            new(() => throw new InvalidOperationException("the bars need no model"), minScore: 2.0)
            {
                LexicalAcceptedMinScore = -3.5,
                ShortPairMaxWords = words,
                ShortLexicalAcceptedMinScore = shortBar,
            };

        var verifier = With(5, -1.0);
        Assert.True(verifier.IsShortPair("cancel order 5 now", "  cancel   my order\tfive "));
        Assert.False(verifier.IsShortPair("please cancel order 5 right now", "cancel order 5"));
        Assert.False(verifier.IsShortPair("cancel order 5", "please cancel order 5 right now"));
        Assert.Equal(-1.0, verifier.Bar(lexicalAccepted: true, softRuleFired: false, shortPair: true));
        Assert.Equal(-3.5, verifier.Bar(lexicalAccepted: true, softRuleFired: false, shortPair: false));
        Assert.Equal(2.0, verifier.Bar(lexicalAccepted: false, softRuleFired: false, shortPair: true));
        Assert.False(verifier.Serves(lexicalAccepted: true, softRuleFired: false, score: -2.0, "cancel order 5 now", "cancel my order five"));
        Assert.True(verifier.Serves(lexicalAccepted: true, softRuleFired: false, score: -2.0, "please cancel order 5 right now", "cancel order 5"));

        Assert.False(With(0, -1.0).IsShortPair("a", "b"));
        Assert.Equal(-3.5, With(5, -5.0).Bar(lexicalAccepted: true, softRuleFired: false, shortPair: true));

        // A short pair's own overrule bar, for what the lexical verifier vetoes; it also caps the lexical-accepted bar.
        var own = new PairModelVerifier(() => throw new InvalidOperationException("the bars need no model"), minScore: 2.0)
        {
            LexicalAcceptedMinScore = -3.5,
            ShortPairMaxWords = 5,
            ShortPairMinScore = 1.5,
            ShortLexicalAcceptedMinScore = 3.0,
        };
        Assert.Equal(1.5, own.Bar(lexicalAccepted: false, softRuleFired: false, shortPair: true));
        Assert.Equal(2.0, own.Bar(lexicalAccepted: false, softRuleFired: false, shortPair: false));
        Assert.Equal(1.5, own.Bar(lexicalAccepted: true, softRuleFired: false, shortPair: true));
        Assert.Equal(-3.5, own.Bar(lexicalAccepted: true, softRuleFired: false, shortPair: false));
    }

    [Fact]
    public void Settings_MustBeFinite()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairModelVerifier(minScore: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairModelVerifier(cosineWeight: -1));
    }

    /// <summary>The fallback serves nothing the previous default (every slot-guard rule, learned p ≥ 0.72) would not.</summary>
    private static void AssertFallback(PairModelVerifier verifier)
    {
        var previous = new VerifierPipeline([SlotGuardVerifier.Instance, new LearnedHitVerifier()]);
        var served = 0;
        foreach (var (asked, stored, _) in PairModelFixture.AgentPairs)
        {
            var candidate = new CacheHitCandidate(asked, stored, 0.93, 0.75);
            var verdict = verifier.Verify(candidate);
            Assert.StartsWith("fallback:", verdict.Reason, StringComparison.Ordinal);
            if (verdict.Accepted)
            {
                served++;
                Assert.True(previous.Verify(candidate, out var verdicts, out _), verdicts);
            }
        }

        Assert.True(served > 0, "the fallback should still serve clear paraphrases");
    }
}
